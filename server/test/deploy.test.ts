import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ConfigError, EnvSchema, loadConfig } from '../src/config.ts';
import { ERROR_CODES } from '../src/contract/errors.ts';
import { checkNginxConfig, loopbackConfig, UPSTREAM_SERVICES } from './nginx.ts';

// The deployment files are checked as data: there is no Docker engine on the test machines.
const read = (file: string) => readFileSync(new URL(`../../${file}`, import.meta.url), 'utf8');

const SCHEMA_KEYS = Object.keys(EnvSchema.shape).sort();
/** The value config.ts falls back to when the variable is unset (undefined: stays unset). */
const defaultOf = (name: string): unknown =>
  EnvSchema.shape[name as keyof typeof EnvSchema.shape]?.safeParse(undefined).data;
const REQUIRED_FROM_DEPLOYER = ['JWT_SECRET', 'CORS_ORIGINS', 'APP_ORIGIN'];
const deployer = {
  JWT_SECRET: randomBytes(48).toString('base64'),
  POSTGRES_PASSWORD: randomBytes(24).toString('hex'),
  CORS_ORIGINS: 'https://app.example.com',
  APP_ORIGIN: 'https://app.example.com',
};

interface ComposeService {
  image?: string;
  build?: unknown;
  environment?: Record<string, string | number | null> | string[];
  healthcheck?: { test?: string | string[] };
  depends_on?: Record<string, { condition?: string }> | string[];
  volumes?: string[];
  ports?: string[];
  profiles?: string[];
}

interface ComposeFile {
  version?: unknown;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

// `merge`: the replicas share the api's settings through a YAML merge key (`<<: *api`), as compose reads it.
const compose = parseYaml(read('docker-compose.yml'), { merge: true }) as ComposeFile;
const services = compose.services ?? {};

function environmentOf(service: ComposeService | undefined): Record<string, string> {
  const env = service?.environment ?? {};
  const entries = Array.isArray(env)
    ? env.map((line) => [line.split('=')[0] ?? '', line.slice(line.indexOf('=') + 1)])
    : Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]);
  return Object.fromEntries(entries);
}

function healthcheckOf(name: string): string {
  const test = services[name]?.healthcheck?.test;
  return Array.isArray(test) ? test.join(' ') : (test ?? '');
}

/**
 * Compose's variable substitution for the forms this file uses: `${VAR}`, `${VAR:-default}`,
 * `${VAR-default}`, `${VAR:?error}`, `${VAR?error}` and `$$`. A missing required value throws,
 * as `docker compose` refuses to start.
 */
function interpolate(value: string, vars: Record<string, string | undefined>): string {
  return value.replace(
    /\$\$|\$\{(\w+)(?:(:?)([-?])([^}]*))?\}/g,
    (match, name: string, colon?: string, op?: string, word = '') => {
      if (match === '$$') return '$';
      const current = vars[name];
      const missing = colon ? !current : current === undefined;
      if (op === '-' && missing) return word;
      if (op === '?' && missing) throw new Error(`${name}: ${word}`);
      return current ?? '';
    },
  );
}

function apiEnvironment(vars: Record<string, string | undefined>, service = 'api'): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environmentOf(services[service])).map(([key, value]) => [key, interpolate(value, vars)]),
  );
}

/** A file and the project files it imports at run time, transitively (paths from the repo root). */
function localImportsOf(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '.';
  for (const [, spec] of read(file).matchAll(/^import (?!type\b)[^;]*? from '(\.\.?\/[^']+)'/gm)) {
    localImportsOf(new URL(spec ?? '', `file:///${dir}/`).pathname.slice(1), seen);
  }
  return [...seen];
}

