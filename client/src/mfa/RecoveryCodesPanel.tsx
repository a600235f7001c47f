import { useState } from 'react';
import type { AppError } from '../api/errors';
import { useAppDispatch } from '../hooks';
import { ErrorMessage } from '../ui/ErrorMessage';
import { regenerateRecoveryCodes } from './mfaSlice';

/** Recovery codes, shown once: copy them or download them, then confirm they are kept. */
export function RecoveryCodesPanel({ codes, onDone }: { codes: string[]; onDone(): void }) {
  const [copied, setCopied] = useState(false);
  const text = `Easel recovery codes (each works once)\n\n${codes.join('\n')}\n`;

  const copy = async () => {
    await navigator.clipboard.writeText(text);
    setCopied(true);
  };

  const download = () => {
    const url = URL.createObjectURL(new Blob([text], { type: 'text/plain' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = 'easel-recovery-codes.txt';
    link.click();
    URL.revokeObjectURL(url);
  };

  return (
    <div className="recovery-codes" role="region" aria-label="Your recovery codes">
      <p>
        <strong>Save these recovery codes now.</strong> They are shown only once. Each signs you in once if you lose
        your authenticator app or passkey.
      </p>
      <ol className="recovery-code-list">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ol>
      <div className="form-actions">
        <button type="button" className="button" onClick={() => void copy()}>
          Copy
        </button>
        <button type="button" className="button" onClick={download}>
          Download
        </button>
        <button type="button" className="button button-primary" onClick={onDone}>
          I have saved them
        </button>
        {copied && (
          <span role="status" className="form-success">
            Copied.
          </span>
        )}
      </div>
    </div>
  );
}

/** How many recovery codes are left, and a new set on request (handed to `onCodes` to show). */
export function RecoveryCodesRenewal({ left, onCodes }: { left: number; onCodes(codes: string[]): void }) {
  const dispatch = useAppDispatch();
  const [error, setError] = useState<AppError | null>(null);

  const renew = async () => {
    setError(null);
    const outcome = await dispatch(regenerateRecoveryCodes());
    if (outcome.ok) onCodes(outcome.value.codes);
    else setError(outcome.error);
  };

  return (
    <>
      <h3 className="subheading">Recovery codes</h3>
      <p className="muted">{left} of 10 left. New codes replace all the old ones.</p>
      <ErrorMessage error={error} />
      <div className="form-actions">
        <button type="button" className="button" onClick={() => void renew()}>
          Get new recovery codes
        </button>
      </div>
    </>
  );
}
