import { useState, type ReactNode } from 'react';
import type { AppError, Outcome } from '../api/errors';
import { Dialog } from './Dialog';
import { ErrorMessage } from './ErrorMessage';

/** What a `ConfirmDialog` is asking about, while it asks, and how to stop asking. */
export interface Question<Subject> {
  asking: { subject: Subject } | null;
  dismiss(): void;
}

/**
 * The state of a confirmation: `ask(subject)` opens its dialog about that subject (the item to
 * delete; none for `void`), `dismiss()` closes it.
 */
export function useQuestion<Subject = void>() {
  const [asking, setAsking] = useState<{ subject: Subject } | null>(null);
  return {
    asking,
    ask: (subject: Subject) => setAsking({ subject }),
    dismiss: () => setAsking(null),
  };
}

export interface ConfirmDialogProps<Subject> {
  title: string;
  /** The verb on the button, e.g. "Delete drawing". */
  confirmLabel: string;
  /** From `useQuestion`: the dialog is open while it asks. */
  question: Question<Subject>;
  onConfirm(subject: Subject): Promise<Outcome<unknown>>;
  /** The question's text, or a function of the subject that gives it. */
  children: ReactNode | ((subject: Subject) => ReactNode);
}

/** Asks before something that cannot be undone; stays open with the error if it fails. */
export function ConfirmDialog<Subject>({
  title,
  confirmLabel,
  question,
  onConfirm,
  children,
}: ConfirmDialogProps<Subject>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const { asking } = question;

  const close = () => {
    setError(null);
    question.dismiss();
  };

  const confirm = async (subject: Subject) => {
    setBusy(true);
    const outcome = await onConfirm(subject);
    setBusy(false);
    if (outcome.ok) close();
    else setError(outcome.error);
  };

  return (
    <Dialog title={title} open={asking !== null} onClose={close}>
      {asking && (
        <>
          <div className="dialog-body">{typeof children === 'function' ? children(asking.subject) : children}</div>
          <ErrorMessage error={error} />
          <div className="dialog-actions">
            <button type="button" className="button" onClick={close}>
              Cancel
            </button>
            <button
              type="button"
              className="button button-danger"
              disabled={busy}
              onClick={() => void confirm(asking.subject)}
            >
              {busy ? 'Working…' : confirmLabel}
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}

/** The question before deleting one `what` ("role"): "Delete role?", answered by "Delete role". */
export function ConfirmDelete<Subject>({
  what,
  ...dialog
}: Omit<ConfirmDialogProps<Subject>, 'title' | 'confirmLabel'> & { what: string }) {
  return <ConfirmDialog title={`Delete ${what}?`} confirmLabel={`Delete ${what}`} {...dialog} />;
}
