/**
 * The one dictionary of error codes clients may rely on. A code is stable once published:
 * clients branch on `code`, never on `title` or `detail`.
 */
export const ERROR_CODES = {
  malformed_json: { status: 400, title: 'Malformed JSON body' },
  bad_request: { status: 400, title: 'Bad request' },
  validation_failed: { status: 422, title: 'Validation failed' },
  unauthorized: { status: 401, title: 'Authentication required' },
  invalid_credentials: { status: 401, title: 'Invalid email or password' },
  invalid_token: { status: 401, title: 'Invalid access token' },
  token_expired: { status: 401, title: 'Access token expired' },
  invalid_refresh_token: { status: 401, title: 'Invalid refresh token' },
  invalid_signature: { status: 401, title: 'Invalid webhook signature' },
  timestamp_out_of_tolerance: { status: 401, title: 'Webhook timestamp outside the tolerance window' },
  signature_malformed: { status: 401, title: 'Malformed request signature' },
  unknown_client: { status: 401, title: 'Unknown service client' },
  client_revoked: { status: 401, title: 'Service client revoked' },
  timestamp_out_of_window: { status: 401, title: 'Signed timestamp outside the allowed window' },
  signature_mismatch: { status: 401, title: 'Request signature does not match' },
  nonce_reused: { status: 401, title: 'Nonce already used' },
  forbidden: { status: 403, title: 'Forbidden' },
  insufficient_scope: { status: 403, title: 'Missing scope' },
  origin_not_allowed: { status: 403, title: 'Origin not allowed' },
  csrf_header_missing: { status: 403, title: 'Missing anti-CSRF header' },
  account_inactive: { status: 403, title: 'Account deactivated' },
  not_found: { status: 404, title: 'Not found' },
  method_not_allowed: { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'Conflict' },
  email_taken: { status: 409, title: 'Email already registered' },
  version_conflict: { status: 409, title: 'Version conflict' },
  last_admin: { status: 409, title: 'The last active admin must stay' },
  built_in_role: { status: 409, title: 'Built-in roles cannot be deleted' },
  role_exists: { status: 409, title: 'Role already exists' },
  webhook_not_failed: { status: 409, title: 'Only a failed webhook event can be retried' },
  precondition_failed: { status: 412, title: 'Precondition failed' },
  precondition_required: { status: 428, title: 'Precondition required' },
  payload_too_large: { status: 413, title: 'Payload too large' },
  unsupported_media_type: { status: 415, title: 'Unsupported media type' },
  rate_limited: { status: 429, title: 'Too many requests' },
  oidc_provider_unavailable: { status: 404, title: 'Sign-in provider not available' },
  oidc_state_invalid: { status: 400, title: 'Sign-in attempt unknown, used or expired' },
  oidc_token_rejected: { status: 400, title: 'The provider’s answer did not verify' },
  oidc_email_unverified: { status: 403, title: 'The provider has not verified this email' },
  oidc_account_exists: { status: 409, title: 'An account with this email exists; sign in and link it' },
  oidc_signup_disabled: { status: 403, title: 'This provider cannot create accounts' },
  oidc_identity_taken: { status: 409, title: 'This identity is linked to another account' },
  last_sign_in_method: { status: 409, title: 'The last way to sign in cannot be removed' },
  internal_error: { status: 500, title: 'Internal server error' },
  not_ready: { status: 503, title: 'Service not ready' },
} as const satisfies Record<string, { status: number; title: string }>;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The problem `type` URI for a code; docs/errors.md documents every one. */
export function problemType(code: ErrorCode): string {
  return `urn:easel:problem:${code}`;
}

/** One field's problem, from validation: `path` is dotted (`shapes.3.x`). */
export interface FieldError {
  path: string;
  message: string;
  code?: string;
}

/** The project's one error shape: RFC 9457 problem details, as every 4xx and 5xx answer carries it. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: ErrorCode;
  requestId: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}
