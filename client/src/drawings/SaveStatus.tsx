import { useAppDispatch, useAppSelector } from '../hooks';
import { selectSaveError, selectSaveState, type SaveState } from './openDrawingSlice';
import { retryNow } from './saveQueue';
import { useSaveAsCopy } from './useSaveAsCopy';

const LABELS: Record<SaveState, string> = {
  saved: 'Saved',
  unsaved: 'Unsaved changes',
  saving: 'Saving…',
  offline: 'Offline — will save when back',
  retrying: 'Not saved — retrying',
  failed: 'Not saved',
  conflict: 'Changed elsewhere',
};

const HINTS: Partial<Record<SaveState, string>> = {
  offline: 'Your changes are kept on this device and saved as soon as Easel can be reached.',
  retrying: 'Easel had a problem saving; your changes are kept on this device and tried again shortly.',
};

/** The save state next to the title, announced politely as it changes. */
export function SaveStatus() {
  const state = useAppSelector(selectSaveState);
  const dispatch = useAppDispatch();
  const canRetry = state === 'unsaved' || state === 'failed' || state === 'offline' || state === 'retrying';
  return (
    <div className="save-status-group">
      <span role="status" className={`save-status save-status-${state}`} title={HINTS[state]} data-state={state}>
        <span className="save-dot" aria-hidden="true" />
        {LABELS[state]}
      </span>
      {canRetry && (
        <button type="button" className="button button-small" onClick={() => void dispatch(retryNow())}>
          {state === 'unsaved' ? 'Save now' : 'Retry now'}
        </button>
      )}
    </div>
  );
}

/** A save the queue cannot retry by itself (the server refused it): said plainly, with a way out. */
export function SaveProblems() {
  const state = useAppSelector(selectSaveState);
  const error = useAppSelector(selectSaveError);
  const saveAsNew = useSaveAsCopy();
  if (state !== 'failed' || !error) return null;
  if (error.code === 'not_found') {
    return (
      <div role="alert" className="alert alert-error banner">
        <span>This drawing was deleted elsewhere. Your version is still here, kept on this device.</span>
        <button type="button" className="button button-small" onClick={() => void saveAsNew.run()}>
          Save as a new drawing
        </button>
      </div>
    );
  }
  return (
    <div role="alert" className="alert alert-error banner">
      Your latest changes are not saved: {error.message} They are kept on this device.
    </div>
  );
}