describe('docker-compose.yml', () => {
  it('uses the compose spec (no version key) with postgres, redis and api services', () => {
    expect(compose.version).toBeUndefined();
    expect(Object.keys(services)).toEqual(expect.arrayContaining(['postgres', 'redis', 'api']));
    expect(services.postgres?.image).toMatch(/^postgres:18-alpine$/);
    expect(services.redis?.image).toMatch(/^redis:7-alpine$/);
    expect(services.api?.build).toBeDefined();
  });

  it('gives every service a healthcheck that asks the service itself', () => {
    expect(healthcheckOf('postgres')).toContain('pg_isready');
    expect(healthcheckOf('redis')).toMatch(/redis-cli\s+ping/);
    const port = environmentOf(services.api).PORT;
    expect(port).toBeTruthy();
    expect(healthcheckOf('api')).toMatch(/^CMD node -e .*fetch\(/);
    expect(healthcheckOf('api')).toContain(`http://127.0.0.1:${port}/readyz`);
  });

  it('keeps the PostgreSQL 18 data in a named volume at /var/lib/postgresql', () => {
    // 18+ images store data in /var/lib/postgresql/18/docker and refuse a mount at .../data.
    const mount = services.postgres?.volumes?.find((v) => v.endsWith(':/var/lib/postgresql'));
    expect(mount).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(mount?.split(':')[0]);
  });

  it('starts the api only once postgres and redis are healthy', () => {
    expect(services.api?.depends_on).toEqual({
      postgres: expect.objectContaining({ condition: 'service_healthy' }),
      redis: expect.objectContaining({ condition: 'service_healthy' }),
    });
  });

  it('passes the api only variables the configuration knows', () => {
    const names = Object.keys(environmentOf(services.api));
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !SCHEMA_KEYS.includes(name))).toEqual([]);
  });

  it('makes the deployer supply the secret and the origins', () => {
    const env = environmentOf(services.api);
    for (const name of REQUIRED_FROM_DEPLOYER) {
      expect(env[name], name).toMatch(new RegExp(`^\\$\\{${name}:\\?.+\\}$`));
      const withoutIt: Record<string, string> = { ...deployer };
      delete withoutIt[name];
      expect(() => apiEnvironment(withoutIt), name).toThrow(name);
    }
  });

  it('gives the api a production configuration on the compose network', () => {
    const config = loadConfig(apiEnvironment(deployer));
    expect(config.isProduction).toBe(true);
    expect(config.host).toBe('0.0.0.0');
    expect(new URL(config.databaseUrl ?? '').hostname).toBe('postgres');
    expect(new URL(config.redisUrl ?? '').hostname).toBe('redis');
    expect(config.http.corsOrigins).toEqual([deployer.CORS_ORIGINS]);
  });
});

