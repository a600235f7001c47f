import { useState } from 'react';
import type { Outcome } from '../api/errors';
import type { SecondFactorMethod } from '../contract';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field } from '../ui/Field';
import { fieldError, formError, useSubmit, useTextFields } from '../ui/form';
import type { Proof } from './mfaSlice';
import { PasskeyButton, usePasskeyPrompt } from './PasskeyButton';

export interface ProofFormProps {
  methods: readonly SecondFactorMethod[];
  /** The verb on the code button: "Verify", "Confirm". */
  submitLabel: string;
  prove(proof: Proof): Promise<Outcome<unknown>>;
  onDone?(): void;
}

const CODE_ERRORS = ['invalid_mfa_code', 'rate_limited'];

/**
 * One proof of a second factor: a code from the authenticator app, or a recovery code, or a
 * passkey. Used by the second step of sign-in and by the step-up prompt.
 */
export function ProofForm({ methods, submitLabel, prove, onDone }: ProofFormProps) {
  const canUseCode = methods.includes('totp');
  const [mode, setMode] = useState<'totp' | 'recovery_code'>(canUseCode ? 'totp' : 'recovery_code');
  const { values, bind } = useTextFields({ code: '', recoveryCode: '' });
  const passkey = usePasskeyPrompt(() => prove({ passkey: true }), onDone);
  const { busy, error, onSubmit } = useSubmit(
    () => prove(mode === 'totp' ? { code: values.code } : { recoveryCode: values.recoveryCode }),
    () => onDone?.(),
  );

  const showCodes = methods.includes('totp') || methods.includes('recovery_code');
  return (
    <div className="proof">
      {methods.includes('passkey') && (
        <div className="form-actions">
          <PasskeyButton primary label="Use a passkey" prompt={passkey} />
          <ErrorMessage error={passkey.error} />
        </div>
      )}
      {showCodes && (
        <form className="form" onSubmit={onSubmit} noValidate>
          {mode === 'totp' ? (
            <Field
              label="Code from your authenticator app"
              inputMode="numeric"
              autoComplete="one-time-code"
              pattern="[0-9 ]*"
              maxLength={7}
              autoFocus
              {...bind('code')}
              error={fieldError(error, 'code', CODE_ERRORS)}
            />
          ) : (
            <Field
              label="Recovery code"
              autoComplete="off"
              spellCheck={false}
              autoFocus
              {...bind('recoveryCode')}
              error={fieldError(error, 'recoveryCode', CODE_ERRORS)}
              hint="One of the codes you saved when you set up two-step sign-in; each works once."
            />
          )}
          <ErrorMessage error={formError(error, CODE_ERRORS)} />
          <div className="form-actions">
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? 'Checking…' : submitLabel}
            </button>
            {canUseCode && methods.includes('recovery_code') && (
              <button
                type="button"
                className="button button-link"
                onClick={() => setMode(mode === 'totp' ? 'recovery_code' : 'totp')}
              >
                {mode === 'totp' ? 'Use a recovery code instead' : 'Use your authenticator app instead'}
              </button>
            )}
          </div>
        </form>
      )}
    </div>
  );
}
