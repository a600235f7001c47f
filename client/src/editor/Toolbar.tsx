import { useAppDispatch, useAppSelector } from '../hooks';
import { selectTool, toolSelected } from './editorSlice';
import { SHAPE_TYPES, type ShapeType } from './shapes';

const TOOL_LABELS: Record<ShapeType, string> = {
  rect: 'Rectangle',
  ellipse: 'Ellipse',
};

/** Picks the shape a click on the empty canvas adds. */
export function Toolbar() {
  const tool = useAppSelector(selectTool);
  const dispatch = useAppDispatch();
  return (
    <div role="toolbar" aria-label="Tools" className="toolbar">
      {SHAPE_TYPES.map((type) => (
        <button key={type} type="button" aria-pressed={tool === type} onClick={() => dispatch(toolSelected(type))}>
          {TOOL_LABELS[type]}
        </button>
      ))}
    </div>
  );
}
