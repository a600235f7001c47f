import { useEffect } from 'react';
import { useAppDispatch, useAppSelector } from '../../hooks';
import { noticeDismissed } from '../editorActions';
import { selectNotice } from '../editorSelectors';

const SHOWN_MS = 5_000;

/** A short message when the editor refused something (e.g. a drawing at its size limit). */
export function Notice() {
  const notice = useAppSelector(selectNotice);
  const dispatch = useAppDispatch();
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => dispatch(noticeDismissed()), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [notice, dispatch]);
  return (
    <div className="ed-notice-area" aria-live="polite">
      {notice && (
        <p className="ed-panel ed-notice">
          {notice}
          <button type="button" className="ed-notice-close" onClick={() => dispatch(noticeDismissed())}>
            OK
          </button>
        </p>
      )}
    </div>
  );
}
