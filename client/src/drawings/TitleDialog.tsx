import { DRAWING_LIMITS } from '../contract';
import type { Outcome } from '../api/errors';
import { Dialog } from '../ui/Dialog';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field } from '../ui/Field';
import { formError, useSubmit, useTextFields } from '../ui/form';

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
  const { values, bind } = useTextFields({ title: initialTitle });
  const { busy, error, onSubmit: submit } = useSubmit(() => onSubmit(values.title.trim()), onClose);

  return (
    <form className="form" onSubmit={submit} noValidate>
      <Field
        label="Title"
        {...bind('title')}
        maxLength={DRAWING_LIMITS.titleLength}
        required
        autoFocus
        onFocus={(event) => event.target.select()}
        error={error?.fields.title}
      />
      <ErrorMessage error={formError(error)} />
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button button-primary" disabled={busy || values.title.trim() === ''}>
          {busy ? 'Saving…' : submitLabel}
        </button>
      </div>
    </form>
  );
}
