import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { isMfaChallenge, type MfaChallengeResponse } from '../contract';
import { useAppDispatch, useAppSelector } from '../hooks';
import { EmailField } from '../ui/EmailField';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field } from '../ui/Field';
import { formError, useSubmit, useTextFields } from '../ui/form';
import { ProviderButtons, ProviderSignInError } from '../oidc/ProviderButtons';
import { signInWithPasskey } from '../mfa/mfaSlice';
import { PasskeyButton, usePasskeyPrompt } from '../mfa/PasskeyButton';
import { SecondFactorStep } from '../mfa/SecondFactorStep';
import { AuthCard, AuthSubmit } from './AuthCard';
import { noticeDismissed, selectAuthNotice, signIn } from './authSlice';
import { resendVerification } from './recoverySlice';

/** The password step's answer when it is a second-factor challenge rather than a session. */
function asChallenge(answer: unknown): MfaChallengeResponse | null {
  const candidate = answer as MfaChallengeResponse | null;
  return candidate && typeof candidate === 'object' && 'mfaRequired' in candidate && isMfaChallenge(candidate)
    ? candidate
    : null;
}

export function LoginPage() {
  const dispatch = useAppDispatch();
  const notice = useAppSelector(selectAuthNotice);
  const location = useLocation();
  const { values, bind } = useTextFields({ email: '', password: '' });
  // With a second factor the password yields a challenge: the second step is shown instead.
  const [challenge, setChallenge] = useState<MfaChallengeResponse | null>(null);
  const passkey = usePasskeyPrompt(() => dispatch(signInWithPasskey()));
  // On success the page is left (PublicOnly redirects); only a failure needs showing.
  const { busy, error, onSubmit } = useSubmit(
    () => {
      dispatch(noticeDismissed());
      return dispatch(signIn(values));
    },
    (answer) => setChallenge(asChallenge(answer)),
  );

  if (challenge) {
    return (
      <AuthCard title="Two-step sign-in" intro="One more step.">
        <SecondFactorStep challenge={challenge} onCancel={() => setChallenge(null)} />
      </AuthCard>
    );
  }

  return (
    <AuthCard title="Sign in" intro="Welcome back. Sign in to open your drawings.">
      {notice && (
        <div role="status" className="alert alert-info">
          {notice}
        </div>
      )}
      <ProviderSignInError />
      <form className="form" onSubmit={onSubmit} noValidate>
        <EmailField required {...bind('email')} error={error?.fields.email} />
        <Field
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          {...bind('password')}
          error={error?.fields.password}
        />
        <p className="auth-forgot">
          <Link to="/forgot-password">Forgot password?</Link>
        </p>
        <ErrorMessage error={formError(error)} />
        {error?.code === 'email_not_verified' && <ResendVerification email={values.email} />}
        <AuthSubmit label="Sign in" busyLabel="Signing in…" busy={busy} />
      </form>
      <div className="form-actions">
        <PasskeyButton label="Use a passkey instead" prompt={passkey} />
      </div>
      <ErrorMessage error={passkey.error} />
      <ProviderButtons />
      <p className="auth-switch">
        New to Easel?{' '}
        <Link to="/register" state={location.state}>
          Create an account
        </Link>
      </p>
    </AuthCard>
  );
}

/** When sign-in waits for a confirmed address: a new link, on request. */
function ResendVerification({ email }: { email: string }) {
  const dispatch = useAppDispatch();
  const [sent, setSent] = useState(false);
  const resend = async () => {
    const outcome = await dispatch(resendVerification(email));
    setSent(outcome.ok);
  };
  return sent ? (
    <p role="status" className="form-success">
      A new link is on its way. Check your inbox.
    </p>
  ) : (
    <button type="button" className="button button-block" onClick={() => void resend()}>
      Send a new confirmation link
    </button>
  );
}
