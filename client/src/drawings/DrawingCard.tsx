import { Link } from 'react-router';
import type { DrawingSummary } from '../api/types';
import { formatDateTime, formatRelative } from '../ui/format';
import { DrawingThumb } from './DrawingThumb';

export interface DrawingCardProps {
  drawing: DrawingSummary;
  onRename(drawing: DrawingSummary): void;
  onDelete(drawing: DrawingSummary): void;
}

/** One drawing in the list: open it, rename it or delete it. */
export function DrawingCard({ drawing, onRename, onDelete }: DrawingCardProps) {
  return (
    <li className="card drawing-card">
      <Link to={`/drawings/${drawing.id}`} className="drawing-card-link">
        <DrawingThumb />
        <span className="drawing-card-title">{drawing.title}</span>
      </Link>
      <div className="drawing-card-footer">
        <time className="muted" dateTime={drawing.updatedAt} title={formatDateTime(drawing.updatedAt)}>
          Edited {formatRelative(drawing.updatedAt)}
        </time>
        <div className="drawing-card-actions">
          <button
            type="button"
            className="button button-ghost button-small"
            aria-label={`Rename ${drawing.title}`}
            onClick={() => onRename(drawing)}
          >
            Rename
          </button>
          <button
            type="button"
            className="button button-ghost button-small button-danger-text"
            aria-label={`Delete ${drawing.title}`}
            onClick={() => onDelete(drawing)}
          >
            Delete
          </button>
        </div>
      </div>
    </li>
  );
}
