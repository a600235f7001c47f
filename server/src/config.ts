import { createSecretKey, type KeyObject } from 'node:crypto';
import { existsSync } from 'node:fs';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';

/** Thrown when the environment cannot produce a safe configuration; its message is one line. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const EXAMPLE_SECRET_MARKER = 'change-me';
/** The shortest HMAC secret accepted anywhere (JWT_SECRET, HS256 keys in JWT_KEYS). */
export const MIN_SECRET_BYTES = 32;

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');

const seconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);

/** One OpenID Connect provider; OIDC_PROVIDERS is a JSON array of these. */
const OidcProviderSchema = z.object({
  /** In URLs (`/api/auth/oidc/<id>/start`) and stored with each linked identity: never rename one in use. */
  id: z.string().regex(/^[a-z][a-z0-9-]{1,31}$/, 'must be 2-32 of a-z, 0-9 and -, starting with a letter'),
  name: z.string().min(1).max(40),
  issuer: z.url(),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  scopes: z.string().default('openid email profile'),
  /** A disabled provider is hidden and refused; its linked identities stay for when it returns. */
  enabled: z.boolean().default(true),
  /** Whether a first sign-in with an unknown, provider-verified email creates an account. */
  allowSignup: z.boolean().default(true),
});

const jsonList = <T extends z.ZodType>(item: T) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: 'custom', message: 'must be a JSON array' });
        return z.NEVER;
      }
    })
    .pipe(z.array(item));

const origin = z.string().refine(isExactOrigin, {
  message: 'must be an exact origin such as https://app.example.com (no wildcard, path or "null")',
});

export const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().min(1).optional(),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .optional(),
  /** Apply pending migrations to DATABASE_URL at start (the embedded database always is). */
  MIGRATE_ON_START: booleanFlag.default(false),
  DATA_DIR: z.string().min(1).default('.data'),
  /** The built SPA served next to the API. Unset: client/dist, except in tests (API only). */
  SPA_DIR: z.string().min(1).optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// or rediss:// URL')
    .optional(),
  REDIS_PREFIX: z
    .string()
    .regex(/^[\w.-]{1,64}$/)
    .default('easel'),
  RATE_LIMIT_LOGIN: z.coerce.number().int().positive().default(10),
  RATE_LIMIT_LOGIN_IP: z.coerce.number().int().positive().default(100),
  RATE_LIMIT_REGISTER: z.coerce.number().int().positive().default(20),
  RATE_LIMIT_REFRESH: z.coerce.number().int().positive().default(120),
  RATE_LIMIT_PASSWORD: z.coerce.number().int().positive().default(10),
  RATE_LIMIT_MFA: z.coerce.number().int().positive().default(10),
  RATE_LIMIT_RECOVERY: z.coerce.number().int().positive().default(5),
  RATE_LIMIT_RECOVERY_IP: z.coerce.number().int().positive().default(30),
  CORS_ORIGINS: z.string().optional(),
  APP_ORIGIN: origin.optional(),
  TRUST_PROXY: z.string().optional(),
  JSON_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must look like 100kb')
    .default('100kb'),
  SHUTDOWN_TIMEOUT: seconds(10),
  JWT_SECRET: z.string().optional(),
  JWT_KEYS: z.string().optional(),
  JWT_ISSUER: z.string().min(1).default('easel'),
  JWT_AUDIENCE: z.string().min(1).default('easel-api'),
  ACCESS_TOKEN_TTL: seconds(300),
  REFRESH_TOKEN_TTL: seconds(14 * 24 * 3600),
  REFRESH_FAMILY_MAX_AGE: seconds(90 * 24 * 3600),
  REFRESH_REUSE_GRACE: z.coerce.number().int().min(0).default(10),
  COOKIE_SAMESITE: z.enum(['strict', 'lax', 'none']).default('strict'),
  COOKIE_SECURE: booleanFlag.default(true),
  ARGON2_MEMORY_KIB: z.coerce.number().int().min(19456).default(19456),
  ARGON2_TIME_COST: z.coerce.number().int().min(2).default(2),
  ARGON2_PARALLELISM: z.coerce.number().int().min(1).default(1),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().optional(),
  /** Development only (`npm run dev` sets both): an admin made sure of at every start. */
  DEV_ADMIN_EMAIL: z.email().optional(),
  DEV_ADMIN_PASSWORD: z.string().min(16).optional(),
  LOG_DIR: z.string().min(1).default('logs'),
  LOG_LEVEL: z.enum(['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly']).optional(),
  LOG_CONSOLE: booleanFlag.default(true),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
    .optional(),
  MAIL_FROM: z.string().min(3).default('Easel <no-reply@localhost>'),
  /** Without SMTP: where each message is written as an .eml file (default in development: DATA_DIR/outbox). */
  MAIL_OUTBOX_DIR: z.string().min(1).optional(),
  VERIFICATION_TOKEN_TTL: seconds(24 * 3600),
  RESET_TOKEN_TTL: seconds(30 * 60),
  REQUIRE_VERIFIED_EMAIL: booleanFlag.default(false),
  MFA_ENCRYPTION_KEYS: z.string().optional(),
  MFA_ISSUER: z.string().trim().min(1).max(64).default('Easel'),
  MFA_CHALLENGE_TTL: z.coerce.number().int().min(30).max(1800).default(300),
  MFA_STEP_UP_WINDOW: z.coerce.number().int().min(30).max(86400).default(600),
  WEBAUTHN_RP_ID: z
    .string()
    .regex(/^[a-z0-9.-]+$/i, 'must be a host name such as example.com')
    .optional(),
  WEBAUTHN_RP_NAME: z.string().trim().min(1).max(64).default('Easel'),
  WEBHOOK_STRIPE_SECRETS: z.string().optional(),
  WEBHOOK_STANDARD_SECRETS: z.string().optional(),
  // The Standard Webhooks library never accepts a timestamp more than 5 minutes off, so neither
  // does Easel: one window for every provider.
  WEBHOOK_TOLERANCE: z.coerce.number().int().min(1).max(300).default(300),
  WEBHOOK_BODY_LIMIT: z
    .string()
    .regex(/^\d+(b|kb|mb)$/i, 'must look like 1mb')
    .default('1mb'),
  WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(8),
  WEBHOOK_RETRY_DELAY: seconds(30),
  OIDC_PROVIDERS: jsonList(OidcProviderSchema).optional(),
  /** `kid:base64key,...`: AES-256 keys sealing service-client secrets; the first seals, all open. */
  SERVICE_CLIENT_KEYS: z.string().optional(),
  SERVICE_SIGNATURE_TOLERANCE: z.coerce.number().int().min(1).max(3600).default(300),
});

