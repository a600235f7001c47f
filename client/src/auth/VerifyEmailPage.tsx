import { useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { AppError } from '../api/errors';
import { useAppDispatch, useAppSelector } from '../hooks';
import { ErrorMessage } from '../ui/ErrorMessage';
import { AuthCard } from './AuthCard';
import { selectAuthStatus } from './authSlice';
import { takeLinkToken, verifyEmail } from './recoverySlice';

type State = { step: 'verifying' } | { step: 'verified'; email: string } | { step: 'failed'; error: AppError | null };

export function VerifyEmailPage() {
  const dispatch = useAppDispatch();
  const location = useLocation();
  const signedIn = useAppSelector(selectAuthStatus) === 'signedIn';
  const [token] = useState(() => takeLinkToken(location));
  const [state, setState] = useState<State>(token ? { step: 'verifying' } : { step: 'failed', error: null });
  // A link works once: React's development double effect must not use it twice.
  const started = useRef(false);

  useEffect(() => {
    if (!token || started.current) return;
    started.current = true;
    void dispatch(verifyEmail(token)).then((outcome) =>
      setState(
        outcome.ok ? { step: 'verified', email: outcome.value.email } : { step: 'failed', error: outcome.error },
      ),
    );
  }, [dispatch, token]);

  const next = signedIn ? (
    <Link to="/drawings" className="button button-primary button-block">
      Go to my drawings
    </Link>
  ) : (
    <Link to="/login" className="button button-primary button-block">
      Sign in
    </Link>
  );

  if (state.step === 'verifying') {
    return (
      <AuthCard title="Confirming your email…" intro="One moment.">
        <div role="status" className="muted">
          Checking your link.
        </div>
      </AuthCard>
    );
  }
  if (state.step === 'verified') {
    return (
      <AuthCard title="Email confirmed" intro={`Thanks: ${state.email} is confirmed.`}>
        {next}
      </AuthCard>
    );
  }
  const linkProblem = !state.error || state.error.code === 'link_invalid' || state.error.code === 'link_expired';
  return (
    <AuthCard
      title={state.error?.code === 'link_expired' ? 'This link has expired' : 'This link doesn’t work'}
      intro={
        linkProblem
          ? 'It may have been used already or replaced by a newer one. Sign in to ask for a new link.'
          : 'We couldn’t confirm your email right now.'
      }
    >
      {!linkProblem && <ErrorMessage error={state.error} />}
      {next}
    </AuthCard>
  );
}
