import { useState } from 'react';
import { useNavigate } from 'react-router';
import { succeeded } from '../api/errors';
import type { DrawingSummary } from '../api/types';
import { useAppDispatch, useAppSelector, useLoad, useLoadMore } from '../hooks';
import { ConfirmDelete, useQuestion } from '../ui/ConfirmDialog';
import { LoadStatus } from '../ui/LoadStatus';
import { LoadMore } from '../ui/LoadMore';
import { PageHeading } from '../ui/PageHeading';
import { DrawingCard } from './DrawingCard';
import { DrawingThumb } from './DrawingThumb';
import {
  createDrawing,
  deleteDrawing,
  fetchDrawings,
  fetchMoreDrawings,
  renameDrawing,
  selectDrawings,
  selectDrawingsError,
  selectDrawingsStatus,
  selectHasMoreDrawings,
  UNTITLED,
} from './drawingsSlice';
import { TitleDialog } from './TitleDialog';

type Editing = { kind: 'create' } | { kind: 'rename'; drawing: DrawingSummary };

/** "My drawings": the list, with create, rename, delete and open. */
export function DrawingsPage() {
  const dispatch = useAppDispatch();
  const navigate = useNavigate();
  const drawings = useAppSelector(selectDrawings);
  const [editing, setEditing] = useState<Editing | null>(null);
  const deleting = useQuestion<DrawingSummary>();
  const progress = useLoad(fetchDrawings, selectDrawingsStatus, selectDrawingsError);
  const more = useLoadMore(fetchMoreDrawings, selectHasMoreDrawings, progress);

  const close = () => setEditing(null);
  const renaming = editing?.kind === 'rename' ? editing.drawing : null;
  const isEmpty = progress.status === 'succeeded' && drawings.length === 0;
  // After a failed next page, trying again loads that page.
  const retry = () => void dispatch(more.hasMore ? fetchMoreDrawings() : fetchDrawings());

  return (
    <div className="page">
      <div className="page-header">
        <PageHeading title="My drawings" />
        <button type="button" className="button button-primary" onClick={() => setEditing({ kind: 'create' })}>
          New drawing
        </button>
      </div>

      <LoadStatus
        progress={{ ...progress, retry }}
        loadingLabel="Loading your drawings…"
        hasContent={drawings.length > 0}
      />

      {isEmpty && (
        <div className="card empty-state">
          <DrawingThumb className="drawing-thumb empty-thumb" />
          <h2>No drawings yet</h2>
          <p className="muted">Start one: it is saved as you draw.</p>
          <button type="button" className="button button-primary" onClick={() => setEditing({ kind: 'create' })}>
            Create your first drawing
          </button>
        </div>
      )}

      {drawings.length > 0 && (
        <ul className="drawing-grid" aria-label="Drawings">
          {drawings.map((drawing) => (
            <DrawingCard
              key={drawing.id}
              drawing={drawing}
              onRename={(target) => setEditing({ kind: 'rename', drawing: target })}
              onDelete={deleting.ask}
            />
          ))}
        </ul>
      )}

      <LoadMore {...more} label="Show more drawings" />

      <TitleDialog
        heading="New drawing"
        submitLabel="Create and open"
        initialTitle={UNTITLED}
        open={editing?.kind === 'create'}
        onClose={close}
        onSubmit={async (title) => {
          const outcome = await dispatch(createDrawing(title));
          if (outcome.ok) void navigate(`/drawings/${outcome.value.id}`);
          return outcome;
        }}
      />
      <TitleDialog
        heading="Rename drawing"
        submitLabel="Rename"
        initialTitle={renaming?.title ?? ''}
        open={renaming !== null}
        onClose={close}
        onSubmit={async (title) => (renaming ? dispatch(renameDrawing(renaming, title)) : succeeded(undefined))}
      />
      <ConfirmDelete what="drawing" question={deleting} onConfirm={(drawing) => dispatch(deleteDrawing(drawing.id))}>
        {(drawing) => <p>“{drawing.title}” will be deleted for good. This cannot be undone.</p>}
      </ConfirmDelete>
    </div>
  );
}
