import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Drawing } from '../api/types';
import { shapesAdded, shapesDeleted, shapesMoved } from '../editor/editorActions';
import { selectShapes } from '../editor/editorSlice';
import { createShape, type Shape } from '../editor/shapes';
import { createFakeBackend, jsonResponse, problemResponse, signedInStore, type FakeCall } from '../test/fakes';
import { createMemoryDraftStore } from './drafts';
import { selectDraftOffer, selectSaveState } from './openDrawingSlice';
import {
  AUTOSAVE_DELAY_MS,
  discardDraft,
  documentChanged,
  keepMine,
  keepTheirs,
  openDrawing,
  restoreDraft,
  retryNow,
  saveDrawing,
  saveMineAsCopy,
} from './saveQueue';

const ID = '0b7f7c1e-2f0a-4d7e-9a51-3c1f8f0e9a10';

function drawing(version: number, shapes: Shape[] = [createShape('rect', { id: 'a' })]): Drawing {
  return {
    id: ID,
    title: 'Plan',
    shapes,
    version,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  };
}

const conflictResponse = (theirs: Drawing) =>
  new Response(JSON.stringify({ status: 409, code: 'version_conflict', detail: 'stale', current: theirs }), {
    status: 409,
    headers: { 'content-type': 'application/problem+json' },
  });

/** A server that applies patches to its copy like the real one, answering 409 to a stale version. */
function fakeServer(start = drawing(3)) {
  const backend = createFakeBackend();
  const server = { drawing: start, offline: false };
  backend.route(`GET /api/drawings/${ID}`, () => jsonResponse(server.drawing));
  backend.route(`PATCH /api/drawings/${ID}`, (call) => {
    if (server.offline) throw new TypeError('Failed to fetch');
    const body = call.body as { version: number; added: Shape[]; changed: Shape[]; removed: string[] };
    if (body.version !== server.drawing.version) return conflictResponse(server.drawing);
    const changed = new Map(body.changed.map((shape) => [shape.id, shape]));
    const shapes = server.drawing.shapes
      .filter((shape) => !body.removed.includes(shape.id))
      .map((shape) => changed.get(shape.id) ?? shape)
      .concat(body.added);
    server.drawing = { ...server.drawing, shapes, version: server.drawing.version + 1 };
    const { shapes: _stored, ...summary } = server.drawing;
    return jsonResponse(summary);
  });
  return { backend, server };
}

async function openedStore(start?: Drawing, drafts = createMemoryDraftStore()) {
  const { backend, server } = fakeServer(start);
  const store = signedInStore(backend, undefined, drafts);
  await store.dispatch(openDrawing(ID));
  /** What the editor page's hook does after every change. */
  const edit = (action: Parameters<typeof store.dispatch>[0]) => {
    store.dispatch(action);
    store.dispatch(documentChanged());
  };
  const patches = () => backend.calls.filter((call) => call.method === 'PATCH').map((call) => call.body);
  return { backend, server, store, drafts, edit, patches };
}

