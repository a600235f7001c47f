import { useState } from 'react';
import type { AppError } from '../api/errors';
import type { TotpEnrolment } from '../contract';
import { useAppDispatch } from '../hooks';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field } from '../ui/Field';
import { fieldError, formError, useSubmit, useTextFields } from '../ui/form';
import { confirmTotp, startTotp } from './mfaSlice';

/** Setting up an authenticator app: scan the QR code (or type the key), then confirm with a code. */
export function TotpSetup({ onRecoveryCodes }: { onRecoveryCodes(codes: string[]): void }) {
  const dispatch = useAppDispatch();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<AppError | null>(null);
  const { values, bind, reset } = useTextFields({ code: '' });
  const { busy, error, onSubmit } = useSubmit(
    () => dispatch(confirmTotp(values.code)),
    (value) => {
      setEnrolment(null);
      reset();
      if (value.recoveryCodes) onRecoveryCodes(value.recoveryCodes);
    },
  );

  const start = async () => {
    setStarting(true);
    const outcome = await dispatch(startTotp());
    setStarting(false);
    if (outcome.ok) setEnrolment(outcome.value);
    else setStartError(outcome.error);
  };

  if (!enrolment) {
    return (
      <>
        <ErrorMessage error={startError} />
        <div className="form-actions">
          <button type="button" className="button button-primary" disabled={starting} onClick={() => void start()}>
            {starting ? 'Preparing…' : 'Set up an authenticator app'}
          </button>
        </div>
      </>
    );
  }
  return (
    <form className="form totp-setup" onSubmit={onSubmit} noValidate>
      <p>Scan this code with your authenticator app, then enter the 6-digit code it shows.</p>
      <img
        className="totp-qr"
        src={enrolment.qrCode}
        alt="QR code for your authenticator app"
        width={200}
        height={200}
      />
      <p className="muted">
        Can’t scan it? Enter this key instead: <code className="totp-secret">{enrolment.secret}</code>
      </p>
      <Field
        label="Code from the app"
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        {...bind('code')}
        error={fieldError(error, 'code', ['invalid_mfa_code', 'rate_limited'])}
      />
      <ErrorMessage error={formError(error, ['invalid_mfa_code', 'rate_limited'])} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Checking…' : 'Turn on'}
        </button>
        <button type="button" className="button" onClick={() => setEnrolment(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