describe('docker-compose.yml, every service', () => {
  const envExample = parseEnv(
    read('.env.example')
      .split('\n')
      .map((line) => line.replace(/^# (?=[A-Z][A-Z0-9_]*=)/, ''))
      .join('\n'),
  );

  it('gives every service a healthcheck and keeps its data in a declared named volume', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'api-2', 'nginx', 'postgres', 'redis']);
    for (const name of Object.keys(services)) expect(healthcheckOf(name), name).not.toBe('');
    const declared = Object.keys(compose.volumes ?? {});
    const named = (name: string) => (services[name]?.volumes ?? []).map((v) => v.split(':')[0] ?? '');
    expect(named('redis')).toEqual(['redis-data']);
    for (const name of ['postgres', 'redis', 'api', 'api-2']) {
      expect(named(name).length, name).toBeGreaterThan(0);
      expect(
        named(name).filter((volume) => !declared.includes(volume)),
        name,
      ).toEqual([]);
    }
    // Two replicas never share a log folder.
    expect(named('api')).not.toEqual(named('api-2'));
  });

  it('publishes only the api and nginx, on the host loopback, at the ports they listen on', () => {
    const published = Object.fromEntries(
      Object.entries(services)
        .filter(([, service]) => (service.ports ?? []).length > 0)
        .map(([name, service]) => [name, service.ports]),
    );
    const port = environmentOf(services.api).PORT;
    expect(published).toEqual({ api: [`127.0.0.1:3000:${port}`], nginx: ['127.0.0.1:8080:8080'] });
    expect(read('scripts/deploy/nginx.conf')).toMatch(/^\s*listen 8080;$/m);
  });

  it('passes every api variable that .env.example documents, on both replicas', () => {
    for (const name of ['api', 'api-2']) {
      const names = Object.keys(environmentOf(services[name]));
      expect(
        names.filter((key) => !(key in envExample)),
        name,
      ).toEqual([]);
      expect(
        names.filter((key) => !SCHEMA_KEYS.includes(key)),
        name,
      ).toEqual([]);
    }
    expect(environmentOf(services['api-2'])).toEqual(environmentOf(services.api));
  });

  it('applies migrations when each api container starts', () => {
    for (const name of ['api', 'api-2']) expect(loadConfig(apiEnvironment(deployer, name)).migrateOnStart).toBe(true);
  });

  it('takes the database password from the env file, never a default', () => {
    const withoutIt: Record<string, string> = { ...deployer };
    delete withoutIt.POSTGRES_PASSWORD;
    expect(() => apiEnvironment(withoutIt)).toThrow('POSTGRES_PASSWORD');
    const postgres = environmentOf(services.postgres);
    expect(() => interpolate(postgres.POSTGRES_PASSWORD ?? '', withoutIt)).toThrow('POSTGRES_PASSWORD');
    const url = new URL(apiEnvironment(deployer).DATABASE_URL ?? '');
    expect(decodeURIComponent(url.password)).toBe(deployer.POSTGRES_PASSWORD);
    expect(url.username).toBe(postgres.POSTGRES_USER);
    expect(url.pathname).toBe(`/${postgres.POSTGRES_DB}`);
    // The env file itself never reaches git.
    const ignored = read('.gitignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['.env', '.env.*', '!.env.example']));
  });

  it('runs a second replica and nginx only under the scaled profile', () => {
    const profiled = Object.entries(services)
      .filter(([, service]) => service.profiles)
      .map(([name, service]) => [name, service.profiles]);
    expect(Object.fromEntries(profiled)).toEqual({ 'api-2': ['scaled'], nginx: ['scaled'] });
    expect(services['api-2']?.image).toBe(services.api?.image);
    expect(healthcheckOf('api-2')).toBe(healthcheckOf('api'));
    expect(services.nginx?.depends_on).toEqual({
      api: expect.objectContaining({ condition: 'service_healthy' }),
      'api-2': expect.objectContaining({ condition: 'service_healthy' }),
    });
    expect(healthcheckOf('nginx')).toContain('http://127.0.0.1:8080/healthz');
  });

  it('mounts scripts/deploy/nginx.conf, which balances exactly the replicas', () => {
    expect(services.nginx?.volumes).toContain('./scripts/deploy/nginx.conf:/etc/nginx/nginx.conf:ro');
    const upstreams = [...read('scripts/deploy/nginx.conf').matchAll(/^\s*server ([\w-]+):(\d+)\b/gm)];
    const port = environmentOf(services.api).PORT;
    expect(upstreams.map(([, host, p]) => `${host}:${p}`)).toEqual(UPSTREAM_SERVICES.map((name) => `${name}:${port}`));
    expect(UPSTREAM_SERVICES.every((name) => name in services)).toBe(true);
  });
});

describe('scripts/deploy/nginx.conf', () => {
  it('passes `nginx -t` (Debian nginx, the upstreams moved to loopback)', async () => {
    const { status, output } = await checkNginxConfig();
    expect(output).toContain('test is successful');
    expect(status).toBe(0);
  });

  it('is rewritten for loopback only where the upstreams and the listener are', () => {
    const conf = read('scripts/deploy/nginx.conf');
    const copy = loopbackConfig(conf, [4001, 4002], 4000);
    expect(copy).toContain('server 127.0.0.1:4001 max_fails=1');
    expect(copy).toContain('server 127.0.0.1:4002 max_fails=1');
    expect(copy).toContain('listen 127.0.0.1:4000;');
    expect(copy).not.toMatch(/server api(-2)?:/);
    // A broken directive is caught: the check above is not vacuous.
    expect(() => loopbackConfig(conf.replace('server api-2:', 'server other:'), [1, 2], 3)).toThrow('api-2');
  });
});

