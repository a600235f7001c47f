/**
 * `npm run dev`: the API (tsx watch, embedded PostgreSQL unless DATABASE_URL is set) and the
 * Vite dev server for the SPA, side by side; Ctrl-C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';

const bin = (name: string) => new URL(`../node_modules/.bin/${name}`, import.meta.url).pathname;

const children: ChildProcess[] = [
  spawn(bin('tsx'), ['watch', '--clear-screen=false', 'server/src/main.ts'], { stdio: 'inherit' }),
  spawn(bin('vite'), ['--config', 'client/vite.config.ts'], { stdio: 'inherit' }),
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