const ids = (shapes: Array<{ id: string }>) => shapes.map((shape) => shape.id);
const saveState = (store: { getState(): Parameters<typeof selectSaveState>[0] }) => selectSaveState(store.getState());

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('autosave', () => {
  it('counts as saved after load and unsaved after a change', async () => {
    const { store, edit } = await openedStore();
    expect(saveState(store)).toBe('saved');
    edit(shapesAdded([createShape('ellipse', { id: 'b' })]));
    expect(saveState(store)).toBe('unsaved');
  });

  it('waits for a quiet moment, then sends one PATCH with only what changed and the version', async () => {
    const { store, edit, patches, server } = await openedStore(
      drawing(3, [createShape('rect', { id: 'a' }), createShape('rect', { id: 'gone' })]),
    );
    edit(shapesAdded([createShape('ellipse', { id: 'b' })]));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 100);
    edit(shapesMoved(['a'], 10, 5));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS - 100);
    edit(shapesDeleted(['gone']));
    expect(patches()).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);

    expect(patches()).toHaveLength(1);
    const [patch] = patches() as Array<{ version: number; added: Shape[]; changed: Shape[]; removed: string[] }>;
    expect(patch!.version).toBe(3);
    expect(ids(patch!.added)).toEqual(['b']);
    expect(patch!.changed).toEqual([expect.objectContaining({ id: 'a', x: 10, y: 5 })]);
    expect(patch!.removed).toEqual(['gone']);
    expect(saveState(store)).toBe('saved');
    expect(store.getState().openDrawing.version).toBe(4);
    expect(ids(server.drawing.shapes)).toEqual(ids(selectShapes(store.getState())));
  });

  it('shows saving while the request runs, and saves changes made meanwhile against the new version', async () => {
    const { store, edit, patches } = await openedStore();
    edit(shapesAdded([createShape('ellipse', { id: 'b' })]));
    const saving = store.dispatch(saveDrawing());
    expect(saveState(store)).toBe('saving');
    edit(shapesAdded([createShape('rect', { id: 'c' })]));
    await saving;
    expect(saveState(store)).toBe('unsaved');
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(patches()).toMatchObject([
      { version: 3, added: [{ id: 'b' }] },
      { version: 4, added: [{ id: 'c' }], changed: [], removed: [] },
    ]);
    expect(saveState(store)).toBe('saved');
  });

  it('sends nothing when an undo brings the drawing back to what is saved', async () => {
    const { store, edit, patches } = await openedStore();
    edit(shapesMoved(['a'], 10, 0));
    edit(shapesMoved(['a'], -10, 0));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(patches()).toHaveLength(0);
    expect(saveState(store)).toBe('saved');
  });

  it('sends a change set over the PATCH budget as one PUT of the whole drawing', async () => {
    const { store, edit, backend } = await openedStore();
    backend.route(`PUT /api/drawings/${ID}`, (call) => jsonResponse({ ...drawing(4), ...(call.body as object) }));
    const stroke = (i: number) => createShape('pen', { points: Array.from({ length: 9_000 }, (_, k) => k + i + 0.25) });
    edit(shapesAdded(Array.from({ length: 20 }, (_, i) => stroke(i))));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    const put = backend.calls.find((call) => call.method === 'PUT');
    expect(put?.body).toMatchObject({ version: 3 });
    expect((put?.body as { shapes: Shape[] }).shapes).toHaveLength(21);
    expect(saveState(store)).toBe('saved');
  });
});

describe('when saving fails', () => {
  it('keeps the changes through a lost network, shows it, and saves when it returns', async () => {
    const { store, edit, server, drafts } = await openedStore();
    server.offline = true;
    edit(shapesAdded([createShape('ellipse', { id: 'b' })]));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(saveState(store)).toBe('offline');
    expect(drafts.read(ID)?.added.map((shape) => shape.id)).toEqual(['b']);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(saveState(store)).toBe('offline');

    edit(shapesAdded([createShape('rect', { id: 'c' })]));
    server.offline = false;
    await store.dispatch(retryNow());
    expect(saveState(store)).toBe('saved');
    expect(ids(server.drawing.shapes)).toEqual(['a', 'b', 'c']);
    expect(drafts.read(ID)).toBeNull();
  });

  it('retries a server error by itself, backing off', async () => {
    const { store, edit, backend } = await openedStore();
    let failures = 2;
    backend.route(`PATCH /api/drawings/${ID}`, (call: FakeCall) => {
      if (failures-- > 0) return problemResponse(503, 'not_ready');
      return jsonResponse({ ...drawing(4), shapes: (call.body as { added: Shape[] }).added });
    });
    edit(shapesAdded([createShape('ellipse', { id: 'b' })]));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(saveState(store)).toBe('retrying');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(saveState(store)).toBe('retrying');
    await vi.advanceTimersByTimeAsync(2_000);
    expect(saveState(store)).toBe('saved');
    expect(backend.calls.filter((call) => call.method === 'PATCH')).toHaveLength(3);
  });

  it('survives an expired access token: refreshes once and saves', async () => {
    const { store, edit, backend, patches } = await openedStore();
    backend.expireAll();
    edit(shapesAdded([createShape('ellipse', { id: 'b' })]));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    await vi.waitFor(() => expect(saveState(store)).toBe('saved'));
    expect(backend.refreshCount()).toBe(1);
    expect(patches()).toHaveLength(2);
    expect(saveState(store)).toBe('saved');
  });

  it('reports a refusal that retrying cannot fix, and tries again after the next change', async () => {
    const { store, edit, backend } = await openedStore();
    backend.route(`PATCH /api/drawings/${ID}`, () => problemResponse(422, 'validation_failed', 'bad shape'));
    edit(shapesAdded([createShape('ellipse', { id: 'b' })]));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 10);
    expect(saveState(store)).toBe('failed');
    expect(store.getState().openDrawing.saveError?.message).toBe('bad shape');
    expect(backend.calls.filter((call) => call.method === 'PATCH')).toHaveLength(1);
    edit(shapesDeleted(['b']));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(saveState(store)).toBe('saved');
  });
});

