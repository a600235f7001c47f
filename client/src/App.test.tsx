import { render, screen } from '@testing-library/react';
import { Provider } from 'react-redux';
import { describe, expect, it } from 'vitest';
import type { FetchLike } from './api/http';
import { App } from './App';
import { createAppStore, type AppStore } from './store';

const healthy: FetchLike = async () =>
  new Response('{"status":"ok"}', { status: 200, headers: { 'content-type': 'application/json' } });

function renderApp(fetch: FetchLike = healthy): AppStore {
  const store = createAppStore({ fetch });
  render(
    <Provider store={store}>
      <App />
    </Provider>,
  );
  return store;
}

describe('App', () => {
  it('shows the API health reported by /healthz', async () => {
    renderApp();
    expect(screen.getByRole('status').textContent).toBe('API: checking…');
    expect(await screen.findByText('API: ok')).toBeTruthy();
  });

  it('shows the problem code when the API is not healthy', async () => {
    renderApp(
      async () =>
        new Response('{"title":"Service Unavailable","status":503,"code":"not_ready"}', {
          status: 503,
          headers: { 'content-type': 'application/problem+json' },
        }),
    );
    expect(await screen.findByText('API: unavailable (not_ready)')).toBeTruthy();
  });

  it('shows the editor with its tools', async () => {
    renderApp();
    expect(screen.getByRole('toolbar', { name: 'Tools' })).toBeTruthy();
    expect(screen.getByRole('region', { name: 'Drawing canvas' })).toBeTruthy();
    await screen.findByText('API: ok');
  });
});
