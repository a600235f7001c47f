import { useEffect, useId, useRef, type ReactNode } from 'react';

export interface DialogProps {
  title: string;
  open: boolean;
  onClose(): void;
  children: ReactNode;
}

/**
 * A modal on the native <dialog>: focus moves in and is trapped, Escape closes it, and focus
 * returns to what opened it.
 */
export function Dialog({ title, open, onClose, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      {open && (
        <>
          <h2 id={titleId} className="dialog-title">
            {title}
          </h2>
          {children}
        </>
      )}
    </dialog>
  );
}

export interface ChoiceDialogProps<Subject> {
  title: string;
  /** What must be decided; the dialog is open while it is set. */
  subject: Subject | null;
  /** The text about it. */
  children(subject: Subject): ReactNode;
  /** The ways to answer, under the text. */
  choices: ReactNode;
}

/** A decision that cannot be put off: open while `subject` is set, and Escape does not close it. */
export function ChoiceDialog<Subject>({ title, subject, children, choices }: ChoiceDialogProps<Subject>) {
  return (
    <Dialog title={title} open={subject !== null} onClose={() => undefined}>
      {subject !== null && (
        <>
          <div className="dialog-body">{children(subject)}</div>
          {choices}
        </>
      )}
    </Dialog>
  );
}
