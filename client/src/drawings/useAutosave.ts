import { useEffect } from 'react';
import { selectDocumentRevision } from '../editor/editorSlice';
import { useAppDispatch, useAppSelector } from '../hooks';
import { saveDrawing, selectHasUnsavedChanges, selectSaveState } from './openDrawingSlice';

/** Quiet time after the last change before the drawing is saved. */
export const AUTOSAVE_DELAY_MS = 800;

/**
 * Saves the open drawing a moment after each change and at once on Ctrl/Cmd+S, and has the
 * browser ask before a tab with unsaved changes is closed. (EditorPage saves when it is left.)
 */
export function useAutosave(): void {
  const dispatch = useAppDispatch();
  const revision = useAppSelector(selectDocumentRevision);
  const saveState = useAppSelector(selectSaveState);
  const hasUnsavedChanges = useAppSelector(selectHasUnsavedChanges);

  useEffect(() => {
    if (saveState !== 'unsaved') return;
    const timer = setTimeout(() => void dispatch(saveDrawing()), AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [dispatch, revision, saveState]);

  useEffect(() => {
    const saveNow = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 's' || !(event.ctrlKey || event.metaKey)) return;
      event.preventDefault();
      void dispatch(saveDrawing());
    };
    window.addEventListener('keydown', saveNow);
    return () => window.removeEventListener('keydown', saveNow);
  }, [dispatch]);

  useEffect(() => {
    if (!hasUnsavedChanges) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [hasUnsavedChanges]);
}