describe('Dockerfile', () => {
  const lines = read('Dockerfile')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages = lines.filter((line) => line.startsWith('FROM '));
  const finalStage = lines.slice(lines.lastIndexOf(stages.at(-1) ?? ''));
  const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };

  it('builds on node:24-slim in stages with npm ci and npm run build', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage).toMatch(/^FROM node:24-slim\b/);
    expect(lines).toContainEqual(expect.stringMatching(/^RUN npm ci\b/));
    expect(lines).toContainEqual(expect.stringMatching(/^RUN npm run build\b/));
  });

  it('runs the built server (the npm start command) as a non-root user, migrating at start', () => {
    const user = finalStage.filter((line) => line.startsWith('USER ')).at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^USER (root|0)\b/);
    const cmd = finalStage.filter((line) => line.startsWith('CMD ')).at(-1) ?? '';
    expect(pkg.scripts.start).toBe('node dist/server/src/main.js');
    // Exec form: node itself is the process that receives SIGTERM.
    expect(JSON.parse(cmd.slice('CMD '.length))).toEqual((pkg.scripts.start ?? '').split(' '));
    const env = finalStage.filter((line) => line.startsWith('ENV ') || /^[A-Z_]+=/.test(line)).join(' ');
    expect(env).toMatch(/\bNODE_ENV=production\b/);
    expect(env).toMatch(/\bMIGRATE_ON_START=true\b/);
    expect(
      loadConfig({
        ...deployer,
        NODE_ENV: 'production',
        MIGRATE_ON_START: 'true',
        DATABASE_URL: 'postgresql://x@db/easel',
      }).migrateOnStart,
    ).toBe(true);
  });

  it('keeps only production dependencies in the image', () => {
    const buildStage = lines.slice(0, lines.indexOf(stages.at(-1) ?? ''));
    expect(buildStage).toContainEqual(expect.stringMatching(/npm prune --omit=dev\b/));
    expect(finalStage).toContainEqual(expect.stringMatching(/^COPY --from=build \/app\/node_modules /));
    expect(finalStage.filter((line) => /^RUN npm (ci|install)\b/.test(line))).toEqual([]);
  });

  it('declares a HEALTHCHECK that asks /readyz on the configured port', () => {
    const index = finalStage.findIndex((line) => line.startsWith('HEALTHCHECK '));
    expect(index).toBeGreaterThanOrEqual(0);
    // The instruction continues on the next line (a trailing backslash).
    const healthcheck = `${finalStage[index]} ${finalStage[index + 1] ?? ''}`;
    expect(healthcheck).toMatch(/--interval=\d+s/);
    expect(healthcheck).toMatch(/CMD \["node", "-e", ".*fetch\(.*process\.env\.PORT.*\/readyz/);
  });

  it('copies what `npm ci` (prisma generate, via prisma.config.ts) imports before running it', () => {
    const install = lines.findIndex((line) => /^RUN npm ci\b/.test(line));
    const copied = lines
      .slice(0, install)
      .filter((line) => line.startsWith('COPY '))
      .flatMap((line) => line.split(/\s+/).slice(1, -1));
    const needed = ['package-lock.json', 'prisma/schema.prisma', ...localImportsOf('prisma.config.ts')];
    expect(needed.length).toBeGreaterThan(0);
    expect(needed.filter((file) => !copied.some((source) => file === source || file.startsWith(`${source}/`)))).toEqual(
      [],
    );
  });

  it('keeps local state and secrets out of the build context', () => {
    const ignored = read('.dockerignore').split('\n');
    expect(ignored).toEqual(expect.arrayContaining(['.env', 'node_modules', '.data', 'logs', 'dist']));
  });
});

