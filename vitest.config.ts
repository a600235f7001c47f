import { connect } from 'node:net';
import { defineConfig } from 'vitest/config';

const MACHINE_PG = process.env.EASEL_TEST_PG_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** The server suite runs on the embedded PostgreSQL always, and on the machine's when it answers. */
function serverProject(name: string, target: 'embedded' | 'server') {
  return {
    extends: true as const,
    test: {
      name,
      include: ['server/**/*.test.ts', 'postman/**/*.test.ts'],
      environment: 'node',
      globalSetup: ['server/test/global-setup.ts'],
      env: { EASEL_TEST_TARGET: target, EASEL_TEST_PG_URL: MACHINE_PG },
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  };
}

function isReachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port || 5432), timeout: 1_000 });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => (socket.destroy(), resolve(false)));
  });
}

export default defineConfig(async () => {
  const machinePgUp = process.env.EASEL_TEST_SKIP_SERVER_PG !== '1' && (await isReachable(MACHINE_PG));
  if (!machinePgUp)
    console.log(`[vitest] ${MACHINE_PG} does not answer: server tests run on the embedded PostgreSQL only`);
  return {
    test: {
      pool: 'forks',
      // The server tests run once per database: also report how many distinct cases there are.
      reporters: ['default', './server/test/distinct-cases-reporter.ts'],
      projects: [
        'client/vite.config.ts',
        serverProject('server', 'embedded'),
        ...(machinePgUp ? [serverProject('server-pg', 'server')] : []),
        // The npm scripts as a developer runs them (processes of their own, no shared database).
        {
          extends: true as const,
          test: { name: 'scripts', include: ['scripts/**/*.test.ts'], environment: 'node', testTimeout: 30_000 },
        },
      ],
    },
  };
});
