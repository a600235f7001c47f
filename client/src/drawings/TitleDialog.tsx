import { useState, type FormEvent } from 'react';
import { DRAWING_LIMITS } from '../contract';
import type { AppError, Outcome } from '../api/errors';
import { Dialog } from '../ui/Dialog';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field } from '../ui/Field';

export interface TitleDialogProps {
  heading: string;
  submitLabel: string;
  initialTitle: string;
  open: boolean;
  onSubmit(title: string): Promise<Outcome<unknown>>;
  onClose(): void;
}

/** Asks for a drawing's title: used to create one and to rename one. */
export function TitleDialog({ heading, submitLabel, initialTitle, open, onSubmit, onClose }: TitleDialogProps) {
  return (
    <Dialog title={heading} open={open} onClose={onClose}>
      <TitleForm initialTitle={initialTitle} submitLabel={submitLabel} onSubmit={onSubmit} onClose={onClose} />
    </Dialog>
  );
}

/** Its own component so each opening starts from `initialTitle` with no stale error. */
function TitleForm({ initialTitle, submitLabel, onSubmit, onClose }: Omit<TitleDialogProps, 'heading' | 'open'>) {
  const [title, setTitle] = useState(initialTitle);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const outcome = await onSubmit(title.trim());
    setBusy(false);
    if (outcome.ok) onClose();
    else setError(outcome.error);
  };

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <Field
        label="Title"
        name="title"
        value={title}
        maxLength={DRAWING_LIMITS.titleLength}
        required
        autoFocus
        onFocus={(event) => event.target.select()}
        onChange={(event) => setTitle(event.target.value)}
        error={error?.fields.title}
      />
      <ErrorMessage error={error && !error.fields.title ? error : null} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy || title.trim() === ''}>
          {busy ? 'Saving…' : submitLabel}
        </button>
      </div>
    </form>
  );
}