describe('.env.example', () => {
  const text = read('.env.example');
  const active = parseEnv(text);
  // Commented-out assignments (`# NAME=value`) document variables that should stay unset.
  const commented = parseEnv(
    text
      .split('\n')
      .filter((line) => /^# [A-Z][A-Z0-9_]*=/.test(line))
      .map((line) => line.slice(2))
      .join('\n'),
  );
  const documented = { ...commented, ...active };

  it('documents every variable the configuration reads, and no other', () => {
    const missing = SCHEMA_KEYS.filter((name) => !(name in documented));
    const unknown = Object.keys(documented).filter((name) => !SCHEMA_KEYS.includes(name));
    const twice = Object.keys(active).filter((name) => name in commented);
    expect({ missing, unknown, twice }).toEqual({ missing: [], unknown: [], twice: [] });
  });

  it('shows the default the configuration applies for each variable that has one', () => {
    const withDefault = SCHEMA_KEYS.filter((name) => defaultOf(name) !== undefined);
    // Known defaults, so that an empty list (nothing compared) cannot pass.
    expect(withDefault).toEqual(expect.arrayContaining(['PORT', 'RATE_LIMIT_LOGIN', 'RATE_LIMIT_LOGIN_IP']));
    const shown = Object.fromEntries(withDefault.map((name) => [name, documented[name]]));
    const applied = Object.fromEntries(withDefault.map((name) => [name, String(defaultOf(name))]));
    expect(shown).toEqual(applied);
  });

  it('leaves variables without a default unset, except the example secret', () => {
    const activeWithoutDefault = Object.keys(active).filter((name) => defaultOf(name) === undefined);
    expect(activeWithoutDefault).toEqual(['JWT_SECRET']);
  });

  it('holds only example secrets, which production refuses', () => {
    const isSecret = (name: string) => /SECRET|PASSWORD|KEYS/.test(name) && !name.startsWith('RATE_LIMIT_');
    const secrets = Object.entries(documented).filter(([name, value]) => isSecret(name) && value);
    expect(secrets.length).toBeGreaterThan(0);
    for (const [name, value] of secrets) expect(value, name).toContain('change-me');
  });

  it('is a working development environment on the embedded database', () => {
    const config = loadConfig(active);
    expect(config.env).toBe('development');
    expect(config.databaseUrl).toBeUndefined();
  });

  it('is refused in production until the example JWT_SECRET is replaced', () => {
    const production = {
      ...active,
      NODE_ENV: 'production',
      CORS_ORIGINS: 'https://app.example.com',
      DATABASE_URL: 'postgresql://easel@db.internal:5432/easel',
    };
    expect(() => loadConfig(production)).toThrow(ConfigError);
    expect(() => loadConfig(production)).toThrow(/JWT_SECRET is still the example value/);
    expect(loadConfig({ ...production, JWT_SECRET: deployer.JWT_SECRET }).isProduction).toBe(true);
  });
});

// The deployer's references: a variable or error code missing from them is a contract change
// without its docs (DESIGN.md: change a contract only together with its docs).
describe('the configuration and error references in docs/', () => {
  /** First-column entries of the Markdown tables: `| \`NAME\` | ...`. */
  const tableKeys = (file: string) => [...read(file).matchAll(/^\| `([A-Za-z0-9_]+)` +\|([^|]*)\|/gm)];

  it('docs/configuration.md describes every variable the configuration reads', () => {
    const described = new Set(tableKeys('docs/configuration.md').map(([, name]) => name));
    expect(SCHEMA_KEYS.filter((name) => !described.has(name))).toEqual([]);
  });

  it('docs/security.md cites only tests that exist, by file, describe and name', () => {
    const text = read('docs/security.md');
    const cited = [...text.matchAll(/`((?:server|postman)\/[\w./-]+\.test\.ts) > ([^`]+)`/g)]
      .map(([, file = '', names = '']) => ({ file, names }))
      .filter(({ names }) => names !== '...');
    // The JWT attack suite's table names its tests relative to tokens.test.ts.
    const jwtSuite = text.slice(text.indexOf('## JWT attack suite'), text.indexOf('## Known gaps'));
    const jwtRows = [...jwtSuite.matchAll(/^\| `([^`]+ > [^`]+)` +\|/gm)].map(([, names = '']) => ({
      file: 'server/src/identity/tokens.test.ts',
      names,
    }));
    expect(cited.length).toBeGreaterThan(30);
    expect(jwtRows.length).toBeGreaterThan(20);
    const missing = [...cited, ...jwtRows].filter(({ file, names }) => {
      const source = read(file);
      const quoted = (name: string) => ["'", '"', '`'].some((q) => source.includes(`${q}${name}${q}`));
      return !names.split(' > ').every(quoted);
    });
    expect(missing).toEqual([]);
  });

  it('docs/errors.md lists every error code with its status, and no other', () => {
    const rows = tableKeys('docs/errors.md').map(([, code, status]) => [code, status?.trim() ?? '']);
    const listed = Object.fromEntries(rows.filter(([, status]) => /^\d{3}$/.test(status ?? '')));
    const expected = Object.fromEntries(
      Object.entries(ERROR_CODES).map(([code, { status }]) => [code, String(status)]),
    );
    expect(listed).toEqual(expected);
  });
});
