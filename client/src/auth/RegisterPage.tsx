import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { useAppDispatch } from '../hooks';
import { EmailField } from '../ui/EmailField';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field } from '../ui/Field';
import { fieldError, formError, useSubmit, useTextFields } from '../ui/form';
import { NewPasswordField } from '../ui/NewPasswordField';
import { AuthCard, AuthSubmit } from './AuthCard';
import { register } from './authSlice';

export function RegisterPage() {
  const dispatch = useAppDispatch();
  const location = useLocation();
  const { values, bind } = useTextFields({ name: '', email: '', password: '' });
  const [awaitingConfirmation, setAwaitingConfirmation] = useState(false);
  const { busy, error, onSubmit } = useSubmit(
    () => {
      const name = values.name.trim();
      return dispatch(register({ email: values.email, password: values.password, ...(name ? { name } : {}) }));
    },
    // Null: the account must confirm its email before it may sign in (REQUIRE_VERIFIED_EMAIL).
    (session) => setAwaitingConfirmation(session === null),
  );

  if (awaitingConfirmation) {
    return (
      <AuthCard title="Confirm your email" intro={`We sent a link to ${values.email.trim()}.`}>
        <p className="muted">Open it to confirm your address, then sign in. The link expires after a while.</p>
        <Link to="/login" className="button button-primary button-block">
          Sign in
        </Link>
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Create your account" intro="Sign up to draw and keep your drawings.">
      <form className="form" onSubmit={onSubmit} noValidate>
        <Field
          label="Name"
          autoComplete="name"
          {...bind('name')}
          error={error?.fields.name}
          hint="Optional. Shown in the header."
        />
        <EmailField
          autoComplete="email"
          required
          {...bind('email')}
          error={fieldError(error, 'email', ['email_taken'])}
        />
        <NewPasswordField label="Password" required {...bind('password')} error={error?.fields.password} />
        <ErrorMessage error={formError(error, ['email_taken'])} />
        <AuthSubmit label="Create account" busyLabel="Creating account…" busy={busy} />
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
