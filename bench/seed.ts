/**
 * The benchmark database: a fresh database of its own on the machine's PostgreSQL (dropped at the
 * end), migrated by the app's runner, and seeded straight through `pg` so that seeding costs no
 * argon2 hashes beyond one.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import { applyMigrations } from '../server/src/db/migrations.ts';
import { hashPassword } from '../server/src/identity/passwords.ts';

export const PASSWORD = 'bench-passphrase-violet-42';
// The defaults of ARGON2_* in server/src/config.ts.
export const ARGON2 = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export interface BenchDatabase {
  url: string;
  version: string;
  drop(): Promise<void>;
}

export async function createBenchDatabase(adminUrl: string): Promise<BenchDatabase> {
  const name = `easel_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const { rows } = await admin.query<{ server_version: string }>('SHOW server_version');
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await applyMigrations(url.toString());
  return {
    url: url.toString(),
    version: rows[0]?.server_version ?? 'unknown',
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}

/** A rectangle as the client sends it, every field given. */
export function rect(i: number) {
  return {
    id: `s${i}`,
    type: 'rect',
    x: (i % 40) * 25.5,
    y: Math.floor(i / 40) * 25.5,
    width: 20,
    height: 20,
    rotation: 0,
    stroke: '#1e1e1e',
    strokeWidth: 2,
    fill: '#a5d8ff',
    opacity: 1,
    z: i,
    version: 1,
  };
}

export interface Seeded {
  user: { id: string; email: string };
  admin: { id: string; email: string };
  /** A drawing with 500 shapes, read by GET /api/drawings/:id. */
  bigDrawing: string;
  /** One 500-shape drawing per PUT session and server, so writers never contend. */
  putDrawings: { easel: string[]; baseline: string[] };
}

/** 60 users (the admin list pages through them), an admin, and the user's drawings. */
export async function seed(url: string, putSessions: number): Promise<Seeded> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const hash = await hashPassword(PASSWORD, ARGON2);
  const addUser = async (email: string, roles: string[]) => {
    const id = randomUUID();
    await db.query('INSERT INTO users (id, email, password_hash, updated_at) VALUES ($1, $2, $3, now())', [
      id,
      email,
      hash,
    ]);
    for (const role of roles) await db.query('INSERT INTO user_roles (user_id, role_name) VALUES ($1, $2)', [id, role]);
    return { id, email };
  };
  for (let i = 0; i < 60; i += 1) await addUser(`member-${i}@example.com`, ['user']);
  const admin = await addUser('admin@example.com', ['user', 'admin']);
  const user = await addUser('bench@example.com', ['user']);
  const shapes = JSON.stringify(Array.from({ length: 500 }, (_, i) => rect(i)));
  const addDrawing = async (title: string, withShapes: boolean) => {
    const id = randomUUID();
    await db.query(
      'INSERT INTO drawings (id, owner_id, title, shapes, updated_at) VALUES ($1, $2, $3, $4::jsonb, now())',
      [id, user.id, title, withShapes ? shapes : '[]'],
    );
    return id;
  };
  for (let i = 0; i < 30; i += 1) await addDrawing(`sketch ${i}`, false);
  const bigDrawing = await addDrawing('big', true);
  const putDrawings = { easel: [] as string[], baseline: [] as string[] };
  for (let i = 0; i < putSessions; i += 1) {
    putDrawings.easel.push(await addDrawing(`put easel ${i}`, true));
    putDrawings.baseline.push(await addDrawing(`put baseline ${i}`, true));
  }
  await db.end();
  return { user, admin, bigDrawing, putDrawings };
}