type Env = z.infer<typeof EnvSchema>;

const VITE_DEV_ORIGINS = ['http://localhost:5173', 'http://127.0.0.1:5173'];

/** Vite's dev server, and this server itself when it serves the built SPA (`npm start`). */
const devOrigins = (port: number) => [...VITE_DEV_ORIGINS, `http://localhost:${port}`, `http://127.0.0.1:${port}`];

/** Parses an environment into the typed, frozen configuration every module receives. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = EnvSchema.safeParse(blankToUndefined(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`${issue?.path.join('.') ?? 'environment'}: ${issue?.message ?? 'invalid'}`);
  }
  const e = parsed.data;
  const isProduction = e.NODE_ENV === 'production';
  const corsOrigins = parseOrigins(e.CORS_ORIGINS, isProduction ? [] : devOrigins(e.PORT));
  const config = {
    env: e.NODE_ENV,
    isProduction,
    host: e.HOST ?? (isProduction ? '0.0.0.0' : '127.0.0.1'),
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    migrateOnStart: e.MIGRATE_ON_START,
    dataDir: e.DATA_DIR,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    trustProxy: parseTrustProxy(e.TRUST_PROXY),
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT * 1000,
    http: {
      corsOrigins,
      appOrigin: e.APP_ORIGIN ?? corsOrigins[0] ?? 'http://localhost:5173',
      jsonBodyLimit: e.JSON_BODY_LIMIT,
    },
    web: { spaDir: e.SPA_DIR ?? (e.NODE_ENV === 'test' ? undefined : 'client/dist') },
    auth: buildAuthConfig(e),
    admin: { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD },
    devAdmin:
      e.DEV_ADMIN_EMAIL && e.DEV_ADMIN_PASSWORD
        ? { email: e.DEV_ADMIN_EMAIL, password: e.DEV_ADMIN_PASSWORD }
        : undefined,
    log: {
      dir: e.LOG_DIR,
      level: e.LOG_LEVEL ?? (e.NODE_ENV === 'development' ? 'debug' : 'info'),
      json: isProduction,
      console: e.LOG_CONSOLE,
    },
    mail: buildMailConfig(e),
    webhooks: buildWebhookConfig(e),
    oidc: { providers: e.OIDC_PROVIDERS ?? [] },
    serviceClients: {
      keys: parseKeyRing('SERVICE_CLIENT_KEYS', e.SERVICE_CLIENT_KEYS, isProduction),
      toleranceSeconds: e.SERVICE_SIGNATURE_TOLERANCE,
    },
  };
  const mfa = buildMfaConfig(e, config.http.appOrigin, corsOrigins);
  refuseDangerousCombinations(config, e);
  return deepFreeze({ ...config, mfa });
}

export type Config = ReturnType<typeof loadConfig>;

/** Reads `.env` into process.env in development only; real environment variables win. */
export function loadDotEnvForDevelopment(path = '.env'): void {
  const env = process.env.NODE_ENV ?? 'development';
  if (env === 'development' && existsSync(path)) process.loadEnvFile(path);
}

