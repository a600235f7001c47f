import { useAppDispatch, useAppSelector } from '../hooks';
import { Dialog } from '../ui/Dialog';
import { formatDateTime, formatRelative } from '../ui/format';
import { selectDraftOffer } from './openDrawingSlice';
import { discardDraft, restoreDraft } from './saveQueue';

/** Unsaved changes kept on this device from an earlier visit (a closed or crashed tab): restore them? */
export function DraftDialog() {
  const offer = useAppSelector(selectDraftOffer);
  const dispatch = useAppDispatch();
  return (
    <Dialog title="Restore unsaved changes?" open={offer !== null} onClose={() => undefined}>
      {offer && (
        <>
          <div className="dialog-body">
            <p>
              This device kept {offer.changes === 1 ? '1 change' : `${offer.changes.toLocaleString()} changes`} to this
              drawing that did not reach Easel (last change{' '}
              <time dateTime={offer.savedAt} title={formatDateTime(offer.savedAt)}>
                {formatRelative(offer.savedAt)}
              </time>
              ).
            </p>
            <p className="muted">Restoring puts them back on the drawing and saves them.</p>
          </div>
          <div className="dialog-actions">
            <button type="button" className="button" onClick={() => dispatch(discardDraft())}>
              Discard them
            </button>
            <button type="button" className="button button-primary" onClick={() => void dispatch(restoreDraft())}>
              Restore changes
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
