import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import formats from 'ajv-formats';
import type { OpenApiDocument } from '../src/http/openapi.ts';

type Json = Record<string, unknown>;

export interface Answer {
  status: number;
  type: string;
  text: string;
  body: unknown;
}

/**
 * Checks real answers against an OpenAPI document: the status must be one the operation lists,
 * and the body must match that response's schema (JSON Schema 2020-12, checked by ajv).
 */
export function createConformanceChecker(spec: OpenApiDocument) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (formats as unknown as { default: (a: Ajv2020) => void }).default(ajv);
  const compiled = new Map<string, ValidateFunction>();

  /** Problems with the answer, empty when it conforms. `operation` is `METHOD /path/{param}`. */
  return function check(operation: string, answer: Answer): string[] {
    const [method = '', path = ''] = operation.split(' ');
    const op = spec.paths[path]?.[method.toLowerCase()] as { responses: Record<string, Json> } | undefined;
    if (!op) return [`${operation} is not in the spec`];
    const response = op.responses[String(answer.status)];
    if (!response) return [`${operation} answered ${answer.status}, which the spec does not list`];
    const content = response.content as Record<string, { schema: Json }> | undefined;
    if (!content)
      return answer.text === '' ? [] : [`${operation} ${answer.status} has a body the spec does not describe`];
    const [mediaType = '', { schema } = { schema: {} }] = Object.entries(content)[0] ?? [];
    if (mediaType !== 'application/octet-stream' && answer.type !== mediaType) {
      return [`${operation} ${answer.status} is ${answer.type}, the spec says ${mediaType}`];
    }
    const key = `${operation} ${answer.status}`;
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile(inlineRefs(schema, spec) as Json);
      compiled.set(key, validate);
    }
    const body = mediaType.endsWith('json') ? answer.body : answer.text;
    if (validate(body)) return [];
    return (validate.errors ?? []).map((e) => `${key}: ${e.instancePath || '/'} ${e.message ?? ''}`);
  };
}

/** Replaces `#/components/...` references by what they name, so ajv can compile the schema alone. */
function inlineRefs(node: unknown, spec: OpenApiDocument): unknown {
  if (Array.isArray(node)) return node.map((n) => inlineRefs(n, spec));
  if (typeof node !== 'object' || node === null) return node;
  const { $ref, ...rest } = node as Json;
  if (typeof $ref === 'string' && $ref.startsWith('#/')) {
    const target = $ref
      .slice(2)
      .split('/')
      .reduce<unknown>((at, key) => (at as Json)[key], spec);
    return inlineRefs(target, spec);
  }
  return Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, inlineRefs(v, spec)]));
}
