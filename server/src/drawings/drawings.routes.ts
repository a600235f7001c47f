import { Router, type Request, type RequestHandler, type Response } from 'express';
import { currentIdentity, requireAuth } from '../auth/guards.ts';
import type { Config } from '../config.ts';
import type { Db } from '../db/client.ts';
import type { Drawing } from '../generated/prisma/client.ts';
import { createJsonBody } from '../http/body.ts';
import { HttpError } from '../http/http-error.ts';
import { rejectOtherMethods } from '../http/methods.ts';
import { parseBody, parseParams, parseQuery } from '../http/validate.ts';
import {
  CreateDrawingBody,
  DrawingParams,
  DrawingVersion,
  ListDrawingsQuery,
  UpdateDrawingBody,
} from './drawings.schemas.ts';
import { drawingEtag, toPublicDrawing } from './drawings.serializer.ts';
import {
  createDrawing,
  deleteDrawing,
  findDrawing,
  listDrawings,
  updateDrawing,
  type Preconditions,
  type WriteRefusal,
} from './drawings.service.ts';
import { DRAWING_LIMITS } from './shapes.schemas.ts';

export interface DrawingsDeps {
  db: Db;
  config: Config;
}

/** /api/drawings: the caller's own canvas documents, with optimistic concurrency on writes. */
export function createDrawingsRouter(deps: DrawingsDeps): Router {
  const { db } = deps;
  const router = Router();
  // Drawings get their own body limit: a full document is far larger than any other request.
  const json = createJsonBody(DRAWING_LIMITS.bodyLimit);
  const owner = [requireAuth, requireUser];
  const ownerId = (req: Request) => currentIdentity(req).userId;

  router
    .route('/')
    .get(...owner, async (req, res) => {
      res.json(await listDrawings(db, ownerId(req), parseQuery(ListDrawingsQuery, req)));
    })
    .post(...owner, ...json, async (req, res) => {
      const drawing = await createDrawing(db, ownerId(req), parseBody(CreateDrawingBody, req));
      res.location(`${req.baseUrl}/${drawing.id}`);
      sendDrawing(res.status(201), drawing);
    })
    .all(rejectOtherMethods);

  router
    .route('/:id')
    .get(...owner, async (req, res) => {
      const drawing = await findDrawing(db, ownerId(req), parseParams(DrawingParams, req).id);
      if (!drawing) throw notFound();
      sendDrawing(res, drawing);
    })
    .put(...owner, ...json, async (req, res) => {
      const { id } = parseParams(DrawingParams, req);
      const { version, ...changes } = parseBody(UpdateDrawingBody, req);
      const preconditions = { version, ifMatch: readIfMatch(req) };
      if (preconditions.version === undefined && !Array.isArray(preconditions.ifMatch)) {
        throw new HttpError(
          'precondition_required',
          'Say which version you edited: send "version" in the body or If-Match: "<version>"',
        );
      }
      const outcome = await updateDrawing(db, ownerId(req), id, changes, preconditions);
      if (!outcome.ok) throw refuseWrite(outcome, preconditions);
      sendDrawing(res, outcome.value);
    })
    .delete(...owner, async (req, res) => {
      const preconditions = { ifMatch: readIfMatch(req) };
      const outcome = await deleteDrawing(db, ownerId(req), parseParams(DrawingParams, req).id, preconditions);
      if (!outcome.ok) throw refuseWrite(outcome, preconditions);
      res.status(204).end();
    })
    .all(rejectOtherMethods);

  return router;
}

/** Drawings belong to users; a service client's token has no drawings to act on. */
const requireUser: RequestHandler = (req, _res, next) => {
  if (currentIdentity(req).kind !== 'user') throw new HttpError('forbidden', 'Drawings are only available to users');
  next();
};

function sendDrawing(res: Response, drawing: Drawing): void {
  res.setHeader('ETag', drawingEtag(drawing));
  res.json(toPublicDrawing(drawing));
}

function notFound(): HttpError {
  return new HttpError('not_found', 'No such drawing');
}

/**
 * The versions an If-Match header names, or `any` for `*`. Our ETags are strong, so weak or
 * malformed tags match nothing (a 412 if the drawing exists), as HTTP's strong comparison says.
 */
function readIfMatch(req: Request): Preconditions['ifMatch'] {
  const header = req.get('if-match');
  if (header === undefined) return undefined;
  if (header.trim() === '*') return 'any';
  return header.split(',').flatMap((tag) => {
    const version = Number(/^"(\d{1,10})"$/.exec(tag.trim())?.[1]);
    return DrawingVersion.safeParse(version).success ? [version] : [];
  });
}

/** The status for a write that did not happen; conflicts carry the current drawing to merge with. */
function refuseWrite(refusal: WriteRefusal, preconditions: Preconditions): HttpError {
  if (refusal.reason === 'not_found') return notFound();
  const { current } = refusal;
  const extra = { current: toPublicDrawing(current), headers: { ETag: drawingEtag(current) } };
  if (refusal.reason === 'if_match_failed') {
    return new HttpError('precondition_failed', `If-Match does not name the current version ${current.version}`, extra);
  }
  return new HttpError(
    'version_conflict',
    `The drawing is at version ${current.version}, not ${preconditions.version}; merge with "current" and retry`,
    extra,
  );
}
