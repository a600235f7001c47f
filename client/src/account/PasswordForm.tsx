import { useState, type FormEvent } from 'react';
import type { AppError } from '../api/errors';
import { useAppDispatch } from '../hooks';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field } from '../ui/Field';
import { changePassword } from './accountSlice';

/** Changing the password keeps this session and signs every other device out. */
export function PasswordForm() {
  const dispatch = useAppDispatch();
  const [currentPassword, setCurrentPassword] = useState('');
  const [newPassword, setNewPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [mismatch, setMismatch] = useState(false);
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    setMismatch(newPassword !== confirmation);
    if (newPassword !== confirmation) return;
    setBusy(true);
    const outcome = await dispatch(changePassword({ currentPassword, newPassword }));
    setBusy(false);
    setError(outcome.ok ? null : outcome.error);
    if (!outcome.ok) return;
    setCurrentPassword('');
    setNewPassword('');
    setConfirmation('');
    setDone(true);
  };

  const currentError =
    error?.fields.currentPassword ??
    (error?.code === 'invalid_credentials' ? 'That password is not right.' : undefined);

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <Field
        label="Current password"
        type="password"
        name="currentPassword"
        autoComplete="current-password"
        value={currentPassword}
        onChange={(event) => setCurrentPassword(event.target.value)}
        error={currentError}
      />
      <Field
        label="New password"
        type="password"
        name="newPassword"
        autoComplete="new-password"
        value={newPassword}
        onChange={(event) => setNewPassword(event.target.value)}
        error={error?.fields.newPassword}
        hint="At least 8 characters."
      />
      <Field
        label="Repeat the new password"
        type="password"
        name="confirmation"
        autoComplete="new-password"
        value={confirmation}
        onChange={(event) => setConfirmation(event.target.value)}
        error={mismatch ? 'The two new passwords differ.' : undefined}
      />
      <ErrorMessage
        error={error && Object.keys(error.fields).length === 0 && error.code !== 'invalid_credentials' ? error : null}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Changing…' : 'Change password'}
        </button>
        {done && (
          <span role="status" className="form-success">
            Password changed. Your other devices were signed out.
          </span>
        )}
      </div>
    </form>
  );
}
