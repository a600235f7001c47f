import { z } from 'zod';
import { pingDb, type Db } from '../db/client.ts';
import { pingRedis, type Redis } from '../db/redis.ts';
import { sendProblem } from '../http/problem.ts';
import { route, type Feature } from '../http/routes.ts';

type CheckState = 'up' | 'down' | 'disabled';

const Liveness = z.object({ status: z.literal('ok') });
const Readiness = z.object({
  status: z.literal('ready'),
  checks: z.object({ database: z.enum(['up', 'down']), redis: z.enum(['up', 'down', 'disabled']) }),
});

/** `/healthz`: the process answers. `/readyz`: its database (and Redis when used) answer too. */
export function healthFeature(deps: { db: Db; redis?: Redis | undefined }): Feature {
  const routes = [
    route.get('/healthz', {
      summary: 'Liveness: the process answers',
      responses: { 200: Liveness },
      handle: (_req, res) => {
        res.json({ status: 'ok' });
      },
    }),
    route.get('/readyz', {
      summary: 'Readiness: the database (and Redis when configured) answer',
      responses: { 200: Readiness },
      errors: ['not_ready'],
      handle: async (req, res) => {
        const checks = await runReadinessChecks(deps);
        const failing = Object.entries(checks)
          .filter(([, state]) => state === 'down')
          .map(([name]) => name);
        if (failing.length === 0) {
          res.json({ status: 'ready', checks });
          return;
        }
        sendProblem(req, res, 'not_ready', `Unreachable: ${failing.join(', ')}`, { checks });
      },
    }),
  ];
  return { path: '/', name: 'health', description: 'Probes for load balancers and orchestrators', routes };
}

async function runReadinessChecks(deps: { db: Db; redis?: Redis | undefined }): Promise<Record<string, CheckState>> {
  const [database, redis] = await Promise.all([
    answersWithin(pingDb(deps.db), 2_000),
    deps.redis ? answersWithin(pingRedis(deps.redis), 1_000) : Promise.resolve(undefined),
  ]);
  return { database: database ? 'up' : 'down', redis: redis === undefined ? 'disabled' : redis ? 'up' : 'down' };
}

/** A probe that has not answered in time counts as down, so /readyz answers fast when a store is gone. */
function answersWithin(probe: Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const timeout = new Promise<false>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
  return Promise.race([probe, timeout]);
}
