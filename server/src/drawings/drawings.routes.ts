import type { Request, RequestHandler, Response } from 'express';
import type { z } from 'zod';
import type { AppContext } from '../app-context.ts';
import { DrawingResponse, DrawingSummary } from '../contract/drawings.ts';
import { pageOf } from '../contract/pages.ts';
import { DRAWING_LIMITS } from '../contract/shapes.ts';
import type { Db } from '../db/client.ts';
import type { Drawing } from '../generated/prisma/client.ts';
import { createJsonBody } from '../http/body.ts';
import { HttpError } from '../http/http-error.ts';
import { IfMatchHeader, readIfMatch, versionEtag } from '../http/preconditions.ts';
import { guarded, route, type Feature, type RouteSpec } from '../http/routes.ts';
import { currentIdentity, requireAuth, requireUser } from '../identity/guards.ts';
import {
  CreateDrawingBody,
  DrawingParams,
  ListDrawingsQuery,
  PatchDrawingBody,
  UpdateDrawingBody,
} from './drawings.schemas.ts';
import { toDrawingSummary, toPublicDrawing } from './drawings.serializer.ts';
import {
  createDrawing,
  deleteDrawing,
  findDrawing,
  listDrawings,
  patchDrawing,
  updateDrawing,
  type DrawingWrite,
  type Preconditions,
  type SavedDrawing,
  type WriteOutcome,
  type WriteRefusal,
} from './drawings.service.ts';

/** What a write of one drawing reads besides its body: its id, and the If-Match it honours. */
const DRAWING_WRITE_INPUT = { params: DrawingParams, headers: IfMatchHeader };

/** /api/drawings: the caller's own canvas documents, with optimistic concurrency on writes. */
export function drawingsFeature(ctx: AppContext): Feature {
  const { db } = ctx;
  // Drawings get their own body limit: a full document is far larger than any other request.
  const json = createJsonBody(DRAWING_LIMITS.bodyLimit);
  // A partial save carries only what changed, so its requests stay small.
  const patchJson = createJsonBody(DRAWING_LIMITS.patchBodyLimit);
  const owner = [requireAuth, requireUser];
  const routes = guarded(owner, [
    route.get('/', {
      summary: 'List my drawings, most recently updated first (without shapes)',
      query: ListDrawingsQuery,
      responses: { 200: pageOf(DrawingSummary) },
      handle: (req, _res, { query }) => listDrawings(db, currentIdentity(req).userId, query),
    }),
    route.post('/', {
      summary: 'Create a drawing',
      use: json,
      body: CreateDrawingBody,
      responses: { 201: DrawingResponse },
      handle: async (req, res, { body }) => {
        const drawing = await createDrawing(db, currentIdentity(req).userId, body);
        res.location(`${req.baseUrl}/${drawing.id}`);
        sendDrawing(res.status(201), drawing);
      },
    }),
    route.get('/:id', {
      summary: 'One of my drawings, with its shapes and ETag',
      params: DrawingParams,
      responses: { 200: DrawingResponse },
      handle: async (req, res, { params }) => {
        const drawing = await findDrawing(db, currentIdentity(req).userId, params.id);
        if (!drawing) throw notFound();
        sendDrawing(res, drawing);
      },
    }),
    route.put('/:id', {
      summary: 'Replace a drawing’s title and/or shapes, given the version edited (body or If-Match)',
      ...versionedWrite(db, json, UpdateDrawingBody, DrawingResponse, updateDrawing, sendDrawing),
    }),
    route.patch('/:id', {
      summary: 'Save the shapes added, changed and removed since the version edited (body or If-Match)',
      // Answered without its shapes: the client has them, and a day's drawing is megabytes.
      ...versionedWrite(db, patchJson, PatchDrawingBody, DrawingSummary, patchDrawing, sendSummary),
    }),
    route.delete('/:id', {
      summary: 'Delete a drawing (If-Match honoured when sent)',
      ...DRAWING_WRITE_INPUT,
      responses: { 204: null },
      errors: ['precondition_failed'],
      handle: async (req, res, { params }) => {
        const preconditions = { ifMatch: readIfMatch(req) };
        const outcome = await deleteDrawing(db, currentIdentity(req).userId, params.id, preconditions);
        if (!outcome.ok) throw refuseWrite(outcome, preconditions);
        res.status(204).end();
      },
    }),
  ]);
  return { path: '/api/drawings', name: 'drawings', description: 'The caller’s canvas documents', routes };
}

function sendDrawing(res: Response, drawing: Drawing): void {
  res.setHeader('ETag', versionEtag(drawing.version));
  res.json(toPublicDrawing(drawing));
}

function sendSummary(res: Response, drawing: SavedDrawing): void {
  res.setHeader('ETag', versionEtag(drawing.version));
  res.json(toDrawingSummary(drawing));
}

/**
 * What PUT and PATCH declare alike: the owner's write of the version they edited (body or
 * If-Match), refused with the current drawing on a conflict, and answered by `send` with what
 * `write` saved.
 */
function versionedWrite<V extends { version?: number | undefined }, T>(
  db: Db,
  use: RequestHandler[],
  body: z.ZodType<V>,
  response: z.ZodType,
  write: DrawingWrite<Omit<V, 'version'>, T>,
  send: (res: Response, saved: T) => void,
): Omit<RouteSpec<typeof DrawingParams, undefined, z.ZodType<V>>, 'summary'> {
  return {
    use,
    ...DRAWING_WRITE_INPUT,
    body,
    responses: { 200: response },
    errors: ['precondition_required', 'version_conflict', 'precondition_failed'],
    handle: async (req, res, { params, body }) => {
      const { version, ...changes } = body;
      send(res, await writeEdited(req, version, (userId, p) => write(db, userId, params.id, changes, p)));
    },
  };
}

/** A write of the version the caller edited (body or If-Match): its value, or the problem it was refused with. */
async function writeEdited<T>(
  req: Request,
  version: number | undefined,
  write: (userId: string, preconditions: Preconditions) => Promise<WriteOutcome<T>>,
): Promise<T> {
  const preconditions = requirePreconditions(version, readIfMatch(req));
  const outcome = await write(currentIdentity(req).userId, preconditions);
  if (!outcome.ok) throw refuseWrite(outcome, preconditions);
  return outcome.value;
}

/** A write must say which version it edited: a blind overwrite is never accepted. */
function requirePreconditions(version: number | undefined, ifMatch: Preconditions['ifMatch']): Preconditions {
  if (version === undefined && !Array.isArray(ifMatch)) {
    throw new HttpError(
      'precondition_required',
      'Say which version you edited: send "version" in the body or If-Match: "<version>"',
    );
  }
  return { version, ifMatch };
}

function notFound(): HttpError {
  return new HttpError('not_found', 'No such drawing');
}

/** The status for a write that did not happen; conflicts carry the current drawing to merge with. */
function refuseWrite(refusal: WriteRefusal, preconditions: Preconditions): HttpError {
  if (refusal.reason === 'not_found') return notFound();
  if (refusal.reason === 'invalid') {
    return new HttpError('validation_failed', 'The patch does not fit the drawing', { errors: refusal.errors });
  }
  const { current } = refusal;
  const extra = { current: toPublicDrawing(current), headers: { ETag: versionEtag(current.version) } };
  if (refusal.reason === 'if_match_failed') {
    return new HttpError('precondition_failed', `If-Match does not name the current version ${current.version}`, extra);
  }
  return new HttpError(
    'version_conflict',
    `The drawing is at version ${current.version}, not ${preconditions.version}; merge with "current" and retry`,
    extra,
  );
}
