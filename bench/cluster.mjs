// Runs the production build in WORKERS processes sharing one port (node:cluster round-robin),
// for the "two processes against one" benchmark. Ends its workers on SIGTERM.
import cluster from 'node:cluster';

const workers = Number(process.env.WORKERS ?? 2);
cluster.setupPrimary({ exec: process.env.EASEL_MAIN, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
for (let i = 0; i < workers; i += 1) cluster.fork();
process.on('SIGTERM', () => {
  for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
  cluster.disconnect(() => process.exit(0));
});
