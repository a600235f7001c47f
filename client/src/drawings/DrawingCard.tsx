import { Link } from 'react-router';
import type { DrawingSummary } from '../api/types';
import { formatDateTime, formatRelative } from '../ui/format';
import { ItemAction } from '../ui/ItemAction';
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
          <ItemAction
            label="Rename"
            name={`Rename ${drawing.title}`}
            className="button-ghost"
            onClick={() => onRename(drawing)}
          />
          <ItemAction
            label="Delete"
            name={`Delete ${drawing.title}`}
            className="button-ghost button-danger-text"
            onClick={() => onDelete(drawing)}
          />
        </div>
      </div>
    </li>
  );
}
