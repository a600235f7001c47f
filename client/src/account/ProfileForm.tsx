import { useState, type FormEvent } from 'react';
import type { AppError } from '../api/errors';
import type { User } from '../api/types';
import { useAppDispatch } from '../hooks';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field } from '../ui/Field';
import { updateProfile, type ProfileChanges } from './accountSlice';

/** Name and email. A new email asks for the current password, as the API does. */
export function ProfileForm({ user }: { user: User }) {
  const dispatch = useAppDispatch();
  const [name, setName] = useState(user.name);
  const [email, setEmail] = useState(user.email);
  const [currentPassword, setCurrentPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  const emailChanges = email.trim().toLowerCase() !== user.email;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const changes: ProfileChanges = { name: name.trim() };
    if (emailChanges) Object.assign(changes, { email, currentPassword });
    setBusy(true);
    setSaved(false);
    const outcome = await dispatch(updateProfile(changes));
    setBusy(false);
    setError(outcome.ok ? null : outcome.error);
    if (outcome.ok) {
      setCurrentPassword('');
      setSaved(true);
    }
  };

  const passwordError =
    error?.fields.currentPassword ??
    (error?.code === 'invalid_credentials' ? 'That password is not right.' : undefined);

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate>
      <Field
        label="Name"
        name="name"
        autoComplete="name"
        value={name}
        onChange={(event) => setName(event.target.value)}
        error={error?.fields.name}
      />
      <Field
        label="Email"
        type="email"
        name="email"
        autoComplete="email"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        error={error?.fields.email ?? (error?.code === 'email_taken' ? error.message : undefined)}
      />
      {emailChanges && (
        <Field
          label="Current password"
          type="password"
          name="currentPassword"
          autoComplete="current-password"
          value={currentPassword}
          onChange={(event) => setCurrentPassword(event.target.value)}
          error={passwordError}
          hint="Needed to change your email."
        />
      )}
      <ErrorMessage
        error={
          error &&
          Object.keys(error.fields).length === 0 &&
          !['email_taken', 'invalid_credentials'].includes(error.code)
            ? error
            : null
        }
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save profile'}
        </button>
        {saved && (
          <span role="status" className="form-success">
            Profile saved.
          </span>
        )}
      </div>
    </form>
  );
}
