import { useAppDispatch, useAppSelector } from '../hooks';
import { ChoiceDialog } from '../ui/Dialog';
import { formatDateTime, formatRelative } from '../ui/format';
import { selectDraftOffer } from './openDrawingSlice';
import { discardDraft, restoreDraft } from './saveQueue';

/** Unsaved changes kept on this device from an earlier visit (a closed or crashed tab): restore them? */
export function DraftDialog() {
  const offer = useAppSelector(selectDraftOffer);
  const dispatch = useAppDispatch();
  const choices = (
    <div className="dialog-actions">
      <button type="button" className="button" onClick={() => dispatch(discardDraft())}>
        Discard them
      </button>
      <button type="button" className="button button-primary" onClick={() => void dispatch(restoreDraft())}>
        Restore changes
      </button>
    </div>
  );
  return (
    <ChoiceDialog title="Restore unsaved changes?" subject={offer} choices={choices}>
      {(draft) => (
        <>
          <p>
            This device kept {draft.changes === 1 ? '1 change' : `${draft.changes.toLocaleString()} changes`} to this
            drawing that did not reach Easel (last change{' '}
            <time dateTime={draft.savedAt} title={formatDateTime(draft.savedAt)}>
              {formatRelative(draft.savedAt)}
            </time>
            ).
          </p>
          <p className="muted">Restoring puts them back on the drawing and saves them.</p>
        </>
      )}
    </ChoiceDialog>
  );
}
