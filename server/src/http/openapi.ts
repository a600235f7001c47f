import { z } from 'zod';
import { ERROR_CODES, problemType, type ErrorCode } from '../contract/errors.ts';
import { readHandlerDoc, type SecurityScheme } from './handler-docs.ts';
import type { Feature, Route } from './routes.ts';

/**
 * OpenAPI 3.1 from the route registry. Each route's own zod schemas (the ones it validates with)
 * become JSON Schema 2020-12 through zod's own `z.toJSONSchema`, which is OpenAPI 3.1's dialect;
 * the middleware a route runs says which credentials it needs and which problems it can answer
 * (handler-docs.ts). Nothing is written twice, so the reference cannot drift from the code.
 */

type JsonSchema = Record<string, unknown>;
type Operation = Record<string, unknown>;

export interface OpenApiDocument {
  openapi: '3.1.1';
  info: { title: string; version: string; description?: string; license?: { name: string; identifier: string } };
  servers: Array<{ url: string; description?: string }>;
  tags: Array<{ name: string; description?: string }>;
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, SecurityScheme> };
}

export type OpenApiInfo = OpenApiDocument['info'];

/** Problems every route can answer, whatever it declares. */
const ALWAYS: ErrorCode[] = ['internal_error'];

const PROBLEM_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'RFC 9457 problem details: the one error shape. Clients branch on `code`.',
  required: ['type', 'title', 'status', 'detail', 'code', 'requestId'],
  properties: {
    type: { type: 'string', description: '`urn:easel:problem:<code>`' },
    title: { type: 'string' },
    status: { type: 'integer' },
    detail: { type: 'string' },
    code: { type: 'string', enum: Object.keys(ERROR_CODES) },
    requestId: { type: 'string' },
    errors: {
      type: 'array',
      description: 'Field problems, with validation_failed',
      items: {
        type: 'object',
        required: ['path', 'message'],
        properties: { path: { type: 'string' }, message: { type: 'string' }, code: { type: 'string' } },
      },
    },
  },
  additionalProperties: true,
};

/** The OpenAPI document of the given features, in registry order. */
export function buildOpenApiDocument(features: readonly Feature[], info: OpenApiInfo): OpenApiDocument {
  const securitySchemes: Record<string, SecurityScheme> = {};
  const paths: OpenApiDocument['paths'] = {};
  const tags = new Map<string, string>();
  for (const feature of features) {
    const tag = feature.name ?? tagOf(feature.path);
    tags.set(tag, feature.description ?? '');
    for (const route of feature.routes) {
      const path = toOpenApiPath(joinPath(feature.path, route.path));
      const operation = describeOperation(route, path, tag, securitySchemes);
      paths[path] = { ...paths[path], [route.method]: operation };
    }
  }
  return {
    openapi: '3.1.1',
    info,
    servers: [{ url: '/', description: 'This server' }],
    tags: [...tags].map(([name, description]) => (description ? { name, description } : { name })),
    paths,
    components: { schemas: { Problem: PROBLEM_SCHEMA }, securitySchemes },
  };
}

/** Express path syntax to OpenAPI's: `/api/users/:id` -> `/api/users/{id}`. */
export function toOpenApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, '{$1}');
}

function joinPath(prefix: string, path: string): string {
  const joined = `${prefix}/${path}`.replace(/\/+/g, '/');
  return joined.length > 1 ? joined.replace(/\/$/, '') : joined;
}

function tagOf(featurePath: string): string {
  return featurePath.split('/').filter((s) => s && s !== 'api')[0] ?? 'service';
}