function buildAuthConfig(e: Env) {
  return {
    jwtSecret: e.JWT_SECRET,
    jwtKeys: e.JWT_KEYS,
    issuer: e.JWT_ISSUER,
    audience: e.JWT_AUDIENCE,
    accessTokenTtl: e.ACCESS_TOKEN_TTL,
    refreshTokenTtl: e.REFRESH_TOKEN_TTL,
    refreshFamilyMaxAge: e.REFRESH_FAMILY_MAX_AGE,
    refreshReuseGrace: e.REFRESH_REUSE_GRACE,
    cookie: {
      name: e.NODE_ENV === 'production' ? '__Secure-easel_refresh' : 'easel_refresh',
      sameSite: e.COOKIE_SAMESITE,
      secure: e.COOKIE_SECURE,
      path: '/api/auth',
    },
    rateLimits: {
      login: e.RATE_LIMIT_LOGIN,
      loginIp: e.RATE_LIMIT_LOGIN_IP,
      register: e.RATE_LIMIT_REGISTER,
      refresh: e.RATE_LIMIT_REFRESH,
      password: e.RATE_LIMIT_PASSWORD,
      recovery: e.RATE_LIMIT_RECOVERY,
      recoveryIp: e.RATE_LIMIT_RECOVERY_IP,
    },
    /** Unverified users may not sign in (they can still verify, and ask for a new link). */
    requireVerifiedEmail: e.REQUIRE_VERIFIED_EMAIL,
    argon2: { memoryCost: e.ARGON2_MEMORY_KIB, timeCost: e.ARGON2_TIME_COST, parallelism: e.ARGON2_PARALLELISM },
  };
}

function buildMailConfig(e: Env) {
  const outboxDir = e.MAIL_OUTBOX_DIR ?? (e.NODE_ENV === 'development' ? join(e.DATA_DIR, 'outbox') : undefined);
  return {
    smtpUrl: e.SMTP_URL,
    from: e.MAIL_FROM,
    /** Used only when there is no SMTP_URL. */
    outboxDir: e.SMTP_URL ? undefined : outboxDir,
    verificationTtl: e.VERIFICATION_TOKEN_TTL,
    resetTtl: e.RESET_TOKEN_TTL,
  };
}

function buildWebhookConfig(e: Env) {
  return {
    /** Signing secrets per provider, several during a rotation; none: the provider is off (404). */
    secrets: {
      stripe: splitList(e.WEBHOOK_STRIPE_SECRETS ?? ''),
      standard: splitList(e.WEBHOOK_STANDARD_SECRETS ?? ''),
    },
    toleranceSeconds: e.WEBHOOK_TOLERANCE,
    bodyLimit: e.WEBHOOK_BODY_LIMIT,
    maxAttempts: e.WEBHOOK_MAX_ATTEMPTS,
    retryDelaySeconds: e.WEBHOOK_RETRY_DELAY,
  };
}

/** An AES-256 key that seals secrets at rest, named so that rows record which one sealed them. */
export interface SealingKey {
  id: string;
  key: KeyObject;
}

/** Base64 of exactly 32 random bytes: an AES-256 key. */
const SEALING_KEY_BYTES = 32;

/**
 * A key ring (SERVICE_CLIENT_KEYS, MFA_ENCRYPTION_KEYS): `kid:base64,kid:base64`, each key 32
 * bytes (openssl rand -base64 32). The first seals new secrets; the others only open old ones,
 * for rotation (docs/service-clients.md, docs/mfa.md). Unset or empty: no keys.
 */
