import type { RequestHandler } from 'express';
import type { ErrorCode } from '../contract/errors.ts';

/** An OpenAPI 3.1 security scheme object (https://spec.openapis.org/oas/v3.1.0#security-scheme-object). */
export type SecurityScheme =
  | { type: 'http'; scheme: string; bearerFormat?: string; description?: string }
  | { type: 'apiKey'; in: 'header' | 'query' | 'cookie'; name: string; description?: string };

/**
 * What a middleware adds to the API reference of every route that runs it: the credentials it
 * requires (all of them together) and the problems it can answer. Guards, body parsers and rate
 * limits describe themselves, so a new guard shows in the spec without the generator knowing it.
 */
export interface HandlerDoc {
  security?: Record<string, SecurityScheme>;
  errors?: ErrorCode[];
}

const DOC = Symbol('easel.handlerDoc');

type Described = RequestHandler & { [DOC]?: HandlerDoc };

/** Attaches (merges into any earlier) reference notes to a middleware; returns it unchanged otherwise. */
export function describeHandler<H extends RequestHandler>(handler: H, doc: HandlerDoc): H {
  const earlier = (handler as Described)[DOC] ?? {};
  const merged: HandlerDoc = {
    security: { ...earlier.security, ...doc.security },
    errors: [...new Set([...(earlier.errors ?? []), ...(doc.errors ?? [])])],
  };
  Object.defineProperty(handler, DOC, { value: merged, configurable: true, enumerable: false });
  return handler;
}

/** The reference notes of a middleware, if it carries any. */
export function readHandlerDoc(handler: RequestHandler): HandlerDoc | undefined {
  return (handler as Described)[DOC];
}
