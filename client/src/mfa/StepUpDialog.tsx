import type { SecondFactorMethod } from '../contract';
import { useAppDispatch, useAppSelector } from '../hooks';
import { Dialog } from '../ui/Dialog';
import { selectFactors, selectStepUpOpen, settleStepUp, stepUp, stepUpClosed } from './mfaSlice';
import { ProofForm } from './ProofForm';

/**
 * The step-up prompt: opened when a sensitive action answers 403 step_up_required; after a proof
 * the action runs again by itself.
 */
export function StepUpDialog() {
  const dispatch = useAppDispatch();
  const open = useAppSelector(selectStepUpOpen);
  const factors = useAppSelector(selectFactors);
  const methods: SecondFactorMethod[] = [];
  if (!factors || factors.totp) methods.push('totp');
  if (factors && factors.passkeys > 0) methods.push('passkey');
  if (!factors || factors.recoveryCodesLeft > 0) methods.push('recovery_code');

  const close = (confirmed: boolean) => {
    dispatch(stepUpClosed());
    settleStepUp(confirmed);
  };

  return (
    <Dialog title="Confirm it is you" open={open} onClose={() => close(false)}>
      <div className="dialog-body">
        <p>This change needs your second factor. Confirm, and it goes ahead.</p>
        <ProofForm
          methods={methods}
          submitLabel="Confirm"
          prove={(proof) => dispatch(stepUp(proof))}
          onDone={() => close(true)}
        />
      </div>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => close(false)}>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
