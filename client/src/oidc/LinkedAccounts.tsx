import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { AppError } from '../api/errors';
import type { LinkedIdentity } from '../contract';
import { useAppDispatch, useAppSelector, useLoadOnMount } from '../hooks';
import { ErrorMessage } from '../ui/ErrorMessage';
import { useAction } from '../ui/form';
import { formatRelative } from '../ui/format';
import { ItemAction } from '../ui/ItemAction';
import { providerErrorMessage } from './provider-errors';
import {
  fetchIdentities,
  fetchProviders,
  selectHasPassword,
  selectIdentitiesError,
  selectLinkedIdentities,
  selectOidcProviders,
  startLink,
  unlinkIdentity,
} from './oidcSlice';

function IdentityItem({ identity, removable }: { identity: LinkedIdentity; removable: boolean }) {
  const dispatch = useAppDispatch();
  const unlink = useAction(() => dispatch(unlinkIdentity(identity.id)));
  return (
    <li className="session-item">
      <div className="session-text">
        <strong>{identity.providerName}</strong>
        <span className="muted">
          {identity.email || 'No email shared'} · linked {formatRelative(identity.createdAt)}
        </span>
        <ErrorMessage error={unlink.error} />
      </div>
      <ItemAction
        label="Unlink"
        name={`Unlink ${identity.providerName}`}
        disabled={!removable}
        title={removable ? undefined : 'Your only way to sign in: set a password or link another provider first'}
        onClick={() => void unlink.run()}
      />
    </li>
  );
}

/** The providers this account signs in with; link another, or unlink one (never the last way in). */
export function LinkedAccounts() {
  const dispatch = useAppDispatch();
  const identities = useAppSelector(selectLinkedIdentities);
  const providers = useAppSelector(selectOidcProviders);
  const hasPassword = useAppSelector(selectHasPassword);
  const error = useAppSelector(selectIdentitiesError);
  const [linkError, setLinkError] = useState<AppError | null>(null);
  const [search] = useSearchParams();
  const returned = providerErrorMessage(search.get('error'));

  useLoadOnMount(fetchProviders);
  const reload = useLoadOnMount(fetchIdentities);

  const link = async (provider: string) => {
    const outcome = await dispatch(startLink(provider));
    if (outcome.ok) window.location.assign(outcome.value);
    else setLinkError(outcome.error);
  };

  const linked = new Set(identities.map((identity) => identity.provider));
  const linkable = providers.filter((provider) => !linked.has(provider.id));
  const removable = hasPassword || identities.length > 1;
  return (
    <>
      {returned && (
        <div role="alert" className="alert alert-error">
          {returned}
        </div>
      )}
      <ErrorMessage error={error ?? linkError} onRetry={reload} />
      {identities.length === 0 ? (
        <p className="muted">No provider is linked. Link one to sign in with it instead of your password.</p>
      ) : (
        <ul className="session-list" aria-label="Linked accounts">
          {identities.map((identity) => (
            <IdentityItem key={identity.id} identity={identity} removable={removable} />
          ))}
        </ul>
      )}
      {linkable.length > 0 && (
        <div className="form-actions">
          {linkable.map((provider) => (
            <button key={provider.id} type="button" className="button" onClick={() => void link(provider.id)}>
              Link {provider.name}
            </button>
          ))}
        </div>
      )}
    </>
  );
}
