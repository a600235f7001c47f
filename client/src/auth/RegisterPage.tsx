import { useState, type FormEvent } from 'react';
import { Link, useLocation } from 'react-router';
import type { AppError } from '../api/errors';
import { useAppDispatch } from '../hooks';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field } from '../ui/Field';
import { AuthCard } from './AuthCard';
import { register } from './authSlice';

export function RegisterPage() {
  const dispatch = useAppDispatch();
  const location = useLocation();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [awaitingConfirmation, setAwaitingConfirmation] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const outcome = await dispatch(register({ email, password, ...(name.trim() ? { name: name.trim() } : {}) }));
    if (!outcome.ok) {
      setBusy(false);
      setError(outcome.error);
    } else if (outcome.value === null) setAwaitingConfirmation(true);
  };

  if (awaitingConfirmation) {
    return (
      <AuthCard title="Confirm your email" intro={`We sent a link to ${email.trim()}.`}>
        <p className="muted">Open it to confirm your address, then sign in. The link expires after a while.</p>
        <Link to="/login" className="button button-primary button-block">
          Sign in
        </Link>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Create your account" intro="Sign up to draw and keep your drawings.">
      <form className="form" onSubmit={(event) => void submit(event)} noValidate>
        <Field
          label="Name"
          name="name"
          autoComplete="name"
          value={name}
          onChange={(event) => setName(event.target.value)}
          error={error?.fields.name}
          hint="Optional. Shown in the header."
        />
        <Field
          label="Email"
          type="email"
          name="email"
          autoComplete="email"
          required
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          error={error?.fields.email ?? (error?.code === 'email_taken' ? error.message : undefined)}
        />
        <Field
          label="Password"
          type="password"
          name="password"
          autoComplete="new-password"
          required
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={error?.fields.password}
          hint="At least 8 characters. A few unrelated words make a strong password."
        />
        <ErrorMessage
          error={error && Object.keys(error.fields).length === 0 && error.code !== 'email_taken' ? error : null}
        />
        <button type="submit" className="button button-primary button-block" disabled={busy}>
          {busy ? 'Creating account…' : 'Create account'}
        </button>
      </form>
      <p className="auth-switch">
        Already have an account?{' '}
        <Link to="/login" state={location.state}>
          Sign in
        </Link>
      </p>
    </AuthCard>
  );
}
