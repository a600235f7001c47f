import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Debian's nginx, installed by scripts/pretest.sh. */
export const NGINX = process.env.EASEL_TEST_NGINX ?? '/usr/sbin/nginx';
export const NGINX_CONF = new URL('../../scripts/deploy/nginx.conf', import.meta.url);

/** The compose service names the shipped configuration balances, in order. */
export const UPSTREAM_SERVICES = ['api', 'api-2'];

/**
 * The shipped nginx.conf moved onto loopback: the upstream services become the given ports, the
 * listener the given port, and everything nginx writes (pid, logs, temp files) goes under the
 * prefix folder, so it runs as any user next to other runs.
 */
export function loopbackConfig(conf: string, upstreamPorts: number[], listenPort: number): string {
  let out = conf.replace('worker_processes auto;', 'worker_processes 1;\nerror_log error.log warn;');
  UPSTREAM_SERVICES.forEach((service, i) => {
    const pattern = new RegExp(`server ${service}:\\d+`);
    if (!pattern.test(out)) throw new Error(`nginx.conf has no upstream server ${service}`);
    out = out.replace(pattern, `server 127.0.0.1:${upstreamPorts[i]}`);
  });
  if (!/listen 8080;/.test(out)) throw new Error('nginx.conf does not listen on 8080');
  out = out.replace('listen 8080;', `listen 127.0.0.1:${listenPort};`);
  const temp = ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
    .map((kind) => `  ${kind}_temp_path temp-${kind};`)
    .join('\n');
  return out.replace(/^http \{$/m, `http {\n${temp}`);
}

export interface LoopbackNginx {
  dir: string;
  args: string[];
}

/** Writes the loopback copy into a fresh prefix folder and returns the nginx arguments for it. */
export async function prepareNginx(upstreamPorts: number[], listenPort: number): Promise<LoopbackNginx> {
  const dir = await mkdtemp(join(tmpdir(), 'easel-nginx-'));
  // Workers run as `nobody` when the test runs as root: they must reach their temp folders.
  await chmod(dir, 0o755);
  const conf = loopbackConfig(await readFile(NGINX_CONF, 'utf8'), upstreamPorts, listenPort);
  await writeFile(join(dir, 'nginx.conf'), conf);
  const args = ['-p', `${dir}/`, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'error.log'), '-g', 'pid nginx.pid;'];
  return { dir, args };
}

/** `nginx -t` on the loopback copy: exit status and what nginx printed. */
export async function checkNginxConfig(): Promise<{ status: number | null; output: string }> {
  const { dir, args } = await prepareNginx([1, 2], 3);
  try {
    const run = spawnSync(NGINX, ['-t', ...args], { encoding: 'utf8', timeout: 10_000 });
    return { status: run.status, output: `${run.stdout}${run.stderr}` };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Runs nginx in the foreground in front of the given ports; stop() ends it and removes its folder. */
export async function startNginx(
  upstreamPorts: number[],
  listenPort: number,
): Promise<{ url: string; child: ChildProcess; stop(): Promise<void> }> {
  const { dir, args } = await prepareNginx(upstreamPorts, listenPort);
  const child = spawn(NGINX, [...args, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${listenPort}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`nginx exited: ${stderr}`);
    if (
      await fetch(`${url}/nginx-probe`).then(
        () => true,
        () => false,
      )
    )
      break;
    if (Date.now() - started > 10_000) throw new Error(`nginx did not answer: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    child,
    stop: async () => {
      // SIGQUIT: graceful stop of master and workers.
      if (child.exitCode === null) child.kill('SIGQUIT');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    },
  };
}
