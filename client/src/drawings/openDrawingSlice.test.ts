import { describe, expect, it } from 'vitest';
import type { Drawing } from '../api/types';
import { shapesAdded } from '../editor/editorActions';
import { createShape } from '../editor/shapes';
import { createFakeBackend, jsonResponse, problemResponse, signedInStore } from '../test/fakes';
import {
  keepMine,
  keepTheirs,
  openDrawing,
  saveDrawing,
  selectHasUnsavedChanges,
  selectSaveState,
} from './openDrawingSlice';
import { selectShapes } from '../editor/editorSlice';

const ID = '0b7f7c1e-2f0a-4d7e-9a51-3c1f8f0e9a10';

function drawing(version: number, shapes = [createShape('rect', { id: 'a' })]): Drawing {
  return {
    id: ID,
    title: 'Plan',
    shapes,
    version,
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
  };
}

async function storeWithOpenDrawing() {
  const backend = createFakeBackend();
  backend.route(`GET /api/drawings/${ID}`, () => jsonResponse(drawing(3)));
  const store = signedInStore(backend);
  await store.dispatch(openDrawing(ID));
  return { backend, store };
}

describe('the open drawing', () => {
  it('loads into the editor and counts as saved until something changes', async () => {
    const { store } = await storeWithOpenDrawing();
    expect(selectShapes(store.getState()).map((shape) => shape.id)).toEqual(['a']);
    expect(selectSaveState(store.getState())).toBe('saved');

    store.dispatch(shapesAdded([createShape('ellipse', { id: 'b' })]));
    expect(selectSaveState(store.getState())).toBe('unsaved');
    expect(selectHasUnsavedChanges(store.getState())).toBe(true);
  });

  it('saves the shapes with the version it has, then moves to the server’s new version', async () => {
    const { backend, store } = await storeWithOpenDrawing();
    backend.route(`PUT /api/drawings/${ID}`, (call) =>
      jsonResponse({ ...drawing(4), shapes: (call.body as Drawing).shapes }),
    );
    store.dispatch(shapesAdded([createShape('ellipse', { id: 'b' })]));

    const saving = store.dispatch(saveDrawing());
    expect(selectSaveState(store.getState())).toBe('saving');
    await saving;

    const put = backend.calls.find((call) => call.method === 'PUT');
    expect(put?.body).toMatchObject({ version: 3, shapes: [{ id: 'a' }, { id: 'b' }] });
    expect(selectSaveState(store.getState())).toBe('saved');
    expect(store.getState().openDrawing.version).toBe(4);
  });

  it('stays unsaved when the drawing changed while it was being saved', async () => {
    const { backend, store } = await storeWithOpenDrawing();
    backend.route(`PUT /api/drawings/${ID}`, () => jsonResponse(drawing(4)));
    store.dispatch(shapesAdded([createShape('ellipse', { id: 'b' })]));
    const saving = store.dispatch(saveDrawing());
    store.dispatch(shapesAdded([createShape('rect', { id: 'c' })]));
    await saving;
    expect(selectSaveState(store.getState())).toBe('unsaved');
  });

  it('shows a conflict on 409 and keeps the server’s copy when asked', async () => {
    const { backend, store } = await storeWithOpenDrawing();
    const theirs = drawing(5, [createShape('rect', { id: 'z' })]);
    backend.route(
      `PUT /api/drawings/${ID}`,
      () =>
        new Response(JSON.stringify({ status: 409, code: 'version_conflict', current: theirs }), {
          status: 409,
          headers: { 'content-type': 'application/problem+json' },
        }),
    );
    store.dispatch(shapesAdded([createShape('ellipse', { id: 'b' })]));
    await store.dispatch(saveDrawing());
    expect(selectSaveState(store.getState())).toBe('conflict');

    store.dispatch(keepTheirs());
    expect(selectShapes(store.getState()).map((shape) => shape.id)).toEqual(['z']);
    expect(selectSaveState(store.getState())).toBe('saved');
    expect(store.getState().openDrawing.version).toBe(5);
  });

  it('overwrites the server’s copy at its version when the user keeps theirs', async () => {
    const { backend, store } = await storeWithOpenDrawing();
    let saves = 0;
    backend.route(`PUT /api/drawings/${ID}`, (call) => {
      saves += 1;
      if (saves === 1) {
        return new Response(JSON.stringify({ status: 409, code: 'version_conflict', current: drawing(5) }), {
          status: 409,
          headers: { 'content-type': 'application/problem+json' },
        });
      }
      expect(call.body).toMatchObject({ version: 5 });
      return jsonResponse(drawing(6));
    });
    store.dispatch(shapesAdded([createShape('ellipse', { id: 'b' })]));
    await store.dispatch(saveDrawing());
    await store.dispatch(keepMine());
    expect(selectSaveState(store.getState())).toBe('saved');
    expect(store.getState().openDrawing.version).toBe(6);
  });

  it('reports a failed save with the reason, and tries again later', async () => {
    const { backend, store } = await storeWithOpenDrawing();
    backend.route(`PUT /api/drawings/${ID}`, () => problemResponse(500, 'internal_error'));
    store.dispatch(shapesAdded([createShape('ellipse', { id: 'b' })]));
    await store.dispatch(saveDrawing());
    expect(selectSaveState(store.getState())).toBe('failed');
    expect(store.getState().openDrawing.saveError?.message).toMatch(/went wrong on our side/);
  });

  it('ignores an answer for a drawing that is no longer open', async () => {
    const { backend, store } = await storeWithOpenDrawing();
    backend.route(`PUT /api/drawings/${ID}`, () => jsonResponse(drawing(9)));
    store.dispatch(shapesAdded([createShape('ellipse', { id: 'b' })]));
    const saving = store.dispatch(saveDrawing());
    store.dispatch({ type: 'openDrawing/closed' });
    await saving;
    expect(store.getState().openDrawing).toMatchObject({ id: null, version: 0 });
  });
});
