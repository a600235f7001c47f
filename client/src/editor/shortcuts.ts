import type { AppThunk } from '../store';
import {
  copySelection,
  cutSelection,
  deleteSelection,
  duplicateSelection,
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

export interface Shortcut {
  id: string;
  label: string;
  group: 'Tools' | 'Edit' | 'Arrange' | 'View';
  /** How the help panel and tooltips spell the keys. */
  keys: string;
  combos: KeyCombo[];
  /** Absent for what the help lists but the pointer does (pan, wheel zoom). */
  command?: () => AppThunk | { type: string };
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

const toolShortcuts: Shortcut[] = TOOLS.map((tool) => ({
  id: `tool-${tool}`,
  label: TOOL_LABELS[tool],
  group: 'Tools',
  keys: TOOL_KEYS[tool],
  combos: [{ key: TOOL_KEYS[tool] }],
  command: () => toolSelected(tool),
}));

const nudge = (key: string, dx: number, dy: number): Shortcut[] => [
  {
    id: `nudge-${key}`,
    label: '',
    group: 'Edit',
    keys: '',
    combos: [{ key, shift: false }],
    command: () => nudgeSelection(dx, dy),
  },
  {
    id: `nudge-far-${key}`,
    label: '',
    group: 'Edit',
    keys: '',
    combos: [{ key, shift: true }],
    command: () => nudgeSelection(dx * 10, dy * 10),
  },
];

/** Every keyboard shortcut: the key handler runs them, the help panel lists the labelled ones. */
export const SHORTCUTS: Shortcut[] = [
  ...toolShortcuts,
  {
    id: 'undo',
    label: 'Undo',
    group: 'Edit',
    keys: mod('Z'),
    combos: [{ key: 'z', mod: true, shift: false }],
    command: historyUndone,
  },
  {
    id: 'redo',
    label: 'Redo',
    group: 'Edit',
    keys: `${mod('Shift+Z')} or ${mod('Y')}`,
    combos: [
      { key: 'z', mod: true, shift: true },
      { key: 'y', mod: true },
    ],
    command: historyRedone,
  },
  {
    id: 'delete',
    label: 'Delete',
    group: 'Edit',
    keys: 'Delete or Backspace',
    combos: [{ key: 'Delete' }, { key: 'Backspace' }],
    command: deleteSelection,
  },
  {
    id: 'duplicate',
    label: 'Duplicate',
    group: 'Edit',
    keys: mod('D'),
    combos: [{ key: 'd', mod: true }],
    command: duplicateSelection,
  },
  {
    id: 'copy',
    label: 'Copy',
    group: 'Edit',
    keys: mod('C'),
    combos: [{ key: 'c', mod: true }],
    command: copySelection,
  },
  { id: 'cut', label: 'Cut', group: 'Edit', keys: mod('X'), combos: [{ key: 'x', mod: true }], command: cutSelection },
  {
    id: 'paste',
    label: 'Paste',
    group: 'Edit',
    keys: mod('V'),
    combos: [{ key: 'v', mod: true }],
    command: pasteClipboard,
  },
  {
    id: 'select-all',
    label: 'Select all',
    group: 'Edit',
    keys: mod('A'),
    combos: [{ key: 'a', mod: true }],
    command: selectAll,
  },
  { id: 'nudge', label: 'Nudge (Shift: 10 px)', group: 'Edit', keys: 'Arrow keys', combos: [] },
  ...nudge('ArrowLeft', -1, 0),
  ...nudge('ArrowRight', 1, 0),
  ...nudge('ArrowUp', 0, -1),
  ...nudge('ArrowDown', 0, 1),
  {
    id: 'escape',
    label: 'Deselect / close',
    group: 'Edit',
    keys: 'Escape',
    combos: [{ key: 'Escape' }],
    command: escape,
  },
  {
    id: 'forward',
    label: 'Bring forward',
    group: 'Arrange',
    keys: mod(']'),
    combos: [{ code: 'BracketRight', mod: true, shift: false }],
    command: () => reorderSelection('forward'),
  },
  {
    id: 'backward',
    label: 'Send backward',
    group: 'Arrange',
    keys: mod('['),
    combos: [{ code: 'BracketLeft', mod: true, shift: false }],
    command: () => reorderSelection('backward'),
  },
  {
    id: 'front',
    label: 'Bring to front',
    group: 'Arrange',
    keys: mod('Shift+]'),
    combos: [{ code: 'BracketRight', mod: true, shift: true }],
    command: () => reorderSelection('front'),
  },
  {
    id: 'back',
    label: 'Send to back',
    group: 'Arrange',
    keys: mod('Shift+['),
    combos: [{ code: 'BracketLeft', mod: true, shift: true }],
    command: () => reorderSelection('back'),
  },
  {
    id: 'zoom-in',
    label: 'Zoom in',
    group: 'View',
    keys: '+',
    combos: [{ key: '+' }, { key: '=' }, { key: '=', mod: true }, { key: '+', mod: true }],
    command: () => zoomStep(1),
  },
  {
    id: 'zoom-out',
    label: 'Zoom out',
    group: 'View',
    keys: '−',
    combos: [{ key: '-' }, { key: '-', mod: true }],
    command: () => zoomStep(-1),
  },
  {
    id: 'zoom-reset',
    label: 'Zoom to 100%',
    group: 'View',
    keys: mod('0'),
    combos: [{ key: '0', mod: true }],
    command: zoomReset,
  },
  {
    id: 'zoom-fit',
    label: 'Fit to content',
    group: 'View',
    keys: 'Shift+1',
    combos: [{ code: 'Digit1', shift: true }],
    command: zoomToFit,
  },
  { id: 'pan', label: 'Pan', group: 'View', keys: 'Space+drag or middle button', combos: [] },
  { id: 'wheel', label: 'Zoom at the pointer', group: 'View', keys: 'Wheel or pinch', combos: [] },
  {
    id: 'export-png',
    label: 'Export as PNG',
    group: 'View',
    keys: mod('Shift+E'),
    combos: [{ key: 'e', mod: true, shift: true }],
    command: exportPng,
  },
  { id: 'export-svg', label: 'Export as SVG', group: 'View', keys: '', combos: [], command: exportSvg },
  { id: 'help', label: 'Keyboard shortcuts', group: 'View', keys: '?', combos: [{ key: '?' }], command: toggleHelp },
];

/** "Undo (Ctrl+Z)": what tooltips show for a command. */
export function withKeys(id: string): string {
  const shortcut = SHORTCUTS.find((candidate) => candidate.id === id);
  if (!shortcut) return id;
  return shortcut.keys ? `${shortcut.label} — ${shortcut.keys}` : shortcut.label;
}

/** How the shortcut for `id` is spelled ("Ctrl+D"), for tooltips next to a label. */
export function keysOf(id: string): string | undefined {
  return SHORTCUTS.find((candidate) => candidate.id === id)?.keys || undefined;
}
