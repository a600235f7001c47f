import { useAppDispatch, useAppSelector } from '../hooks';
import {
  keepMine,
  keepTheirs,
  saveDrawing,
  selectSaveError,
  selectSaveState,
  type SaveState,
} from './openDrawingSlice';

const LABELS: Record<SaveState, string> = {
  saved: 'Saved',
  unsaved: 'Unsaved changes',
  saving: 'Saving…',
  failed: 'Not saved',
  conflict: 'Changed elsewhere',
};

/** The save state next to the title, announced politely as it changes. */
export function SaveStatus() {
  const state = useAppSelector(selectSaveState);
  const dispatch = useAppDispatch();
  return (
    <div className="save-status-group">
      <span role="status" className={`save-status save-status-${state}`}>
        <span className="save-dot" aria-hidden="true" />
        {LABELS[state]}
      </span>
      {(state === 'unsaved' || state === 'failed') && (
        <button type="button" className="button button-small" onClick={() => void dispatch(saveDrawing())}>
          {state === 'failed' ? 'Retry' : 'Save now'}
        </button>
      )}
    </div>
  );
}

/** After a 409: someone saved this drawing first. The user picks which copy wins. */
export function SaveProblems() {
  const state = useAppSelector(selectSaveState);
  const error = useAppSelector(selectSaveError);
  const dispatch = useAppDispatch();
  if (state === 'failed' && error) {
    return (
      <div role="alert" className="alert alert-error banner">
        Your latest changes are not saved: {error.message}
      </div>
    );
  }
  if (state !== 'conflict') return null;
  return (
    <div role="alert" className="alert alert-warning banner conflict-banner">
      <span>This drawing was saved in another tab or on another device while you were editing.</span>
      <span className="conflict-actions">
        <button type="button" className="button button-small" onClick={() => dispatch(keepTheirs())}>
          Load their version
        </button>
        <button type="button" className="button button-small button-primary" onClick={() => void dispatch(keepMine())}>
          Keep mine
        </button>
      </span>
    </div>
  );
}
