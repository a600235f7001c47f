/**
 * Prisma CLI configuration (Prisma 6.19). The CLI runs its bundled WASM schema engine over the
 * PostgreSQL driver adapter, so no engine binary is downloaded. See DESIGN.md section 2.
 *
 * DATABASE_URL: the database to migrate. SHADOW_DATABASE_URL (optional): the scratch database
 * `migrate dev`/`migrate diff` replay migrations into; default: DATABASE_URL's name + `_shadow`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { createMigrationAdapter } from './server/src/db/migration-adapter.ts';

// With a config file present Prisma no longer reads .env itself.
const envFile = path.join(import.meta.dirname, '.env');
if (existsSync(envFile)) process.loadEnvFile(envFile);

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  // Called only by commands that touch a database, so `prisma generate` needs no DATABASE_URL.
  async adapter() {
    const databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) {
      throw new Error(
        'The Prisma CLI needs DATABASE_URL (postgresql://user:password@host:port/database). ' +
          'The app starts its embedded PostgreSQL by itself; the CLI does not. ' +
          'Set DATABASE_URL in the environment or in .env.',
      );
    }
    return createMigrationAdapter({ databaseUrl, shadowDatabaseUrl: process.env.SHADOW_DATABASE_URL });
  },
});
