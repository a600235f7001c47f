import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/helpers.ts';
import { listMountedRoutes } from '../../test/routes.ts';
import { ERROR_CODES } from '../contract/errors.ts';
import { describeHandler } from '../http/handler-docs.ts';
import { buildOpenApiDocument, type OpenApiDocument } from '../http/openapi.ts';
import { route } from '../http/routes.ts';

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

let t: TestApp;
let spec: OpenApiDocument;

beforeAll(async () => {
  t = await buildTestApp();
  const res = await request(t.app).get('/api/openapi.json').expect(200);
  spec = res.body as OpenApiDocument;
});

/** `METHOD /path/{param}` for every operation of the document. */
function operationsOf(document: OpenApiDocument): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((method) => METHODS.includes(method))
      .map((method) => `${method.toUpperCase()} ${path}`),
  );
}

describe('the OpenAPI document', () => {
  it('names every route Express mounts, and no route it does not', () => {
    const mounted = listMountedRoutes(t.app).map(({ method, path }) => `${method} ${path.replace(/:(\w+)/g, '{$1}')}`);
    expect(operationsOf(spec).sort()).toEqual([...new Set(mounted)].sort());
  });

  it('passes `redocly lint` (recommended rules) with no errors', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'easel-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      await writeFile(file, JSON.stringify(spec));
      const { stdout } = await lintWithRedocly(file);
      const report = JSON.parse(stdout) as { totals: { errors: number; warnings: number }; problems: unknown[] };
      expect(report.problems.filter((p) => (p as { severity: string }).severity === 'error')).toEqual([]);
      expect(report.totals.errors).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('gives every operation a summary, a success response and its problems with their codes', () => {
    for (const [path, item] of Object.entries(spec.paths)) {
      for (const [method, operation] of Object.entries(item) as Array<[string, Record<string, unknown>]>) {
        const where = `${method.toUpperCase()} ${path}`;
        expect(operation.summary, where).toEqual(expect.any(String));
        const responses = operation.responses as Record<string, { content?: Record<string, { schema?: unknown }> }>;
        const success = Object.keys(responses).filter((status) => /^[23]/.test(status));
        expect(success.length, where).toBeGreaterThan(0);
        for (const status of success) {
          if (status.startsWith('2') && status !== '204')
            expect(Object.values(responses[status]?.content ?? {})[0]?.schema, where).toBeTruthy();
        }
        expect(responses['500'], where).toBeDefined();
        for (const [status, response] of Object.entries(responses).filter(([s]) => /^[45]/.test(s))) {
          const examples = response.content?.['application/problem+json'] as { examples: Record<string, unknown> };
          for (const code of Object.keys(examples.examples)) {
            expect(ERROR_CODES[code as keyof typeof ERROR_CODES].status, `${where} ${code}`).toBe(Number(status));
          }
        }
      }
    }
  });

  it('describes path, query and header parameters with the schemas the route validates with', () => {
    const put = spec.paths['/api/drawings/{id}']?.put as { parameters: Array<Record<string, unknown>> };
    expect(put.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          name: 'id',
          in: 'path',
          required: true,
          schema: expect.objectContaining({ format: 'uuid' }),
        }),
        expect.objectContaining({ name: 'If-Match', in: 'header', required: false }),
      ]),
    );
    const list = spec.paths['/api/users']?.get as { parameters: Array<Record<string, unknown>> };
    expect(list.parameters.map((p) => `${String(p.in)} ${String(p.name)}`)).toEqual([
      'query limit',
      'query cursor',
      'query email',
      'query role',
      'query active',
    ]);
  });

  it('describes the credentials: bearer JWT, refresh cookie with the CSRF header', () => {
    expect(spec.components.securitySchemes).toMatchObject({
      bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
      refreshCookie: { type: 'apiKey', in: 'cookie', name: 'easel_refresh' },
      csrfHeader: { type: 'apiKey', in: 'header', name: 'X-Requested-With' },
    });
    expect(spec.paths['/api/auth/refresh']?.post?.security).toEqual([{ refreshCookie: [], csrfHeader: [] }]);
    expect(spec.paths['/api/users/me']?.get?.security).toEqual([{ bearerAuth: [] }]);
    expect(spec.paths['/api/auth/login']?.post?.security).toEqual([]);
  });
});

describe('a guard the generator has never seen', () => {
  it('describes itself: its scheme and its problems reach every route that runs it', () => {
    const requireSignedCall = describeHandler((_req, _res, next) => next(), {
      security: { hmacSignature: { type: 'apiKey', in: 'header', name: 'X-Signature', description: 'HMAC' } },
      errors: ['invalid_signature'],
    });
    const document = buildOpenApiDocument(
      [
        {
          path: '/api/service',
          routes: [route.post('/ping', { summary: 'Ping', use: [requireSignedCall], handle: () => null })],
        },
      ],
      { title: 'x', version: '1' },
    );
    const operation = document.paths['/api/service/ping']?.post as {
      security: unknown;
      responses: Record<string, unknown>;
    };
    expect(document.components.securitySchemes.hmacSignature).toMatchObject({ type: 'apiKey', name: 'X-Signature' });
    expect(operation.security).toEqual([{ hmacSignature: [] }]);
    expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '500']));
  });
});

function lintWithRedocly(file: string) {
  const cli = join(import.meta.dirname, '../../../node_modules/@redocly/cli/bin/cli.js');
  return promisify(execFile)(process.execPath, [cli, 'lint', file, '--format=json', '--extends=recommended'], {
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', NO_COLOR: '1' },
    timeout: 60_000,
  }).catch((error: { stdout?: string; stderr?: string }) => {
    // Exits non-zero when it finds errors; the report is still on stdout.
    if (error.stdout) return { stdout: error.stdout, stderr: error.stderr ?? '' };
    throw error;
  });
}
