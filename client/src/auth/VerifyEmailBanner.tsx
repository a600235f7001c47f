import { useState } from 'react';
import type { AppError } from '../api/errors';
import { useAppDispatch, useAppSelector } from '../hooks';
import { ErrorMessage } from '../ui/ErrorMessage';
import { selectCurrentUser } from './authSlice';
import { resendVerification, selectNeedsEmailVerification } from './recoverySlice';

/** Above every signed-in page until the user's address is confirmed, with a way to get a new link. */
export function VerifyEmailBanner() {
  const dispatch = useAppDispatch();
  const needed = useAppSelector(selectNeedsEmailVerification);
  const user = useAppSelector(selectCurrentUser);
  const [state, setState] = useState<'idle' | 'sending' | 'sent'>('idle');
  const [error, setError] = useState<AppError | null>(null);
  if (!needed || !user) return null;

  const resend = async () => {
    setState('sending');
    const outcome = await dispatch(resendVerification(user.email));
    setState(outcome.ok ? 'sent' : 'idle');
    setError(outcome.ok ? null : outcome.error);
  };

  return (
    <>
      <div role="status" className="alert alert-warning banner">
        <span>
          {state === 'sent'
            ? `We sent a new link to ${user.email}. Check your inbox.`
            : `Please confirm your email address: we sent a link to ${user.email}.`}
        </span>
        {state !== 'sent' && (
          <button
            type="button"
            className="button button-small"
            disabled={state === 'sending'}
            onClick={() => void resend()}
          >
            {state === 'sending' ? 'Sending…' : 'Send a new link'}
          </button>
        )}
      </div>
      <ErrorMessage className="banner" error={error} />
    </>
  );
}
