import type { Tool } from './editorActions';

/** True while the user types into a field or the text editor: shortcuts must leave keys alone there. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

export const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
export const MOD_LABEL = IS_MAC ? '⌘' : 'Ctrl';

/** A key combination. `key` is compared case-insensitively; `code` (a physical key) when set. */
export interface KeyCombo {
  key?: string;
  code?: string;
  mod?: boolean;
  shift?: boolean;
}

/** Whether `event` is exactly `combo` (Ctrl on Windows/Linux, ⌘ on macOS). */
export function matchesCombo(event: KeyboardEvent, combo: KeyCombo): boolean {
  const mod = IS_MAC ? event.metaKey : event.ctrlKey;
  if (!!combo.mod !== mod || event.altKey) return false;
  if (combo.shift !== undefined && combo.shift !== event.shiftKey) return false;
  if (combo.code) return event.code === combo.code;
  return event.key.toLowerCase() === combo.key?.toLowerCase();
}

export const TOOL_KEYS: Record<Tool, string> = {
  select: 'V',
  rect: 'R',
  ellipse: 'O',
  line: 'L',
  arrow: 'A',
  pen: 'P',
  text: 'T',
};

export const TOOL_LABELS: Record<Tool, string> = {
  select: 'Select',
  rect: 'Rectangle',
  ellipse: 'Ellipse',
  line: 'Line',
  arrow: 'Arrow',
  pen: 'Pen',
  text: 'Text',
};

export const TOOLS = Object.keys(TOOL_KEYS) as Tool[];
