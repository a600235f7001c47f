import type { AppThunk } from '../store';
import {
  copySelection,
  cutSelection,
  deleteSelection,
  duplicateSelection,
  editSelectedText,
  nudgeSelection,
  pasteClipboard,
  reorderSelection,
  selectAll,
  zoomReset,
  zoomStep,
  zoomToFit,
} from './commands';
import { helpToggled, historyRedone, historyUndone, selectionChanged, toolSelected } from './editorActions';
import { selectHelpOpen, selectSelectedIds, selectTool } from './editorSelectors';
import { exportPng, exportSvg } from './export/exportCommands';
import { MOD_LABEL, TOOL_KEYS, TOOL_LABELS, TOOLS, type KeyCombo } from './keyboard';

type Group = 'Tools' | 'Edit' | 'Arrange' | 'View';
type Command = () => AppThunk | { type: string };

export interface Shortcut {
  id: string;
  group: Group;
  /** What the help panel lists; empty for variants it does not list separately. */
  label: string;
  /** How the help panel and tooltips spell the keys. */
  keys: string;
  combos: KeyCombo[];
  /** Absent for what the help lists but the pointer does (pan, wheel zoom). */
  command?: Command;
}

/** Escape: close help, else drop the selection, else go back to the select tool. */
const escape = (): AppThunk => (dispatch, getState) => {
  const state = getState();
  if (selectHelpOpen(state)) dispatch(helpToggled(false));
  else if (selectSelectedIds(state).length > 0) dispatch(selectionChanged([]));
  else if (selectTool(state) !== 'select') dispatch(toolSelected('select'));
};

const toggleHelp = (): AppThunk => (dispatch, getState) => dispatch(helpToggled(!selectHelpOpen(getState())));

const mod = (key: string) => `${MOD_LABEL}+${key}`;
const on = (key: string, extra: Omit<KeyCombo, 'key'> = {}): KeyCombo => ({ key, ...extra });
const withMod = (key: string, shift?: boolean): KeyCombo => ({ key, mod: true, shift });
const physical = (code: string, shift: boolean): KeyCombo => ({ code, mod: true, shift });

function entry(group: Group, id: string, label: string, keys: string, combos: KeyCombo[], command?: Command): Shortcut {
  return { id, group, label, keys, combos, command };
}

const toolShortcuts = TOOLS.map((tool) =>
  entry('Tools', `tool-${tool}`, TOOL_LABELS[tool], TOOL_KEYS[tool], [on(TOOL_KEYS[tool])], () => toolSelected(tool)),
);

/** Arrow keys move the selection by 1 px, or 10 px with Shift. */
const nudges = (['Left', 'Right', 'Up', 'Down'] as const).flatMap((direction) => {
  const [dx, dy] = { Left: [-1, 0], Right: [1, 0], Up: [0, -1], Down: [0, 1] }[direction];
  const key = `Arrow${direction}`;
  return [
    entry('Edit', `nudge-${key}`, '', '', [on(key, { shift: false })], () => nudgeSelection(dx!, dy!)),
    entry('Edit', `nudge-far-${key}`, '', '', [on(key, { shift: true })], () => nudgeSelection(dx! * 10, dy! * 10)),
  ];
});

/** Every keyboard shortcut: the key handler runs them, the help panel lists the labelled ones. */
export const SHORTCUTS: Shortcut[] = [
  ...toolShortcuts,
  entry('Edit', 'undo', 'Undo', mod('Z'), [withMod('z', false)], historyUndone),
  entry('Edit', 'redo', 'Redo', `${mod('Shift+Z')} or ${mod('Y')}`, [withMod('z', true), withMod('y')], historyRedone),
  entry('Edit', 'delete', 'Delete', 'Delete or Backspace', [on('Delete'), on('Backspace')], deleteSelection),
  entry('Edit', 'duplicate', 'Duplicate', mod('D'), [withMod('d')], duplicateSelection),
  entry('Edit', 'copy', 'Copy', mod('C'), [withMod('c')], copySelection),
  entry('Edit', 'cut', 'Cut', mod('X'), [withMod('x')], cutSelection),
  entry('Edit', 'paste', 'Paste', mod('V'), [withMod('v')], pasteClipboard),
  entry('Edit', 'select-all', 'Select all', mod('A'), [withMod('a')], selectAll),
  entry('Edit', 'nudge', 'Nudge (Shift: 10 px)', 'Arrow keys', []),
  ...nudges,
  entry('Edit', 'edit-text', 'Edit the selected text', 'Enter', [on('Enter')], editSelectedText),
  entry('Edit', 'escape', 'Deselect / close', 'Escape', [on('Escape')], escape),
  entry('Arrange', 'forward', 'Bring forward', mod(']'), [physical('BracketRight', false)], () =>
    reorderSelection('forward'),
  ),
  entry('Arrange', 'backward', 'Send backward', mod('['), [physical('BracketLeft', false)], () =>
    reorderSelection('backward'),
  ),
  entry('Arrange', 'front', 'Bring to front', mod('Shift+]'), [physical('BracketRight', true)], () =>
    reorderSelection('front'),
  ),
  entry('Arrange', 'back', 'Send to back', mod('Shift+['), [physical('BracketLeft', true)], () =>
    reorderSelection('back'),
  ),
  entry('View', 'zoom-in', 'Zoom in', '+', [on('+'), on('='), withMod('='), withMod('+')], () => zoomStep(1)),
  entry('View', 'zoom-out', 'Zoom out', '−', [on('-'), withMod('-')], () => zoomStep(-1)),
  entry('View', 'zoom-reset', 'Zoom to 100%', mod('0'), [withMod('0')], zoomReset),
  entry('View', 'zoom-fit', 'Fit to content', 'Shift+1', [{ code: 'Digit1', shift: true }], zoomToFit),
  entry('View', 'pan', 'Pan', 'Space+drag or middle button', []),
  entry('View', 'wheel', 'Zoom at the pointer', 'Wheel or pinch', []),
  entry('View', 'export-png', 'Export as PNG', mod('Shift+E'), [withMod('e', true)], exportPng),
  entry('View', 'export-svg', 'Export as SVG', '', [], exportSvg),
  entry('View', 'help', 'Keyboard shortcuts', '?', [on('?')], toggleHelp),
];

/** How the shortcut for `id` is spelled ("Ctrl+D"), for tooltips next to a label. */
export function keysOf(id: string): string | undefined {
  return SHORTCUTS.find((candidate) => candidate.id === id)?.keys || undefined;
}
