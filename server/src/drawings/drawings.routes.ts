import type { Request, Response } from 'express';
import type { AppContext } from '../app-context.ts';
import { DrawingResponse, DrawingSummary } from '../contract/drawings.ts';
import { pageOf } from '../contract/pages.ts';
import { DRAWING_LIMITS } from '../contract/shapes.ts';
import type { Drawing } from '../generated/prisma/client.ts';
import { createJsonBody } from '../http/body.ts';
import { HttpError } from '../http/http-error.ts';
import { IfMatchHeader, readIfMatch, versionEtag } from '../http/preconditions.ts';
import { route, type Feature } from '../http/routes.ts';
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
  type Preconditions,
  type WriteOutcome,
  type WriteRefusal,
} from './drawings.service.ts';

/** /api/drawings: the caller's own canvas documents, with optimistic concurrency on writes. */
export function drawingsFeature(ctx: AppContext): Feature {
  const { db } = ctx;
  // Drawings get their own body limit: a full document is far larger than any other request.
  const json = createJsonBody(DRAWING_LIMITS.bodyLimit);
  // A partial save carries only what changed, so its requests stay small.
  const patchJson = createJsonBody(DRAWING_LIMITS.patchBodyLimit);
  const owner = [requireAuth, requireUser];
  const routes = [
    route.get('/', {
      summary: 'List my drawings, most recently updated first (without shapes)',
      use: owner,
      query: ListDrawingsQuery,
      responses: { 200: pageOf(DrawingSummary) },
      handle: (req, _res, { query }) => listDrawings(db, currentIdentity(req).userId, query),
    }),
    route.post('/', {
      summary: 'Create a drawing',
      use: [...owner, ...json],
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
      use: owner,
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
      use: [...owner, ...json],
      params: DrawingParams,
      body: UpdateDrawingBody,
      headers: IfMatchHeader,
      responses: { 200: DrawingResponse },
      errors: ['precondition_required', 'version_conflict', 'precondition_failed'],
      handle: async (req, res, { params, body }) => {
        const { version, ...changes } = body;
        const saved = await writeEdited(req, version, (userId, p) => updateDrawing(db, userId, params.id, changes, p));
        sendDrawing(res, saved);
      },
    }),
    route.patch('/:id', {
      summary: 'Save the shapes added, changed and removed since the version edited (body or If-Match)',
      use: [...owner, ...patchJson],
      params: DrawingParams,
      body: PatchDrawingBody,
      headers: IfMatchHeader,
      // The drawing without its shapes: the client has them, and a day's drawing is megabytes.
      responses: { 200: DrawingSummary },
      errors: ['version_conflict', 'precondition_failed', 'precondition_required'],
      handle: async (req, res, { params, body }) => {
        const { version, ...patch } = body;
        const saved = await writeEdited(req, version, (userId, p) => patchDrawing(db, userId, params.id, patch, p));
        res.setHeader('ETag', versionEtag(saved.version));
        res.json(toDrawingSummary(saved));
      },
    }),
    route.delete('/:id', {
      summary: 'Delete a drawing (If-Match honoured when sent)',
      use: owner,
      params: DrawingParams,
      headers: IfMatchHeader,
      responses: { 204: null },
      errors: ['precondition_failed'],
      handle: async (req, res, { params }) => {
        const preconditions = { ifMatch: readIfMatch(req) };
        const outcome = await deleteDrawing(db, currentIdentity(req).userId, params.id, preconditions);
        if (!outcome.ok) throw refuseWrite(outcome, preconditions);
        res.status(204).end();
      },
    }),
  ];
  return { path: '/api/drawings', name: 'drawings', description: 'The caller’s canvas documents', routes };
}

function sendDrawing(res: Response, drawing: Drawing): void {
  res.setHeader('ETag', versionEtag(drawing.version));
  res.json(toPublicDrawing(drawing));
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
