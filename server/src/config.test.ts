import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';

const strongSecret = randomBytes(48).toString('base64');
const production = {
  NODE_ENV: 'production',
  JWT_SECRET: strongSecret,
  CORS_ORIGINS: 'https://app.example.com',
  DATABASE_URL: 'postgresql://easel@db.internal:5432/easel',
};

function failure(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected loadConfig to refuse this environment');
}

describe('configuration', () => {
  it('gives development defaults without any environment', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ env: 'development', host: '127.0.0.1', port: 3000, dataDir: '.data' });
    expect(config.databaseUrl).toBeUndefined();
    expect(config.auth).toMatchObject({ accessTokenTtl: 300, refreshTokenTtl: 1_209_600, refreshReuseGrace: 10 });
    expect(config.http.corsOrigins).toEqual([
      'http://localhost:5173',
      'http://127.0.0.1:5173',
      'http://localhost:3000',
      'http://127.0.0.1:3000',
    ]);
  });

  it('takes a development admin only in development (npm run dev), never in production or tests', () => {
    const devAdmin = { DEV_ADMIN_EMAIL: 'dev-admin@example.com', DEV_ADMIN_PASSWORD: 'a-long-enough-password' };
    expect(loadConfig(devAdmin).devAdmin).toEqual({
      email: 'dev-admin@example.com',
      password: 'a-long-enough-password',
    });
    expect(loadConfig({}).devAdmin).toBeUndefined();
    expect(failure({ ...production, ...devAdmin })).toMatch(
      /DEV_ADMIN_EMAIL\/DEV_ADMIN_PASSWORD are for development only/,
    );
    expect(failure({ NODE_ENV: 'test', DEV_ADMIN_EMAIL: 'dev-admin@example.com' })).toMatch(/development only/);
  });

  it('is frozen all the way down', () => {
    const config = loadConfig({});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Object.isFrozen(config.auth.cookie)).toBe(true);
    expect(() => (config.http.corsOrigins as string[]).push('x')).toThrow(TypeError);
  });

  it('starts in production with a strong secret and listens on all interfaces', () => {
    const config = loadConfig(production);
    expect(config.isProduction).toBe(true);
    expect(config.host).toBe('0.0.0.0');
    expect(config.auth.cookie.name).toBe('__Secure-easel_refresh');
    expect(config.log.json).toBe(true);
  });

  it.each([
    [{ ...production, JWT_SECRET: '' }, 'JWT_SECRET or JWT_KEYS is required in production'],
    [{ ...production, JWT_SECRET: 'short-secret' }, 'JWT_SECRET is too short'],
    [
      { ...production, JWT_SECRET: 'change-me-to-a-long-random-value-of-at-least-32-bytes' },
      'JWT_SECRET is still the example value',
    ],
    [{ ...production, JWT_SECRET: 'a'.repeat(64) }, 'JWT_SECRET is too weak'],
    [{ ...production, ADMIN_PASSWORD: 'change-me-admin' }, 'ADMIN_PASSWORD is still the example value'],
    [{ ...production, CORS_ORIGINS: '' }, 'CORS_ORIGINS is required in production'],
    [{ ...production, COOKIE_SECURE: 'false' }, 'COOKIE_SECURE=false is refused in production'],
    [{ ...production, DATABASE_URL: '' }, 'DATABASE_URL is required in production'],
  ])('refuses an unsafe production environment (%#)', (env, reason) => {
    expect(failure(env)).toContain(reason);
  });

  it.each([
    [{ CORS_ORIGINS: '*' }, 'CORS_ORIGINS: "*" is not an exact origin'],
    [{ CORS_ORIGINS: 'null' }, 'CORS_ORIGINS: "null" is not an exact origin'],
    [{ CORS_ORIGINS: 'https://app.example.com/path' }, 'is not an exact origin'],
    [{ COOKIE_SAMESITE: 'none', COOKIE_SECURE: 'false' }, 'COOKIE_SAMESITE=none requires COOKIE_SECURE=true'],
    [{ PORT: 'eighty' }, 'PORT:'],
    [{ DATABASE_URL: 'mysql://localhost/x' }, 'DATABASE_URL: must be a postgresql:// URL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV:'],
  ])('refuses dangerous or malformed settings with a one-line reason (%#)', (env, reason) => {
    const message = failure(env);
    expect(message).toContain(reason);
    expect(message).not.toContain('\n');
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ databaseUrl: undefined, port: 3000 });
  });
});

describe('OpenID Connect providers', () => {
  const provider = { id: 'acme', name: 'Acme', issuer: 'https://id.acme.test', clientId: 'c', clientSecret: 's' };

  it('reads a JSON array of providers with their defaults, none when unset', () => {
    expect(loadConfig({}).oidc.providers).toEqual([]);
    expect(loadConfig({ OIDC_PROVIDERS: JSON.stringify([provider]) }).oidc.providers).toEqual([
      { ...provider, scopes: 'openid email profile', enabled: true, allowSignup: true },
    ]);
  });

  it('refuses text that is not a JSON array of providers, in one line', () => {
    expect(failure({ OIDC_PROVIDERS: '[{' })).toBe('OIDC_PROVIDERS: must be a JSON array');
    expect(failure({ OIDC_PROVIDERS: JSON.stringify([{ ...provider, id: 'Bad Id' }]) })).toMatch(
      /^OIDC_PROVIDERS\.0\.id:/,
    );
  });

  it('refuses two providers with one id, and a plain-http issuer in production', () => {
    expect(failure({ OIDC_PROVIDERS: JSON.stringify([provider, provider]) })).toBe(
      'OIDC_PROVIDERS: two providers share an id',
    );
    const plain = JSON.stringify([{ ...provider, issuer: 'http://id.acme.test' }]);
    expect(failure({ ...production, OIDC_PROVIDERS: plain })).toBe(
      'OIDC_PROVIDERS: acme needs an https:// issuer in production',
    );
  });
});

describe('webhook configuration', () => {
  it('turns comma-separated secrets into a list per provider, none when unset', () => {
    const config = loadConfig({ WEBHOOK_STRIPE_SECRETS: ' whsec_new , whsec_old,, ' });
    expect(config.webhooks.secrets).toEqual({ stripe: ['whsec_new', 'whsec_old'], standard: [] });
    expect(config.webhooks).toMatchObject({ toleranceSeconds: 300, bodyLimit: '1mb', maxAttempts: 8 });
  });

  it('refuses a tolerance beyond the 5 minutes the Standard Webhooks library allows', () => {
    expect(failure({ WEBHOOK_TOLERANCE: '301' })).toMatch(/^WEBHOOK_TOLERANCE:/);
    expect(loadConfig({ WEBHOOK_TOLERANCE: '60' }).webhooks.toleranceSeconds).toBe(60);
  });

  it('refuses example or short webhook secrets in production, and takes real ones', () => {
    const real = `whsec_${randomBytes(32).toString('base64')}`;
    expect(failure({ ...production, WEBHOOK_STRIPE_SECRETS: `${real},whsec_change-me` })).toMatch(
      /^WEBHOOK_STRIPE_SECRETS is still the example value/,
    );
    expect(failure({ ...production, WEBHOOK_STANDARD_SECRETS: 'whsec_c2hvcnQ=' })).toMatch(
      /^WEBHOOK_STANDARD_SECRETS is too short/,
    );
    expect(loadConfig({ ...production, WEBHOOK_STRIPE_SECRETS: real }).webhooks.secrets.stripe).toEqual([real]);
  });
});
