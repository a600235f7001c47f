import { readFileSync } from 'node:fs';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../server/test/helpers.ts';
import type { OpenApiDocument } from '../server/src/http/openapi.ts';

interface Item {
  name: string;
  item?: Item[];
  request?: { method: string; url: { path?: string[] } | string };
  event?: Array<{ listen: string; script: { exec: string[] | string } }>;
}

const collection = JSON.parse(readFileSync(new URL('./easel.postman_collection.json', import.meta.url), 'utf8')) as {
  item: Item[];
};

function requestsOf(items: Item[]): Item[] {
  return items.flatMap((item) => (item.request ? [item] : requestsOf(item.item ?? [])));
}

/** `METHOD /a/b/{{var}}` of a request, with the query left off. */
function routeOf(item: Item): { method: string; segments: string[] } {
  const url = item.request?.url;
  const path =
    typeof url === 'string'
      ? url
          .replace(/^\{\{baseUrl\}\}/, '')
          .split('?')[0]!
          .split('/')
      : url?.path;
  return { method: item.request?.method ?? '', segments: (path ?? []).filter(Boolean) };
}

/** A request matches an operation when its method and each path segment do; `{param}` takes any value. */
function matches(operation: string, route: { method: string; segments: string[] }): boolean {
  const [method = '', template = ''] = operation.split(' ');
  const segments = template.split('/').filter(Boolean);
  return (
    method === route.method &&
    segments.length === route.segments.length &&
    segments.every((segment, i) => /^\{\w+\}$/.test(segment) || segment === route.segments[i])
  );
}

// Reached only by a browser following the provider's redirect (docs/oidc.md): Postman cannot
// produce the provider's code, state and ID token.
const BROWSER_ONLY = ['GET /api/auth/oidc/{provider}/callback'];

describe('the Postman collection against the OpenAPI document', () => {
  let operations: string[] = [];
  const requests = requestsOf(collection.item);

  beforeAll(async () => {
    const t = await buildTestApp();
    const spec = (await request(t.app).get('/api/openapi.json')).body as OpenApiDocument;
    operations = Object.entries(spec.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${path}`),
    );
  });

  it('has a request for every operation (matched by method and path template)', () => {
    const routes = requests.map(routeOf);
    expect(operations.length).toBeGreaterThan(30);
    const missing = operations.filter((operation) => !routes.some((route) => matches(operation, route)));
    expect(missing).toEqual(BROWSER_ONLY);
  });

  it('has no request for a path the API does not have, except the Errors folder’s on purpose', () => {
    const errors = collection.item.find((folder) => folder.name === 'Errors');
    const onPurpose = new Set(requestsOf(errors?.item ?? []).map((item) => item.name));
    const unknown = requests
      .filter((item) => !onPurpose.has(item.name) && !operations.some((operation) => matches(operation, routeOf(item))))
      .map((item) => item.name);
    expect(unknown).toEqual([]);
  });

  it('gives every request tests of its status and of its body', () => {
    const tests = (item: Item) =>
      (item.event ?? [])
        .filter((event) => event.listen === 'test')
        .flatMap((event) => [event.script.exec].flat())
        .join('\n');
    const weak = requests.filter((item) => {
      const code = tests(item);
      const checksStatus = /to\.have\.status\(\d{3}\)/.test(code);
      const checksBody = /pm\.response\.(json|text)\(\)/.test(code) || /to\.have\.status\(204\)/.test(code);
      return !checksStatus || !checksBody;
    });
    expect(weak.map((item) => item.name)).toEqual([]);
  });
});
