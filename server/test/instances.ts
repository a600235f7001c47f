import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { STRONG_PASSWORD, TEST_ORIGIN, uniqueEmail } from './helpers.ts';
import { startServer, type ServerProcess } from './process.ts';

/** A TCP port nothing listens on right now (for processes that need a fixed one, like nginx). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** The environment of an app process in a test: its own log folder, everything else given. */
export async function processEnv(
  env: Record<string, string>,
): Promise<{ env: Record<string, string>; done(): Promise<void> }> {
  const logDir = await mkdtemp(join(tmpdir(), 'easel-instance-logs-'));
  return {
    env: {
      NODE_ENV: 'test',
      CORS_ORIGINS: TEST_ORIGIN,
      LOG_DIR: logDir,
      RATE_LIMIT_REGISTER: '100000',
      RATE_LIMIT_LOGIN: '100000',
      RATE_LIMIT_LOGIN_IP: '100000',
      RATE_LIMIT_REFRESH: '100000',
      ...env,
    },
    done: () => rm(logDir, { recursive: true, force: true }),
  };
}

/** Starts `count` app processes with one environment (one secret, database and Redis prefix). */
export async function startInstances(count: number, env: Record<string, string>): Promise<ServerProcess[]> {
  return Promise.all(Array.from({ length: count }, () => startServer(env, 60_000)));
}

/** SIGTERM, then the exit; SIGKILL if it takes longer than `ms`. */
export async function stopInstance(server: ServerProcess, ms = 15_000): Promise<{ code: number | null }> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return server.exited;
  server.child.kill('SIGTERM');
  const timer = setTimeout(() => server.child.kill('SIGKILL'), ms);
  const result = await server.exited;
  clearTimeout(timer);
  return result;
}

export const sharedSecret = () => randomBytes(48).toString('base64');

/** The refresh cookie value a fetch response set, or undefined. */
export function refreshCookie(res: Response, name = 'easel_refresh'): string | undefined {
  const line = res.headers.getSetCookie().find((c) => c.startsWith(`${name}=`));
  return line?.slice(name.length + 1).split(';')[0];
}

export const json = { 'Content-Type': 'application/json' };
export const fromApp = { Origin: TEST_ORIGIN, 'X-Requested-With': 'easel' };

/** Registers and logs in through `base`; returns the tokens and the credentials. */
export async function signUp(base: string) {
  const email = uniqueEmail('scale');
  const body = JSON.stringify({ email, password: STRONG_PASSWORD });
  const registered = await fetch(`${base}/api/auth/register`, { method: 'POST', headers: json, body });
  if (registered.status !== 201) throw new Error(`register: ${registered.status} ${await registered.text()}`);
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: json, body });
  if (login.status !== 200) throw new Error(`login: ${login.status} ${await login.text()}`);
  const { accessToken, user } = (await login.json()) as { accessToken: string; user: { id: string } };
  const refreshToken = refreshCookie(login);
  if (!refreshToken) throw new Error('login set no refresh cookie');
  return { email, userId: user.id, accessToken, refreshToken };
}

export function refreshAt(base: string, token: string): Promise<Response> {
  return fetch(`${base}/api/auth/refresh`, {
    method: 'POST',
    headers: { ...fromApp, Cookie: `easel_refresh=${token}` },
  });
}

export function meAt(base: string, accessToken: string): Promise<Response> {
  return fetch(`${base}/api/users/me`, { headers: { Authorization: `Bearer ${accessToken}` } });
}
