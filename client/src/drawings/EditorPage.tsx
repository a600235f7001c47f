import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { Editor } from '../editor/Editor';
import { useAppDispatch, useAppSelector } from '../hooks';
import { NotFoundPage } from '../layout/NotFoundPage';
import { ErrorMessage } from '../ui/ErrorMessage';
import { PageHeading } from '../ui/PageHeading';
import { ConflictDialog } from './ConflictDialog';
import { DraftDialog } from './DraftDialog';
import {
  closed,
  selectOpenDrawingLoadError,
  selectOpenDrawingLoadStatus,
  selectOpenDrawingTitle,
} from './openDrawingSlice';
import { openDrawing, saveDrawing } from './saveQueue';
import { SaveProblems, SaveStatus } from './SaveStatus';
import { useAutosave } from './useAutosave';

/** The editor on one drawing: loads it, saves it as it changes, shows how saving goes. */
export function EditorPage() {
  const { id = '' } = useParams();
  const dispatch = useAppDispatch();
  const status = useAppSelector(selectOpenDrawingLoadStatus);
  const error = useAppSelector(selectOpenDrawingLoadError);

  useEffect(() => {
    void dispatch(openDrawing(id));
    return () => {
      // Leaving the drawing inside the app: whatever is unsaved goes now (the thunk reads the
      // document before it returns), then the page forgets it.
      void dispatch(saveDrawing());
      dispatch(closed(id));
    };
  }, [dispatch, id]);

  if (status === 'failed' && error && (error.status === 404 || error.status === 422)) return <NotFoundPage />;
  if (status === 'failed') {
    return (
      <div className="page page-narrow">
        <PageHeading title="Drawing not loaded" />
        <ErrorMessage error={error} onRetry={() => void dispatch(openDrawing(id))} />
      </div>
    );
  }
  if (status !== 'ready') {
    return (
      <p className="page muted" role="status">
        Opening the drawing…
      </p>
    );
  }
  return <ReadyEditor />;
}

function ReadyEditor() {
  const title = useAppSelector(selectOpenDrawingTitle);
  useAutosave();
  return (
    <div className="editor-page">
      <div className="editor-bar">
        <Link to="/drawings" className="button button-ghost button-small back-link">
          <span aria-hidden="true">←</span> Drawings
        </Link>
        <PageHeading title={title} />
        <SaveStatus />
      </div>
      <SaveProblems />
      <Editor />
      <ConflictDialog />
      <DraftDialog />
    </div>
  );
}
