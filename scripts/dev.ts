/**
 * `npm run dev`: the API (restarted on change, embedded PostgreSQL unless DATABASE_URL is set)
 * and the Vite dev server for the SPA, side by side; Ctrl-C stops both, each in its own order.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { prepareDevAdmin } from './dev-admin.ts';

const vite = new URL('../node_modules/vite/bin/vite.js', import.meta.url).pathname;
// Vite's own default (5173, or the next free port) unless EASEL_DEV_APP_PORT moves it.
const appPort = process.env.EASEL_DEV_APP_PORT ? ['--port', process.env.EASEL_DEV_APP_PORT] : [];

// Node's own watch mode, not `tsx watch`: a Ctrl-C reaches tsx watch twice (from the terminal and
// relayed by this script), and the second made it SIGKILL the API mid-shutdown, orphaning the
// embedded database. Node's watcher forwards the signal and waits for the exit however long the
// orderly shutdown takes; on a file change it restarts with SIGTERM, which shuts down in order too.
// A development admin for the Postman collection, announced here and made sure of by the API.
const devEnv = await prepareDevAdmin(process.env);

const children: ChildProcess[] = [
  spawn(process.execPath, ['--watch', '--watch-preserve-output', '--import', 'tsx', 'server/src/main.ts'], {
    stdio: 'inherit',
    env: { ...process.env, ...devEnv },
  }),
  spawn(process.execPath, [vite, '--config', 'client/vite.config.ts', ...appPort], { stdio: 'inherit' }),
];

let stopping = false;
function stopAll(signal: NodeJS.Signals) {
  if (stopping) return;
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill(signal);
}

process.on('SIGINT', () => stopAll('SIGINT'));
process.on('SIGTERM', () => stopAll('SIGTERM'));
for (const child of children) {
  child.on('exit', (code) => {
    stopAll('SIGTERM');
    if (children.every((c) => c.exitCode !== null || c.signalCode !== null)) process.exit(code ?? 0);
  });
}
