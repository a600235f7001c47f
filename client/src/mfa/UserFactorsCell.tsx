import { useEffect, useState } from 'react';
import type { AppError } from '../api/errors';
import type { MfaStatus } from '../contract';
import { useAppDispatch } from '../hooks';
import { ConfirmDialog, useQuestion } from '../ui/ConfirmDialog';
import { ErrorMessage } from '../ui/ErrorMessage';
import { ItemAction } from '../ui/ItemAction';
import { fetchUserFactors, resetUserFactors } from './mfaSlice';

/** On the admin users page: whether the user has two-step sign-in, and its reset. */
export function UserFactorsCell({ userId, who }: { userId: string; who: string }) {
  const dispatch = useAppDispatch();
  const [status, setStatus] = useState<MfaStatus | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const reset = useQuestion();

  useEffect(() => {
    let live = true;
    void dispatch(fetchUserFactors(userId)).then((outcome) => {
      if (!live) return;
      if (outcome.ok) setStatus(outcome.value);
      else setError(outcome.error);
    });
    return () => {
      live = false;
    };
  }, [dispatch, userId]);

  if (error) return <ErrorMessage error={error} />;
  if (!status?.enabled) return null;
  const factors = [status.totp ? 'app' : null, status.passkeys ? `${status.passkeys} passkey(s)` : null]
    .filter(Boolean)
    .join(', ');
  return (
    <span className="user-factors">
      <span className="badge" title={`Two-step sign-in: ${factors}`}>
        2-step
      </span>
      <ItemAction label="Reset 2-step" name={`Reset two-step sign-in of ${who}`} onClick={() => reset.ask()} />
      <ConfirmDialog
        title="Reset two-step sign-in?"
        confirmLabel="Reset"
        question={reset}
        onConfirm={async () => {
          const outcome = await dispatch(resetUserFactors(userId));
          if (outcome.ok) setStatus(outcome.value);
          return outcome;
        }}
      >
        <p>
          {who} loses their authenticator app, passkeys and recovery codes, and signs in with the password alone until
          they set up new ones. This is recorded in the audit log.
        </p>
      </ConfirmDialog>
    </span>
  );
}
