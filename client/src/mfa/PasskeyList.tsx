import { useState } from 'react';
import type { PasskeyView } from '../contract';
import { useAppDispatch } from '../hooks';
import { ErrorMessage } from '../ui/ErrorMessage';
import { Field } from '../ui/Field';
import { formatDateTime, formatRelative } from '../ui/format';
import { useAction, useSubmit, useTextFields } from '../ui/form';
import { addPasskey, removePasskey, renamePasskey } from './mfaSlice';

function PasskeyItem({ passkey }: { passkey: PasskeyView }) {
  const dispatch = useAppDispatch();
  const [renaming, setRenaming] = useState(false);
  const { values, bind } = useTextFields({ name: passkey.name });
  const rename = useSubmit(
    () => dispatch(renamePasskey(passkey.id, values.name)),
    () => setRenaming(false),
  );

  const remove = useAction(() => dispatch(removePasskey(passkey.id)));

  return (
    <li className="session-item">
      <div className="session-text">
        {renaming ? (
          <form className="form passkey-rename" onSubmit={rename.onSubmit} noValidate>
            <Field label={`New name for ${passkey.name}`} {...bind('name')} error={rename.error?.fields.name} />
            <div className="form-actions">
              <button type="submit" className="button button-primary button-small" disabled={rename.busy}>
                Save
              </button>
              <button type="button" className="button button-small" onClick={() => setRenaming(false)}>
                Cancel
              </button>
            </div>
          </form>
        ) : (
          <strong>{passkey.name}</strong>
        )}
        <span className="muted">
          Added {formatDateTime(passkey.createdAt)}
          {passkey.lastUsedAt ? ` · last used ${formatRelative(passkey.lastUsedAt)}` : ' · not used yet'}
          {passkey.backedUp ? ' · synced' : ''}
        </span>
        <ErrorMessage error={remove.error} />
      </div>
      {!renaming && (
        <div className="row-actions">
          <button
            type="button"
            className="button button-small"
            aria-label={`Rename ${passkey.name}`}
            onClick={() => setRenaming(true)}
          >
            Rename
          </button>
          <button
            type="button"
            className="button button-small button-danger"
            disabled={remove.busy}
            aria-label={`Remove ${passkey.name}`}
            onClick={() => void remove.run()}
          >
            Remove
          </button>
        </div>
      )}
    </li>
  );
}

/** The account's passkeys: several, each named; a new one is registered by the browser. */
export function PasskeyList({
  passkeys,
  onRecoveryCodes,
}: {
  passkeys: PasskeyView[];
  onRecoveryCodes(codes: string[]): void;
}) {
  const dispatch = useAppDispatch();
  const { values, bind, reset } = useTextFields({ name: '' });
  const { busy, error, onSubmit } = useSubmit(
    () => dispatch(addPasskey(values.name)),
    (value) => {
      reset();
      if (value.recoveryCodes) onRecoveryCodes(value.recoveryCodes);
    },
  );
  return (
    <>
      {passkeys.length > 0 ? (
        <ul className="session-list" aria-label="Your passkeys">
          {passkeys.map((passkey) => (
            <PasskeyItem key={passkey.id} passkey={passkey} />
          ))}
        </ul>
      ) : (
        <p className="muted">No passkeys yet.</p>
      )}
      <form className="form" onSubmit={onSubmit} noValidate>
        <Field label="Passkey name" placeholder="e.g. Work laptop" {...bind('name')} error={error?.fields.name} />
        <ErrorMessage error={error && Object.keys(error.fields).length === 0 ? error : null} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Waiting for your device…' : 'Add a passkey'}
          </button>
        </div>
      </form>
    </>
  );
}
