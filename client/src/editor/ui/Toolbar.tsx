import { useAppDispatch, useAppSelector } from '../../hooks';
import { toolSelected } from '../editorActions';
import { selectTool } from '../editorSelectors';
import { TOOL_KEYS, TOOL_LABELS, TOOLS } from '../keyboard';
import { IconButton } from './IconButton';
import { Icon } from './icons';

/** The floating tool bar: one button per tool, the current one pressed. */
export function Toolbar() {
  const tool = useAppSelector(selectTool);
  const dispatch = useAppDispatch();
  return (
    <div role="toolbar" aria-label="Tools" className="ed-panel ed-toolbar">
      {TOOLS.map((candidate) => (
        <IconButton
          key={candidate}
          label={TOOL_LABELS[candidate]}
          keys={TOOL_KEYS[candidate]}
          aria-pressed={tool === candidate}
          onClick={() => dispatch(toolSelected(candidate))}
        >
          <Icon name={candidate} />
          <span className="ed-key-hint" aria-hidden="true">
            {TOOL_KEYS[candidate]}
          </span>
        </IconButton>
      ))}
    </div>
  );
}
