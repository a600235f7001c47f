import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import type { Db } from './db/client.ts';
import type { Redis } from './db/redis.ts';
import { createCredentialLimits, type CredentialLimits } from './identity/credential-limits.ts';
import { loadKeySet, type KeySet } from './identity/keys.ts';
import { createMemoryNonces, createRedisNonces, type NonceStore } from './identity/nonces.ts';
import { createSecretBox, type SecretBox } from './identity/service-secrets.ts';
import { createMemoryRevocations, createRedisRevocations, type RevocationStore } from './identity/revocation.ts';
import type { Logger } from './logger.ts';

/** What the process hands to createApp: the base services, made once in main.ts (or a test). */
export interface AppDeps {
  config: Config;
  logger: Logger;
  db: Db;
  clock: Clock;
  redis?: Redis | undefined;
}

/** What every feature receives: the base services and the security kernel built on them, made once per app. */
export interface AppContext extends AppDeps {
  redis: Redis | undefined;
  keys: KeySet;
  revocations: RevocationStore;
  limits: CredentialLimits;
  /** Seals and opens service-client secrets (SERVICE_CLIENT_KEYS). */
  secrets: SecretBox;
  /** Nonces of signed service requests, shared through Redis when configured. */
  nonces: NonceStore;
}

export function createAppContext(deps: AppDeps): AppContext {
  const { config, logger, clock } = deps;
  const keys = loadKeySet(config.auth, { production: config.isProduction });
  if (keys.ephemeral) logger.warn('no JWT_SECRET or JWT_KEYS: using a random key; tokens die with this process');
  if (config.isProduction && !deps.redis) {
    logger.warn(
      'no REDIS_URL: revocations and rate limits live in this process only (forgotten on restart, not shared between instances)',
    );
  }
  const revocations = deps.redis
    ? createRedisRevocations(deps.redis, config.redisPrefix, clock, config.auth.accessTokenTtl)
    : createMemoryRevocations(clock, config.auth.accessTokenTtl);
  const limits = createCredentialLimits(config, deps.redis);
  const secrets = createSecretBox(config.serviceClients.keys);
  if (secrets.ephemeral) {
    logger.warn(
      'no SERVICE_CLIENT_KEYS: service-client secrets are sealed with a random key and die with this process',
    );
  }
  const nonces = deps.redis ? createRedisNonces(deps.redis, config.redisPrefix) : createMemoryNonces(clock);
  return { ...deps, redis: deps.redis, keys, revocations, limits, secrets, nonces };
}
