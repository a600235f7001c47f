import { describe, expect, it } from 'vitest';
import type { DrawingSummary } from '../api/types';
import { signedOut } from '../auth/authSlice';
import { createFakeBackend, jsonResponse, signedInStore } from '../test/fakes';
import {
  createDrawing,
  deleteDrawing,
  fetchDrawings,
  fetchMoreDrawings,
  renameDrawing,
  selectDrawings,
  selectDrawingsStatus,
  selectHasMoreDrawings,
} from './drawingsSlice';

const summary = (id: string, version = 1): DrawingSummary => ({
  id,
  title: `Drawing ${id}`,
  version,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
});

describe('my drawings', () => {
  it('lists a page, then appends the next one with the cursor', async () => {
    const backend = createFakeBackend();
    backend.route('GET /api/drawings?limit=20', () => jsonResponse({ items: [summary('a')], nextCursor: 'c1' }));
    backend.route('GET /api/drawings?limit=20&cursor=c1', () =>
      jsonResponse({ items: [summary('b')], nextCursor: null }),
    );
    const store = signedInStore(backend);

    await store.dispatch(fetchDrawings());
    expect(selectHasMoreDrawings(store.getState())).toBe(true);
    await store.dispatch(fetchMoreDrawings());

    expect(selectDrawings(store.getState()).map((d) => d.id)).toEqual(['a', 'b']);
    expect(selectHasMoreDrawings(store.getState())).toBe(false);
    expect(selectDrawingsStatus(store.getState())).toBe('succeeded');
  });

  it('puts a created drawing first, without its shapes', async () => {
    const backend = createFakeBackend();
    backend.route('POST /api/drawings', (call) =>
      jsonResponse({ ...summary('new'), title: (call.body as { title: string }).title, shapes: [] }, 201),
    );
    const store = signedInStore(backend);
    const outcome = await store.dispatch(createDrawing('Plan'));
    expect(outcome.ok).toBe(true);
    expect(selectDrawings(store.getState())).toEqual([{ ...summary('new'), title: 'Plan' }]);
  });

  it('renames on top of a newer version when the drawing changed elsewhere', async () => {
    const backend = createFakeBackend();
    const puts: unknown[] = [];
    backend.route('PUT /api/drawings/a', (call) => {
      puts.push(call.body);
      if (puts.length === 1) {
        return new Response(JSON.stringify({ status: 409, code: 'version_conflict', current: summary('a', 7) }), {
          status: 409,
          headers: { 'content-type': 'application/problem+json' },
        });
      }
      return jsonResponse({ ...summary('a', 8), title: 'Renamed' });
    });
    const store = signedInStore(backend);
    const outcome = await store.dispatch(renameDrawing(summary('a', 1), 'Renamed'));
    expect(outcome.ok).toBe(true);
    expect(puts).toEqual([
      { title: 'Renamed', version: 1 },
      { title: 'Renamed', version: 7 },
    ]);
  });

  it('drops a deleted drawing, and forgets everything on sign-out', async () => {
    const backend = createFakeBackend();
    backend.route('GET /api/drawings?limit=20', () =>
      jsonResponse({ items: [summary('a'), summary('b')], nextCursor: null }),
    );
    backend.route('DELETE /api/drawings/a', () => new Response(null, { status: 204 }));
    const store = signedInStore(backend);
    await store.dispatch(fetchDrawings());
    await store.dispatch(deleteDrawing('a'));
    expect(selectDrawings(store.getState()).map((d) => d.id)).toEqual(['b']);

    store.dispatch(signedOut('signedOut'));
    expect(selectDrawings(store.getState())).toEqual([]);
    expect(selectDrawingsStatus(store.getState())).toBe('idle');
  });

  it('keeps the list and reports the failure when the network is down', async () => {
    const backend = createFakeBackend();
    const store = signedInStore({ ...backend, fetch: async () => Promise.reject(new TypeError('Failed to fetch')) });
    await store.dispatch(fetchDrawings());
    expect(selectDrawingsStatus(store.getState())).toBe('failed');
    expect(store.getState().drawings.error).toMatchObject({ kind: 'network', code: 'network_error' });
  });
});
