import { useState } from 'react';
import { useAppDispatch, useAppSelector, useLoad } from '../hooks';
import { ConfirmDialog, useQuestion } from '../ui/ConfirmDialog';
import { LoadStatus } from '../ui/LoadStatus';
import { fetchFactors, removeTotp, selectFactors, selectFactorsError, selectFactorsStatus } from './mfaSlice';
import { PasskeyList } from './PasskeyList';
import { RecoveryCodesPanel, RecoveryCodesRenewal } from './RecoveryCodesPanel';
import { TotpSetup } from './TotpSetup';

/** Two-step sign-in on the account page: authenticator app, recovery codes, passkeys. */
export function SecuritySection() {
  const dispatch = useAppDispatch();
  const factors = useAppSelector(selectFactors);
  const progress = useLoad(fetchFactors, selectFactorsStatus, selectFactorsError);
  const [codes, setCodes] = useState<string[] | null>(null);
  const removeApp = useQuestion();

  return (
    <>
      <LoadStatus progress={progress} loadingLabel="Loading your sign-in methods…" hasContent={factors !== null} />
      {factors && (
        <>
          <p>
            Two-step sign-in is <strong>{factors.enabled ? 'on' : 'off'}</strong>
            {factors.enabled
              ? ': after your password, Easel asks for a code or a passkey.'
              : '. Add an authenticator app or a passkey to turn it on.'}
          </p>
          {codes && <RecoveryCodesPanel codes={codes} onDone={() => setCodes(null)} />}

          <h3 className="subheading">Authenticator app</h3>
          {factors.totp ? (
            <div className="form-actions">
              <span className="badge badge-accent">On</span>
              <button type="button" className="button button-danger" onClick={() => removeApp.ask()}>
                Remove authenticator app
              </button>
            </div>
          ) : (
            <TotpSetup onRecoveryCodes={setCodes} />
          )}

          <h3 className="subheading">Passkeys</h3>
          <PasskeyList passkeys={factors.passkeyList} onRecoveryCodes={setCodes} />

          {factors.enabled && <RecoveryCodesRenewal left={factors.recoveryCodesLeft} onCodes={setCodes} />}
        </>
      )}
      <ConfirmDialog
        title="Remove the authenticator app?"
        confirmLabel="Remove"
        question={removeApp}
        onConfirm={() => dispatch(removeTotp())}
      >
        <p>Codes from the app will no longer sign you in.</p>
      </ConfirmDialog>
    </>
  );
}
