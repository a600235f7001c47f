import { useEffect } from 'react';
import { selectDocumentRevision } from '../editor/editorSlice';
import { useAppDispatch, useAppSelector } from '../hooks';
import { selectHasUnsavedChanges } from './openDrawingSlice';
import { documentChanged, retryNow, saveDrawing } from './saveQueue';

/**
 * Wires the save queue to the page: every document change keeps the draft and restarts the
 * autosave countdown; Ctrl/Cmd+S saves at once; the network coming back retries at once; and
 * the browser asks before a tab with unsaved changes is closed.
 */
export function useAutosave(): void {
  const dispatch = useAppDispatch();
  const revision = useAppSelector(selectDocumentRevision);
  const hasUnsavedChanges = useAppSelector(selectHasUnsavedChanges);

  useEffect(() => {
    if (hasUnsavedChanges) dispatch(documentChanged());
  }, [dispatch, revision, hasUnsavedChanges]);

  useEffect(() => {
    const saveNow = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 's' || !(event.ctrlKey || event.metaKey)) return;
      event.preventDefault();
      void dispatch(saveDrawing());
    };
    const online = () => void dispatch(retryNow());
    window.addEventListener('keydown', saveNow);
    window.addEventListener('online', online);
    return () => {
      window.removeEventListener('keydown', saveNow);
      window.removeEventListener('online', online);
    };
  }, [dispatch]);

  useEffect(() => {
    if (!hasUnsavedChanges) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [hasUnsavedChanges]);
}
