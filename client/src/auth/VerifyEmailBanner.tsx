import { useState } from 'react';
import { useMatch } from 'react-router';
import type { AppError } from '../api/errors';
import { useAppDispatch, useAppSelector } from '../hooks';
import { ErrorMessage } from '../ui/ErrorMessage';
import { selectCurrentUser } from './authSlice';
import { resendVerification, selectNeedsEmailVerification } from './recoverySlice';

/**
 * Above the signed-in pages until the user's address is confirmed, with a way to get a new link.
 * Not in the editor, whose canvas needs the whole height.
 */
export function VerifyEmailBanner() {
  const dispatch = useAppDispatch();
  const inEditor = useMatch('/drawings/:id') !== null;
  const needed = useAppSelector(selectNeedsEmailVerification);
  const user = useAppSelector(selectCurrentUser);
  const [state, setState] = useState<'idle' | 'sending' | 'sent'>('idle');
  const [error, setError] = useState<AppError | null>(null);
  if (!needed || !user || inEditor) return null;

  const resend = async () => {
    setState('sending');
    const outcome = await dispatch(resendVerification(user.email));
    setState(outcome.ok ? 'sent' : 'idle');
    setError(outcome.ok ? null : outcome.error);
  };

  return (
    <>
      <aside aria-label="Email confirmation" className="alert alert-warning banner">
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
      </aside>
      <ErrorMessage className="banner" error={error} />
    </>
  );
}