function parseKeyRing(name: string, raw: string | undefined, isProduction: boolean): SealingKey[] {
  const keys = splitList(raw ?? '').map((entry) => parseSealingKey(name, entry, isProduction));
  if (new Set(keys.map((k) => k.id)).size !== keys.length) {
    throw new ConfigError(`${name}: each key id may appear once`);
  }
  return keys;
}

function parseSealingKey(name: string, entry: string, isProduction: boolean): SealingKey {
  const [id = '', encoded = '', ...rest] = entry.split(':');
  if (!/^[\w.-]{1,32}$/.test(id) || rest.length > 0) {
    throw new ConfigError(`${name}: each entry is <key id>:<base64 key>, the id of letters, digits, _, . or -`);
  }
  if (isProduction && encoded.includes(EXAMPLE_SECRET_MARKER)) {
    throw new ConfigError(`${name} is still the example value from .env.example`);
  }
  const key = Buffer.from(encoded, 'base64');
  if (key.length !== SEALING_KEY_BYTES) {
    throw new ConfigError(`${name}: key "${id}" must be 32 bytes in base64 (openssl rand -base64 32)`);
  }
  // A KeyObject, not a Buffer: the config is deep-frozen, and it keeps the bytes out of logs.
  return { id, key: createSecretKey(key) };
}

/** Development and tests only: a published key protects nothing, it only keeps the code path real. */
const DEVELOPMENT_MFA_KEY: SealingKey = {
  id: 'dev',
  key: createSecretKey(Buffer.alloc(SEALING_KEY_BYTES, 'easel-development-only-mfa-key!!')),
};

/**
 * Second factors (docs/mfa.md). MFA_ENCRYPTION_KEYS is `kid:base64key,...`, the first entry
 * encrypting new TOTP secrets and every entry decrypting (rotation). Unset outside production: a
 * fixed development key, so enrolments survive restarts; unset in production: TOTP enrolment is
 * refused (passkeys still work, they hold no secret of ours).
 */
function buildMfaConfig(e: Env, appOrigin: string, corsOrigins: string[]) {
  const production = e.NODE_ENV === 'production';
  const keys =
    e.MFA_ENCRYPTION_KEYS === undefined && !production
      ? [DEVELOPMENT_MFA_KEY]
      : parseKeyRing('MFA_ENCRYPTION_KEYS', e.MFA_ENCRYPTION_KEYS, production);
  const rpId = e.WEBAUTHN_RP_ID ?? new URL(appOrigin).hostname;
  // Every allowed origin on the RP ID (or a subdomain of it) may run a WebAuthn ceremony.
  const origins = [...new Set([appOrigin, ...corsOrigins])].filter((o) => {
    const host = new URL(o).hostname;
    return host === rpId || host.endsWith(`.${rpId}`);
  });
  return {
    encryptionKeys: keys,
    issuer: e.MFA_ISSUER,
    challengeTtl: e.MFA_CHALLENGE_TTL,
    stepUpWindow: e.MFA_STEP_UP_WINDOW,
    rateLimit: e.RATE_LIMIT_MFA,
    webauthn: { rpId, rpName: e.WEBAUTHN_RP_NAME, origins },
  };
}

