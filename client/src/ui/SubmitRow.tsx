export interface SubmitRowProps {
  label: string;
  /** Shown on the button while the form is sent: "Saving…". */
  busyLabel: string;
  busy: boolean;
  disabled?: boolean;
  /** Announced next to the button after a success; nothing when null. */
  success?: string | null;
}

/** A form's submit button, with the word it shows while busy and a success message beside it. */
export function SubmitRow({ label, busyLabel, busy, disabled = false, success = null }: SubmitRowProps) {
  return (
    <div className="form-actions">
      <button type="submit" className="button button-primary" disabled={busy || disabled}>
        {busy ? busyLabel : label}
      </button>
      {success && (
        <span role="status" className="form-success">
          {success}
        </span>
      )}
    </div>
  );
}
