import type { Request, RequestHandler } from 'express';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Redis } from '../db/redis.ts';
import { describeHandler } from './handler-docs.ts';
import { HttpError } from './http-error.ts';

export interface RateLimitRule {
  name: string;
  points: number;
  durationSeconds: number;
}

export interface RateLimitStore {
  redis?: Redis | undefined;
  prefix: string;
}

/**
 * A fixed-window limiter from rate-limiter-flexible: in memory for one instance, in Redis when
 * several must share the count (with a per-instance memory limiter as insurance while Redis is
 * away, so an outage neither locks everyone out nor lifts the limit).
 */
export function createRateLimiter(rule: RateLimitRule, store: RateLimitStore): RateLimiterAbstract {
  const options = { keyPrefix: `${store.prefix}:rl:${rule.name}`, points: rule.points, duration: rule.durationSeconds };
  if (!store.redis) return new RateLimiterMemory(options);
  return new RateLimiterRedis({
    ...options,
    storeClient: store.redis,
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory(options),
  });
}

/** Consumes one point per request under `keyOf(req)`; over the limit answers 429 with Retry-After. */
export function limitRequests(
  limiter: RateLimiterAbstract,
  keyOf: (req: Request) => string | undefined,
): RequestHandler {
  const limit: RequestHandler = async (req, _res, next) => {
    const key = keyOf(req);
    if (key === undefined) return next();
    try {
      await limiter.consume(key);
      next();
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      const retryAfter = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
      throw new HttpError('rate_limited', `Too many requests; try again in ${retryAfter} s`, {
        headers: { 'Retry-After': String(retryAfter) },
      });
    }
  };
  return describeHandler(limit, { errors: ['rate_limited'] });
}
