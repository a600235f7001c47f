import { describe, expect, it, vi } from 'vitest';
import type { FetchLike } from '../api/http';
import { createAppStore } from '../store';
import { fetchHealth, selectHealthError, selectHealthReport, selectHealthStatus } from './healthSlice';

function jsonResponse(body: unknown, status: number, contentType = 'application/json'): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': contentType } });
}

describe('fetchHealth', () => {
  it('stores the report when GET /healthz answers', async () => {
    const fetch = vi.fn<FetchLike>(async () => jsonResponse({ status: 'ok' }, 200));
    const store = createAppStore({ fetch });

    const pending = store.dispatch(fetchHealth());
    expect(selectHealthStatus(store.getState())).toBe('loading');
    await pending;

    expect(fetch).toHaveBeenCalledWith('/healthz', expect.anything());
    expect(selectHealthStatus(store.getState())).toBe('succeeded');
    expect(selectHealthReport(store.getState())).toEqual({ status: 'ok' });
    expect(selectHealthError(store.getState())).toBeNull();
  });

  it('stores the problem code when the API answers problem+json', async () => {
    const problem = {
      type: 'about:blank',
      title: 'Service Unavailable',
      status: 503,
      detail: 'The database is not reachable.',
      code: 'not_ready',
      requestId: 'req-9',
    };
    const fetch: FetchLike = async () => jsonResponse(problem, 503, 'application/problem+json');
    const store = createAppStore({ fetch });

    await store.dispatch(fetchHealth());

    expect(selectHealthStatus(store.getState())).toBe('failed');
    expect(selectHealthReport(store.getState())).toBeNull();
    expect(selectHealthError(store.getState())).toEqual({
      code: 'not_ready',
      message: 'The database is not reachable.',
      requestId: 'req-9',
    });
  });

  it('reports a network failure as network_error', async () => {
    const fetch: FetchLike = async () => Promise.reject(new TypeError('Failed to fetch'));
    const store = createAppStore({ fetch });
    await store.dispatch(fetchHealth());
    expect(selectHealthError(store.getState())).toMatchObject({ code: 'network_error', message: 'Failed to fetch' });
  });

  it('does not start a second request while one is in flight', async () => {
    const fetch = vi.fn<FetchLike>(async () => jsonResponse({ status: 'ok' }, 200));
    const store = createAppStore({ fetch });
    await Promise.all([store.dispatch(fetchHealth()), store.dispatch(fetchHealth())]);
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});
