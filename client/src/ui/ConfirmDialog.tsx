import { useState, type ReactNode } from 'react';
import type { AppError, Outcome } from '../api/errors';
import { Dialog } from './Dialog';
import { ErrorMessage } from './ErrorMessage';

export interface ConfirmDialogProps {
  title: string;
  open: boolean;
  /** The verb on the button, e.g. "Delete drawing". */
  confirmLabel: string;
  danger?: boolean;
  onConfirm(): Promise<Outcome<unknown>>;
  onClose(): void;
  children: ReactNode;
}

/** Asks before something that cannot be undone; stays open with the error if it fails. */
export function ConfirmDialog({ title, open, confirmLabel, danger, onConfirm, onClose, children }: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const close = () => {
    setError(null);
    onClose();
  };

  const confirm = async () => {
    setBusy(true);
    const outcome = await onConfirm();
    setBusy(false);
    if (outcome.ok) close();
    else setError(outcome.error);
  };

  return (
    <Dialog title={title} open={open} onClose={close}>
      <div className="dialog-body">{children}</div>
      <ErrorMessage error={error} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={close}>
          Cancel
        </button>
        <button
          type="button"
          className={`button ${danger ? 'button-danger' : 'button-primary'}`}
          disabled={busy}
          onClick={() => void confirm()}
        >
          {busy ? 'Working…' : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
