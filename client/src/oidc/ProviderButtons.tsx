import { useEffect } from 'react';
import { useLocation, useSearchParams } from 'react-router';
import type { ReturnState } from '../auth/guards';
import { useAppDispatch, useAppSelector } from '../hooks';
import { providerErrorMessage } from './provider-errors';
import { fetchProviders, selectOidcProviders } from './oidcSlice';

/**
 * "Continue with …" for each configured provider: plain links, since signing in at a provider is
 * a full-page journey; the server sends the browser back to where it was going, signed in.
 */
export function ProviderButtons() {
  const dispatch = useAppDispatch();
  const providers = useAppSelector(selectOidcProviders);
  const location = useLocation();
  const from = (location.state as ReturnState | null)?.from;
  const returnTo = from ? `${from.pathname}${from.search}${from.hash}` : '/drawings';

  useEffect(() => {
    void dispatch(fetchProviders());
  }, [dispatch]);

  if (providers.length === 0) return null;
  return (
    <div className="provider-sign-in">
      <p className="divider" role="presentation">
        <span>or</span>
      </p>
      {providers.map((provider) => (
        <a
          key={provider.id}
          className="button button-block"
          href={`/api/auth/oidc/${provider.id}/start?${new URLSearchParams({ returnTo })}`}
        >
          Continue with {provider.name}
        </a>
      ))}
    </div>
  );
}

/** Why a provider sign-in came back refused (`?error=` from the server's redirect), if it did. */
export function ProviderSignInError() {
  const [search] = useSearchParams();
  const error = providerErrorMessage(search.get('error'));
  return error ? (
    <div role="alert" className="alert alert-error">
      {error}
    </div>
  ) : null;
}