describe('a drawing deleted elsewhere', () => {
  it('stops with not_found, and my version can still go to a new drawing', async () => {
    const { store, edit, backend } = await openedStore();
    backend.route(`PATCH /api/drawings/${ID}`, () => problemResponse(404, 'not_found', 'No such drawing'));
    backend.route('POST /api/drawings', (call) =>
      jsonResponse({ ...drawing(1), id: 'new-id', ...(call.body as object) }, 201),
    );
    edit(shapesAdded([createShape('ellipse', { id: 'b' })]));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    expect(saveState(store)).toBe('failed');
    expect(store.getState().openDrawing.saveError?.code).toBe('not_found');
    const outcome = await store.dispatch(saveMineAsCopy());
    expect(outcome).toMatchObject({ ok: true, value: { id: 'new-id' } });
    const post = backend.calls.find((call) => call.method === 'POST' && call.path === '/api/drawings');
    expect(ids((post?.body as { shapes: Shape[] }).shapes)).toEqual(['a', 'b']);
  });
});

describe('a conflict', () => {
  async function conflicted() {
    const opened = await openedStore();
    // Another tab saved first: the server is at version 4 with a shape this tab never saw.
    opened.server.drawing = drawing(4, [createShape('rect', { id: 'a' }), createShape('rect', { id: 'theirs' })]);
    opened.edit(shapesAdded([createShape('ellipse', { id: 'mine' })]));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS);
    return opened;
  }

  it('stops the queue and waits for the person, keeping the draft', async () => {
    const { store, patches, drafts } = await conflicted();
    expect(saveState(store)).toBe('conflict');
    expect(store.getState().openDrawing.theirs?.version).toBe(4);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(patches()).toHaveLength(1);
    expect(drafts.read(ID)).not.toBeNull();
  });

  it('takes the server’s copy when asked, dropping the draft', async () => {
    const { store, drafts } = await conflicted();
    store.dispatch(keepTheirs());
    expect(ids(selectShapes(store.getState()))).toEqual(['a', 'theirs']);
    expect(saveState(store)).toBe('saved');
    expect(store.getState().openDrawing.version).toBe(4);
    expect(drafts.read(ID)).toBeNull();
  });

  it('keeps mine by sending my drawing as changes against theirs, at their version', async () => {
    const { store, server, patches } = await conflicted();
    await store.dispatch(keepMine());
    expect(patches()[1]).toMatchObject({ version: 4, added: [{ id: 'mine' }], removed: ['theirs'] });
    expect(ids(server.drawing.shapes)).toEqual(['a', 'mine']);
    expect(saveState(store)).toBe('saved');
    expect(store.getState().openDrawing.version).toBe(5);
  });

  it('saves mine as a new drawing and shows the server’s copy here', async () => {
    const { store, backend } = await conflicted();
    backend.route('POST /api/drawings', (call) =>
      jsonResponse({ ...drawing(1), id: 'new-id', ...(call.body as object) }, 201),
    );
    const outcome = await store.dispatch(saveMineAsCopy());
    expect(outcome).toMatchObject({ ok: true, value: { id: 'new-id' } });
    const post = backend.calls.find((call) => call.method === 'POST' && call.path === '/api/drawings');
    expect(post?.body).toMatchObject({ title: 'Plan (copy)' });
    expect(ids((post?.body as { shapes: Shape[] }).shapes)).toEqual(['a', 'mine']);
    expect(ids(selectShapes(store.getState()))).toEqual(['a', 'theirs']);
    expect(saveState(store)).toBe('saved');
  });
});

