import { ShapeId } from '../contract';
import type { ShapeChanges } from './shapeDiff';

/**
 * The local draft of a drawing: its unsaved changes against the version they were made on.
 * Shapes only: never tokens, never the session.
 */
export interface Draft extends ShapeChanges {
  /** The drawing's server version the changes were made against. */
  version: number;
  /** When the draft was written (ISO 8601). */
  savedAt: string;
}

/** Where drafts are kept; the store gets one, tests pass `createMemoryDraftStore()`. */
export interface DraftStore {
  read(drawingId: string): Draft | null;
  write(drawingId: string, draft: Draft): void;
  remove(drawingId: string): void;
}

const KEY_PREFIX = 'easel:draft:';

function isDraft(value: unknown): value is Draft {
  if (typeof value !== 'object' || value === null) return false;
  const d = value as Partial<Draft>;
  return (
    typeof d.version === 'number' &&
    typeof d.savedAt === 'string' &&
    Array.isArray(d.added) &&
    Array.isArray(d.changed) &&
    Array.isArray(d.removed) &&
    d.removed.every((id) => ShapeId.safeParse(id).success)
  );
}

/**
 * Drafts in localStorage, one key per drawing. Written synchronously at every change, so a tab
 * closed or crashed a moment after an edit still has it. A full storage (quota) loses only the
 * draft, never the edit in the editor: writing is best effort.
 */
export function createLocalDraftStore(storage: Storage): DraftStore {
  return {
    read(drawingId) {
      try {
        const value: unknown = JSON.parse(storage.getItem(KEY_PREFIX + drawingId) ?? 'null');
        return isDraft(value) ? value : null;
      } catch {
        return null;
      }
    },
    write(drawingId, draft) {
      try {
        storage.setItem(KEY_PREFIX + drawingId, JSON.stringify(draft));
      } catch {
        // Quota or disabled storage: the editor still holds the changes and autosave still runs.
      }
    },
    remove(drawingId) {
      try {
        storage.removeItem(KEY_PREFIX + drawingId);
      } catch {
        // As above.
      }
    },
  };
}

export function createMemoryDraftStore(): DraftStore & { entries: Map<string, Draft> } {
  const entries = new Map<string, Draft>();
  return {
    entries,
    read: (drawingId) => structuredClone(entries.get(drawingId) ?? null),
    write: (drawingId, draft) => void entries.set(drawingId, structuredClone(draft)),
    remove: (drawingId) => void entries.delete(drawingId),
  };
}

/** The browser's drafts, or drafts kept in memory where storage is unavailable. */
export function createBrowserDraftStore(): DraftStore {
  try {
    if (typeof localStorage !== 'undefined') return createLocalDraftStore(localStorage);
  } catch {
    // Storage access can throw (blocked cookies); fall through.
  }
  return createMemoryDraftStore();
}
