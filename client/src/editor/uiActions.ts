import type { Shape } from './shapes';
import type { TextEditing, Tool, Viewport } from './editorActions';

// The editor's UI actions: never in history, never change the revision. This module holds their
// creators and nothing else, since `UiAction` is what they return (editorActions.ts).

export const toolSelected = (tool: Tool) => ({ type: 'editor/toolSelected' as const, payload: tool });

export const selectionChanged = (ids: string[]) => ({ type: 'editor/selectionChanged' as const, payload: ids });

/** Pan, zoom or resize; dispatched when a gesture ends, not on every frame of it. */
export const viewportChanged = (viewport: Partial<Viewport>) => ({
  type: 'editor/viewportChanged' as const,
  payload: viewport,
});

export const selectionCopied = (shapes: Shape[]) => ({ type: 'editor/selectionCopied' as const, payload: shapes });

export const textEditingStarted = (editing: TextEditing) => ({
  type: 'editor/textEditingStarted' as const,
  payload: editing,
});

export const textEditingEnded = () => ({ type: 'editor/textEditingEnded' as const });

export const helpToggled = (open: boolean) => ({ type: 'editor/helpToggled' as const, payload: open });

export const noticeDismissed = () => ({ type: 'editor/noticeDismissed' as const });
