import type { MfaChallengeResponse } from '../contract';
import { useAppDispatch } from '../hooks';
import { completeSignIn } from './mfaSlice';
import { ProofForm } from './ProofForm';

/** The second step of sign-in, after the password: the session starts once a factor is proved. */
export function SecondFactorStep({ challenge, onCancel }: { challenge: MfaChallengeResponse; onCancel(): void }) {
  const dispatch = useAppDispatch();
  return (
    <>
      <p>Your account has two-step sign-in. Confirm it is you to finish signing in.</p>
      <ProofForm
        methods={challenge.methods}
        submitLabel="Verify"
        prove={(proof) => dispatch(completeSignIn(challenge.challengeToken, proof))}
      />
      <p className="auth-switch">
        <button type="button" className="button button-link" onClick={onCancel}>
          Start again with your password
        </button>
      </p>
    </>
  );
}
