/**
 * The same-work baseline: bare node:http doing only the irreducible work of each benchmarked
 * Easel endpoint, at the same paths, so one load definition drives both servers. The same
 * jsonwebtoken check with a KeyObject, the same argon2 verify, `pg` with the same pool size, one
 * SQL round trip per read the endpoint needs (user and roles together), the same JSON out. No
 * framework, no validation beyond what keeps it honest (owner, version, token), no logging.
 */
import { createHash, createSecretKey, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import argon2 from 'argon2';
import jwt from 'jsonwebtoken';
import pg from 'pg';

const ISSUER = 'easel';
const AUDIENCE = 'easel-api';
const ACCESS_TTL = 300;
const REFRESH_TTL_MS = 14 * 24 * 3600 * 1000;

const USER_WITH_ROLES = `SELECT u.id, u.email, u.name, u.is_active, u.email_verified, u.created_at, u.updated_at,
  u.last_login_at, u.password_hash,
  coalesce((SELECT array_agg(r.role_name ORDER BY r.role_name) FROM user_roles r WHERE r.user_id = u.id), '{}') AS roles
  FROM users u`;

interface UserRow {
  id: string;
  email: string;
  name: string;
  is_active: boolean;
  email_verified: boolean;
  created_at: Date;
  updated_at: Date;
  last_login_at: Date | null;
  password_hash: string;
  roles: string[];
}

function publicUser(u: UserRow) {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    roles: u.roles,
    isActive: u.is_active,
    emailVerified: u.email_verified,
    createdAt: u.created_at.toISOString(),
    updatedAt: u.updated_at.toISOString(),
    lastLoginAt: u.last_login_at?.toISOString() ?? null,
  };
}

function cursorOf(at: Date, id: string): string {
  return Buffer.from(JSON.stringify([at.toISOString(), id])).toString('base64url');
}

type Handler = (req: IncomingMessage, res: ServerResponse, ctx: { key: KeyObject; db: pg.Pool }) => Promise<void>;

function send(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body));
}

