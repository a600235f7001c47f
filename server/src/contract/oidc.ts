/** OpenID Connect sign-in as the API shows it: the providers offered and the identities linked. */
import { z } from 'zod';
import { signInMethodView } from './accounts.ts';

export const OidcProviderSummary = z.object({ id: z.string(), name: z.string() });
export type OidcProviderSummary = z.infer<typeof OidcProviderSummary>;

export const OidcProviderList = z.object({ items: z.array(OidcProviderSummary) });

export const LinkedIdentity = signInMethodView({ provider: z.string(), providerName: z.string(), email: z.string() });
export type LinkedIdentity = z.infer<typeof LinkedIdentity>;

export const LinkedIdentityList = z.object({
  items: z.array(LinkedIdentity),
  /** Whether the account has a password: without one, its last identity cannot be unlinked. */
  hasPassword: z.boolean(),
});
export type LinkedIdentityList = z.infer<typeof LinkedIdentityList>;

/** Where the browser goes to link an identity: the provider's authorization URL. */
export const OidcLinkStart = z.object({ url: z.url() });

/** Paths inside the app only: an absolute or protocol-relative URL would be an open redirect. */
export const ReturnPath = z
  .string()
  .max(512)
  .regex(/^\/(?![/\\])[^\s]*$/, 'must be a path inside the app')
  .default('/drawings');