describe('the local draft', () => {
  it('is written at every change, before any save, and offered again after a reload', async () => {
    const drafts = createMemoryDraftStore();
    const first = await openedStore(undefined, drafts);
    first.edit(shapesAdded([createShape('ellipse', { id: 'b' })]));
    first.edit(shapesMoved(['a'], 7, 0));
    // The tab closes before the autosave fires.
    expect(first.patches()).toHaveLength(0);
    expect(drafts.read(ID)).toMatchObject({ version: 3, added: [{ id: 'b' }], changed: [{ id: 'a', x: 7 }] });
    expect(JSON.stringify(drafts.read(ID))).not.toMatch(/token/);

    const reloaded = await openedStore(undefined, drafts);
    expect(selectDraftOffer(reloaded.store.getState())).toMatchObject({ changes: 2 });
    expect(ids(selectShapes(reloaded.store.getState()))).toEqual(['a']);
    await reloaded.store.dispatch(restoreDraft());
    expect(selectShapes(reloaded.store.getState())).toEqual([
      expect.objectContaining({ id: 'a', x: 7 }),
      expect.objectContaining({ id: 'b' }),
    ]);
    expect(reloaded.patches()).toMatchObject([{ version: 3, added: [{ id: 'b' }], changed: [{ id: 'a', x: 7 }] }]);
    expect(saveState(reloaded.store)).toBe('saved');
    expect(drafts.read(ID)).toBeNull();
  });

  it('is laid over a newer server version when the drawing moved on meanwhile', async () => {
    const drafts = createMemoryDraftStore();
    const first = await openedStore(undefined, drafts);
    first.edit(shapesAdded([createShape('ellipse', { id: 'b' })]));
    const newer = drawing(9, [createShape('rect', { id: 'a' }), createShape('rect', { id: 'other' })]);
    const reloaded = await openedStore(newer, drafts);
    await reloaded.store.dispatch(restoreDraft());
    expect(ids(selectShapes(reloaded.store.getState()))).toEqual(['a', 'other', 'b']);
    expect(reloaded.patches()).toMatchObject([{ version: 9, added: [{ id: 'b' }] }]);
  });

  it('can be discarded, and is dropped quietly when the server already has it', async () => {
    const drafts = createMemoryDraftStore();
    const first = await openedStore(undefined, drafts);
    first.edit(shapesAdded([createShape('ellipse', { id: 'b' })]));
    const draft = drafts.read(ID)!;

    const reloaded = await openedStore(undefined, drafts);
    reloaded.store.dispatch(discardDraft());
    expect(drafts.read(ID)).toBeNull();
    expect(selectDraftOffer(reloaded.store.getState())).toBeNull();

    drafts.write(ID, draft);
    const saved = await openedStore(drawing(4, [createShape('rect', { id: 'a' }), ...draft.added]), drafts);
    expect(selectDraftOffer(saved.store.getState())).toBeNull();
    expect(drafts.read(ID)).toBeNull();
  });
});