function claimsOf(req: IncomingMessage, key: KeyObject): jwt.JwtPayload | undefined {
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  try {
    return jwt.verify(token, key, { algorithms: ['HS256'], issuer: ISSUER, audience: AUDIENCE }) as jwt.JwtPayload;
  } catch {
    return undefined;
  }
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

function issueSession(res: ServerResponse, key: KeyObject, user: UserRow, familyId: string, refresh: string) {
  const accessToken = jwt.sign({ sub: user.id, roles: user.roles, sid: familyId, jti: randomUUID() }, key, {
    algorithm: 'HS256',
    issuer: ISSUER,
    audience: AUDIENCE,
    expiresIn: ACCESS_TTL,
  });
  const cookie = `__Secure-easel_refresh=${refresh}; Max-Age=${REFRESH_TTL_MS / 1000}; Path=/api/auth; HttpOnly; Secure; SameSite=Strict`;
  send(
    res,
    200,
    { accessToken, tokenType: 'Bearer', expiresIn: ACCESS_TTL, user: publicUser(user) },
    {
      'set-cookie': cookie,
    },
  );
}

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const routes: Record<string, Handler> = {
  'GET /token': async (req, res, { key }) => {
    const claims = claimsOf(req, key);
    if (!claims) return send(res, 401, { code: 'invalid_token' });
    send(res, 200, { status: 'ok' });
  },
  'GET /api/users/me': async (req, res, { key, db }) => {
    const claims = claimsOf(req, key);
    if (!claims) return send(res, 401, { code: 'invalid_token' });
    const { rows } = await db.query<UserRow>(`${USER_WITH_ROLES} WHERE u.id = $1`, [claims.sub]);
    if (!rows[0]?.is_active) return send(res, 401, { code: 'invalid_token' });
    send(res, 200, publicUser(rows[0]));
  },
  'GET /api/users': async (req, res, { key, db }) => {
    const claims = claimsOf(req, key);
    if (!claims) return send(res, 401, { code: 'invalid_token' });
    const fresh = await db.query<UserRow>(`${USER_WITH_ROLES} WHERE u.id = $1`, [claims.sub]);
    if (!fresh.rows[0]?.is_active || !fresh.rows[0].roles.includes('admin')) return send(res, 403, {});
    const { rows } = await db.query<UserRow>(`${USER_WITH_ROLES} ORDER BY u.created_at DESC, u.id DESC LIMIT 21`);
    const items = rows.slice(0, 20);
    const last = items.at(-1);
    send(res, 200, {
      items: items.map(publicUser),
      nextCursor: rows.length > 20 && last ? cursorOf(last.created_at, last.id) : null,
    });
  },
  'GET /api/drawings': async (req, res, { key, db }) => {
    const claims = claimsOf(req, key);
    if (!claims) return send(res, 401, { code: 'invalid_token' });
    const { rows } = await db.query<{ id: string; title: string; version: number; created_at: Date; updated_at: Date }>(
      `SELECT id, title, version, created_at, updated_at FROM drawings WHERE owner_id = $1
       ORDER BY updated_at DESC, id DESC LIMIT 21`,
      [claims.sub],
    );
    const items = rows.slice(0, 20);
    const last = items.at(-1);
    send(res, 200, {
      items: items.map((d) => ({
        id: d.id,
        title: d.title,
        version: d.version,
        createdAt: d.created_at.toISOString(),
        updatedAt: d.updated_at.toISOString(),
      })),
      nextCursor: rows.length > 20 && last ? cursorOf(last.updated_at, last.id) : null,
    });
  },
  'GET /api/drawings/:id': async (req, res, { key, db }) => {
    const claims = claimsOf(req, key);
    if (!claims) return send(res, 401, { code: 'invalid_token' });
    const id = req.url?.split('/')[3] ?? '';
    const { rows } = await db.query(`SELECT * FROM drawings WHERE id = $1 AND owner_id = $2`, [id, claims.sub]);
    if (!rows[0]) return send(res, 404, {});
    sendDrawing(res, rows[0]);
  },
  'PUT /api/drawings/:id': async (req, res, { key, db }) => {
    const claims = claimsOf(req, key);
    if (!claims) return send(res, 401, { code: 'invalid_token' });
    const id = req.url?.split('/')[3] ?? '';
    const version = Number(/^"(\d+)"$/.exec(String(req.headers['if-match']))?.[1]);
    const body = await readJson(req);
    const { rows } = await db.query(
      `UPDATE drawings SET shapes = $1::jsonb, version = version + 1, updated_at = now()
       WHERE id = $2 AND owner_id = $3 AND version = $4 RETURNING *`,
      [JSON.stringify(body.shapes), id, claims.sub, version],
    );
    if (!rows[0]) return send(res, 412, {});
    sendDrawing(res, rows[0]);
  },
  'POST /api/auth/login': async (req, res, { key, db }) => {
    const body = await readJson(req);
    const { rows } = await db.query<UserRow>(`${USER_WITH_ROLES} WHERE u.email = $1`, [body.email]);
    const user = rows[0];
    if (!user || !(await argon2.verify(user.password_hash, String(body.password))) || !user.is_active) {
      return send(res, 401, { code: 'invalid_credentials' });
    }
    const refresh = randomBytes(32).toString('base64url');
    const started = await db.query<{ family_id: string; last_login_at: Date }>(
      `WITH u AS (UPDATE users SET last_login_at = now() WHERE id = $1 AND password_hash = $2 AND is_active
                  RETURNING id, last_login_at),
            f AS (INSERT INTO refresh_families (id, user_id, absolute_expires_at, user_agent, ip)
                  SELECT gen_random_uuid(), id, now() + interval '90 days', $3, $4 FROM u RETURNING id),
            t AS (INSERT INTO refresh_tokens (id, family_id, token_hash, expires_at, user_agent, ip)
                  SELECT gen_random_uuid(), id, $5, now() + interval '14 days', $3, $4 FROM f RETURNING id),
            a AS (INSERT INTO audit_events (type, user_id, ip, user_agent) SELECT 'login.succeeded', id, $4, $3 FROM u)
       SELECT f.id AS family_id, u.last_login_at FROM f, u, t`,
      [user.id, user.password_hash, req.headers['user-agent'] ?? null, req.socket.remoteAddress, hashToken(refresh)],
    );
    const row = started.rows[0];
    if (!row) return send(res, 401, { code: 'invalid_credentials' });
    issueSession(res, key, { ...user, last_login_at: row.last_login_at }, row.family_id, refresh);
  },
  'POST /api/auth/refresh': async (req, res, { key, db }) => {
    const presented = /easel_refresh=([^;]+)/.exec(req.headers.cookie ?? '')?.[1] ?? '';
    const next = randomBytes(32).toString('base64url');
    // One statement: rotate the presented token if it is live, issue its child, touch the family.
    const rotated = await db.query<{ user_id: string; family_id: string }>(
      `WITH old AS (UPDATE refresh_tokens t SET rotated_at = now() FROM refresh_families f
                    WHERE t.token_hash = $1 AND t.rotated_at IS NULL AND t.revoked_at IS NULL AND t.expires_at > now()
                      AND f.id = t.family_id AND f.revoked_at IS NULL AND f.absolute_expires_at > now()
                    RETURNING t.id, t.family_id, f.user_id),
            fam AS (UPDATE refresh_families SET last_used_at = now() WHERE id IN (SELECT family_id FROM old)),
            child AS (INSERT INTO refresh_tokens (id, family_id, token_hash, parent_id, expires_at)
                      SELECT gen_random_uuid(), family_id, $2, id, now() + interval '14 days' FROM old RETURNING id)
       SELECT old.user_id, old.family_id FROM old, child`,
      [hashToken(presented), hashToken(next)],
    );
    const session = rotated.rows[0];
    if (!session) return send(res, 401, { code: 'invalid_refresh_token' });
    const { rows } = await db.query<UserRow>(`${USER_WITH_ROLES} WHERE u.id = $1`, [session.user_id]);
    if (!rows[0]?.is_active) return send(res, 401, { code: 'invalid_refresh_token' });
    issueSession(res, key, rows[0], session.family_id, next);
  },
};

function sendDrawing(res: ServerResponse, d: Record<string, unknown>): void {
  send(
    res,
    200,
    {
      id: d.id,
      title: d.title,
      shapes: d.shapes,
      version: d.version,
      createdAt: (d.created_at as Date).toISOString(),
      updatedAt: (d.updated_at as Date).toISOString(),
    },
    { etag: `"${String(d.version)}"` },
  );
}

/** The baseline server; `JWT_SECRET` and `DATABASE_URL` as Easel reads them. */
export function startBaseline(env: NodeJS.ProcessEnv): Server {
  const key = createSecretKey(Buffer.from(env.JWT_SECRET ?? '', 'utf8'));
  const db = new pg.Pool({ connectionString: env.DATABASE_URL, max: 10 });
  return createServer((req, res) => {
    const [path = ''] = (req.url ?? '').split('?');
    const pattern = path.replace(/^\/api\/drawings\/[^/]+$/, '/api/drawings/:id');
    const handler = routes[`${req.method} ${pattern}`];
    if (!handler) return send(res, 404, {});
    handler(req, res, { key, db }).catch((error: unknown) => send(res, 500, { error: String(error) }));
  });
}
