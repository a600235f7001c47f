import { useAppDispatch, useAppSelector } from '../../hooks';
import { applyStyle } from '../commands';
import { selectSelectedShapes, selectStyle, selectTool } from '../editorSelectors';
import { FILL_SWATCHES, STROKE_SWATCHES } from '../palette';
import type { Shape, ShapeStyle } from '../shapes';
import { ColourRow, ChoiceRow, OpacityRow } from './styleControls';
import { ShortcutButton } from './ShortcutButton';

const WIDTHS = [
  { value: 1, name: 'Thin' },
  { value: 2, name: 'Regular' },
  { value: 4, name: 'Bold' },
  { value: 8, name: 'Extra bold' },
];
const FONT_SIZES = [
  { value: 16, name: 'Small', short: 'S' },
  { value: 20, name: 'Medium', short: 'M' },
  { value: 28, name: 'Large', short: 'L' },
  { value: 36, name: 'Extra large', short: 'XL' },
];

/** What the panel shows: the first selected shape's style, else the style of new shapes. */
function shownStyle(selected: Shape[], style: ShapeStyle): ShapeStyle {
  const first = selected[0];
  if (!first) return style;
  return { ...style, ...first, fontSize: first.type === 'text' ? first.fontSize : style.fontSize };
}

/**
 * Which rows apply to the selection (or to the tool about to draw). A text's background is set
 * on the text itself: new texts start without one (see createShape).
 */
function rowsFor(types: Set<string>, hasSelection: boolean) {
  const has = (...wanted: string[]) => wanted.some((type) => types.has(type));
  return {
    fill: has('rect', 'ellipse') || (hasSelection && has('text')),
    width: has('rect', 'ellipse', 'line', 'arrow', 'pen'),
    fontSize: has('text'),
  };
}

/** Stroke, fill, width, font size and opacity for the selection or the next shape; and its actions. */
export function StylePanel() {
  const selected = useAppSelector(selectSelectedShapes);
  const style = useAppSelector(selectStyle);
  const tool = useAppSelector(selectTool);
  const dispatch = useAppDispatch();
  if (selected.length === 0 && tool === 'select') return null;

  const types = new Set<string>(selected.length > 0 ? selected.map((shape) => shape.type) : [tool]);
  const rows = rowsFor(types, selected.length > 0);
  const shown = shownStyle(selected, style);
  const apply = (change: Partial<ShapeStyle>) => dispatch(applyStyle(change));

  return (
    <section className="ed-panel ed-style-panel" aria-label="Style">
      <ColourRow label="Stroke" choices={STROKE_SWATCHES} value={shown.stroke} onPick={(stroke) => apply({ stroke })} />
      {rows.fill && (
        <ColourRow
          label={types.has('text') && types.size === 1 ? 'Background' : 'Fill'}
          choices={FILL_SWATCHES}
          value={shown.fill}
          onPick={(fill) => apply({ fill })}
        />
      )}
      {rows.width && (
        <ChoiceRow
          label="Stroke width"
          choices={WIDTHS.map((w) => ({
            ...w,
            content: <span className="ed-width-sample" style={{ height: w.value }} />,
          }))}
          value={shown.strokeWidth}
          onPick={(strokeWidth) => apply({ strokeWidth })}
        />
      )}
      {rows.fontSize && (
        <ChoiceRow
          label="Font size"
          choices={FONT_SIZES.map((f) => ({ ...f, content: f.short }))}
          value={shown.fontSize}
          onPick={(fontSize) => apply({ fontSize })}
        />
      )}
      <OpacityRow value={shown.opacity} onCommit={(opacity) => apply({ opacity })} />
      {selected.length > 0 && (
        <div className="ed-row" role="group" aria-label="Actions">
          <span className="ed-row-label">Actions</span>
          <div className="ed-row-controls">
            <ShortcutButton id="duplicate" tooltip="below" icon="duplicate" />
            <ShortcutButton id="delete" tooltip="below" icon="trash" />
            <ShortcutButton id="forward" tooltip="below" icon="forward" />
            <ShortcutButton id="backward" tooltip="below" icon="backward" />
          </div>
        </div>
      )}
    </section>
  );
}
