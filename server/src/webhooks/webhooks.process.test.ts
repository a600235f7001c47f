import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createDb } from '../db/client.ts';
import { freshDatabase, STRONG_PASSWORD } from '../../test/helpers.ts';
import { startServer } from '../../test/process.ts';
import { STRIPE_SECRET, checkoutCompleted, stripeSigner } from '../../test/webhooks.ts';

const logDir = mkdtempSync(join(tmpdir(), 'easel-webhook-process-logs-'));
afterAll(() => rmSync(logDir, { recursive: true, force: true }));

it('the server process runs the webhook worker from its start to its graceful shutdown', async () => {
  const { url } = await freshDatabase();
  const server = await startServer({
    NODE_ENV: 'test',
    LOG_DIR: logDir,
    DATABASE_URL: url,
    WEBHOOK_STRIPE_SECRETS: STRIPE_SECRET,
  });
  const db = createDb(url, { poolSize: 1 });
  try {
    const post = (path: string, body: string, headers: Record<string, string>) =>
      fetch(`${server.url}${path}`, {
        method: 'POST',
        body,
        headers: { 'Content-Type': 'application/json', ...headers },
      });
    const registered = await post(
      '/api/auth/register',
      JSON.stringify({ email: 'buyer@example.com', password: STRONG_PASSWORD }),
      {},
    );
    const userId = ((await registered.json()) as { user: { id: string } }).user.id;
    const { body } = checkoutCompleted(userId, 'team');
    expect((await post('/api/webhooks/stripe', body, stripeSigner.sign(body))).status).toBe(200);
    await expect
      .poll(async () => (await db.user.findUniqueOrThrow({ where: { id: userId } })).plan, { timeout: 10_000 })
      .toBe('team');
    server.child.kill('SIGTERM');
    expect(await server.exited).toEqual({ code: 0, signal: null });
    expect(server.output()).toContain('shutdown complete');
  } finally {
    await db.$disconnect();
  }
});