function describeOperation(
  route: Route,
  path: string,
  tag: string,
  securitySchemes: Record<string, SecurityScheme>,
): Operation {
  const docs = (route.use ?? []).map(readHandlerDoc).filter((d) => d !== undefined);
  const security: Record<string, string[]> = {};
  for (const doc of docs) {
    for (const [name, scheme] of Object.entries(doc.security ?? {})) {
      securitySchemes[name] = scheme;
      security[name] = [];
    }
  }
  const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
  const errors = new Set<ErrorCode>([
    ...docs.flatMap((d) => d.errors ?? []),
    ...(route.params || route.query || route.body ? (['validation_failed'] as const) : []),
    ...(pathParams.length > 0 ? (['not_found'] as const) : []),
    ...(route.errors ?? []),
    ...ALWAYS,
  ]);
  const requestBody = route.body ?? route.rawBody;
  return {
    operationId: operationIdOf(route.method, path),
    summary: route.summary,
    tags: [tag],
    security: Object.keys(security).length > 0 ? [security] : [],
    parameters: [
      ...pathParameters(pathParams, route.params),
      ...namedParameters('query', route.query),
      ...namedParameters('header', route.headers),
    ],
    ...(requestBody && {
      requestBody: { required: true, content: { 'application/json': { schema: toSchema(requestBody, 'input') } } },
    }),
    responses: { ...successResponses(route), ...errorResponses(errors) },
  };
}

/** `GET /api/users/{id}/roles/{name}` -> `getApiUsersByIdRolesByName`. */
function operationIdOf(method: string, path: string): string {
  const words = path
    .split('/')
    .filter(Boolean)
    .map((segment) => segment.replace(/^\{(\w+)\}$/, 'by-$1'))
    .flatMap((segment) => segment.split(/[^A-Za-z0-9]+/))
    .filter(Boolean);
  return method + words.map((w) => w[0]?.toUpperCase() + w.slice(1)).join('');
}

function toSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonSchema;
  if ('$defs' in json) throw new Error('openapi: a schema with $defs needs hoisting into components');
  return json;
}

function propertiesOf(schema: z.ZodType): { properties: Record<string, JsonSchema>; required: string[] } {
  const json = toSchema(schema, 'input');
  return {
    properties: (json.properties ?? {}) as Record<string, JsonSchema>,
    required: (json.required ?? []) as string[],
  };
}

function pathParameters(names: string[], schema: z.ZodType | undefined) {
  const { properties } = schema ? propertiesOf(schema) : { properties: {} as Record<string, JsonSchema> };
  return names.map((name) => ({ name, in: 'path', required: true, schema: properties[name] ?? { type: 'string' } }));
}

function namedParameters(location: 'query' | 'header', schema: z.ZodType | undefined) {
  if (!schema) return [];
  const { properties, required } = propertiesOf(schema);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: location,
      required: required.includes(name),
      ...(typeof description === 'string' && { description }),
      schema: rest,
    };
  });
}

function successResponses(route: Route): Record<string, unknown> {
  const declared = route.responses ?? { 200: undefined };
  return Object.fromEntries(
    Object.entries(declared).map(([status, schema]) => {
      if (schema === null) return [status, { description: 'No content' }];
      const body = schema ? toSchema(schema, 'output') : {};
      // A body that is not JSON (a page, a file) says its media type: `.meta({ contentMediaType })`.
      const { contentMediaType, ...rest } = body;
      const mediaType = typeof contentMediaType === 'string' ? contentMediaType : 'application/json';
      return [status, { description: 'Success', content: { [mediaType]: { schema: rest } } }];
    }),
  );
}

/** One response per status, its `code` narrowed to the codes of that status, with an example of each. */
function errorResponses(codes: Set<ErrorCode>): Record<string, unknown> {
  const byStatus = Map.groupBy([...codes], (code) => ERROR_CODES[code].status);
  const entries = [...byStatus].sort(([a], [b]) => a - b);
  return Object.fromEntries(
    entries.map(([status, group]) => [
      String(status),
      {
        description: group.map((code) => `\`${code}\`: ${ERROR_CODES[code].title}`).join('; '),
        content: {
          'application/problem+json': {
            schema: {
              allOf: [
                { $ref: '#/components/schemas/Problem' },
                { type: 'object', properties: { status: { const: status }, code: { type: 'string', enum: group } } },
              ],
            },
            examples: Object.fromEntries(group.map((code) => [code, { value: exampleProblem(code) }])),
          },
        },
      },
    ]),
  );
}

function exampleProblem(code: ErrorCode) {
  const { status, title } = ERROR_CODES[code];
  return {
    type: problemType(code),
    title,
    status,
    detail: title,
    code,
    requestId: 'f3b1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d',
  };
}