function refuseDangerousCombinations(config: { isProduction: boolean }, e: Env): void {
  if (e.COOKIE_SAMESITE === 'none' && !e.COOKIE_SECURE) {
    throw new ConfigError(
      'COOKIE_SAMESITE=none requires COOKIE_SECURE=true (browsers drop such cookies and it invites CSRF)',
    );
  }
  if (e.NODE_ENV !== 'development' && (e.DEV_ADMIN_EMAIL || e.DEV_ADMIN_PASSWORD)) {
    throw new ConfigError('DEV_ADMIN_EMAIL/DEV_ADMIN_PASSWORD are for development only (npm run dev)');
  }
  const providers = e.OIDC_PROVIDERS ?? [];
  if (new Set(providers.map((provider) => provider.id)).size !== providers.length) {
    throw new ConfigError('OIDC_PROVIDERS: two providers share an id');
  }
  if (!config.isProduction) return;
  const plainHttp = providers.find((provider) => !provider.issuer.startsWith('https://'));
  if (plainHttp) throw new ConfigError(`OIDC_PROVIDERS: ${plainHttp.id} needs an https:// issuer in production`);
  assertProductionJwt({ jwtSecret: e.JWT_SECRET, jwtKeys: e.JWT_KEYS });
  if (e.ADMIN_PASSWORD?.includes(EXAMPLE_SECRET_MARKER)) {
    throw new ConfigError('ADMIN_PASSWORD is still the example value from .env.example');
  }
  if (!e.COOKIE_SECURE) throw new ConfigError('COOKIE_SECURE=false is refused in production');
  if (e.MAIL_OUTBOX_DIR) {
    throw new ConfigError('MAIL_OUTBOX_DIR is refused in production (it keeps sign-in links on disk): set SMTP_URL');
  }
  for (const name of ['WEBHOOK_STRIPE_SECRETS', 'WEBHOOK_STANDARD_SECRETS'] as const) {
    for (const secret of splitList(e[name] ?? '')) assertStrongSecret(name, secret);
  }
  if (!e.CORS_ORIGINS) throw new ConfigError('CORS_ORIGINS is required in production (the SPA origin)');
  if (!e.DATABASE_URL) {
    throw new ConfigError(
      'DATABASE_URL is required in production (the embedded PostgreSQL is for development and tests)',
    );
  }
}

/** Production signs with a configured key, never an ephemeral one, and a secret must be strong. */
export function assertProductionJwt(auth: { jwtSecret?: string | undefined; jwtKeys?: string | undefined }): void {
  if (!auth.jwtSecret && !auth.jwtKeys) throw new ConfigError('JWT_SECRET or JWT_KEYS is required in production');
  if (auth.jwtSecret) assertStrongSecret('JWT_SECRET', auth.jwtSecret);
}

/** A production secret must be random-looking, at least 32 bytes, and not the documented example. */
export function assertStrongSecret(name: string, secret: string): void {
  if (secret.includes(EXAMPLE_SECRET_MARKER))
    throw new ConfigError(`${name} is still the example value from .env.example`);
  if (Buffer.byteLength(secret) < MIN_SECRET_BYTES) {
    throw new ConfigError(
      `${name} is too short: use at least ${MIN_SECRET_BYTES} random bytes (openssl rand -base64 48)`,
    );
  }
  if (new Set(secret).size < 10) throw new ConfigError(`${name} is too weak: it repeats too few characters`);
}

function parseOrigins(raw: string | undefined, fallback: string[]): string[] {
  if (raw === undefined) return fallback;
  const origins = splitList(raw);
  for (const o of origins) {
    if (!isExactOrigin(o)) {
      throw new ConfigError(
        `CORS_ORIGINS: "${o}" is not an exact origin (wildcards and "null" are refused with credentials)`,
      );
    }
  }
  return origins;
}

/** `a, b,,c` -> ['a', 'b', 'c']. */
function splitList(raw: string): string[] {
  return raw
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function isExactOrigin(value: string): boolean {
  if (value === 'null' || value.includes('*')) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

// Express's names for the private ranges a proxy usually sits in.
const NAMED_PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Express `trust proxy`, limited to the values that cannot be spoofed from outside: a hop count
 * (the app is reachable only through that many proxies) or the proxies' addresses and subnets.
 * `true` would take the left-most X-Forwarded-For entry, which any client writes itself, so
 * every per-IP rate limit would be theirs to reset; it is refused.
 */
export function parseTrustProxy(raw: string | undefined): false | number | string[] {
  if (raw === undefined || raw === 'false' || raw === '0') return false;
  if (raw === 'true') {
    throw new ConfigError(
      "TRUST_PROXY=true lets any client choose its IP (and dodge rate limits): set the hop count (1 behind one proxy) or the proxies' addresses",
    );
  }
  if (/^\d{1,2}$/.test(raw)) return Number(raw);
  const entries = raw.split(',').map((entry) => entry.trim());
  const bad = entries.find((entry) => !isProxyAddress(entry));
  if (bad !== undefined) {
    throw new ConfigError(
      `TRUST_PROXY: "${bad}" is not a hop count, an IP address, a subnet (10.0.0.0/8) or one of loopback, linklocal, uniquelocal`,
    );
  }
  return entries;
}

function isProxyAddress(entry: string): boolean {
  if (NAMED_PROXY_RANGES.has(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 4 ? 32 : 128);
}

function blankToUndefined(env: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).map(([k, v]) => [k, v === '' ? undefined : v]));
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
