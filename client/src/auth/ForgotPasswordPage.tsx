import { useState } from 'react';
import { Link } from 'react-router';
import { useAppDispatch } from '../hooks';
import { EmailField } from '../ui/EmailField';
import { ErrorMessage } from '../ui/ErrorMessage';
import { formError, useSubmit, useTextFields } from '../ui/form';
import { AuthCard, AuthSubmit, BackToSignIn } from './AuthCard';
import { requestPasswordReset } from './recoverySlice';

/** After the request: where the link went (if an account uses the address), and what if it does not come. */
function LinkSent({ email, onAnotherAddress }: { email: string; onAnotherAddress(): void }) {
  return (
    <AuthCard title="Check your email" intro="The link to choose a new password is on its way.">
      <div role="status" className="alert alert-info">
        If an account uses {email}, we sent it a link. It works once and expires soon.
      </div>
      <p className="muted">Nothing there? Look in your spam folder, or check the address and try again.</p>
      <button type="button" className="button button-block" onClick={onAnotherAddress}>
        Use another address
      </button>
      <BackToSignIn />
    </AuthCard>
  );
}

export function ForgotPasswordPage() {
  const dispatch = useAppDispatch();
  const { values, bind } = useTextFields({ email: '' });
  const [sentTo, setSentTo] = useState<string | null>(null);
  const { busy, error, onSubmit } = useSubmit(
    () => dispatch(requestPasswordReset(values.email)),
    () => setSentTo(values.email.trim()),
  );

  if (sentTo) return <LinkSent email={sentTo} onAnotherAddress={() => setSentTo(null)} />;

  return (
    <AuthCard title="Forgot your password?" intro="Enter your email and we’ll send you a link to choose a new one.">
      <form className="form" onSubmit={onSubmit} noValidate>
        <EmailField required {...bind('email')} error={error?.fields.email} />
        <ErrorMessage error={formError(error)} />
        <AuthSubmit label="Send reset link" busyLabel="Sending…" busy={busy} />
      </form>
      <p className="auth-switch">
        Remembered it? <Link to="/login">Sign in</Link>
      </p>
    </AuthCard>
  );
}
