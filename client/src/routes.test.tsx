import { render, screen } from '@testing-library/react';
import { Provider } from 'react-redux';
import { createMemoryRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { describe, expect, it } from 'vitest';
import { signedIn, signedOut } from './auth/authSlice';
import { routes } from './routes';
import { createAppStore, type AppStore } from './store';
import { aloneTab, createFakeBackend, jsonResponse, sessionFrom, TEST_USER } from './test/fakes';

function renderAt(path: string, store: AppStore) {
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  render(
    <Provider store={store}>
      <RouterProvider router={router} />
    </Provider>,
  );
  return router;
}

function storeFor(roles: string[] | null) {
  const backend = createFakeBackend({ user: { ...TEST_USER, roles: roles ?? ['user'] } });
  backend.route('GET /api/drawings?limit=20', () => jsonResponse({ items: [], nextCursor: null }));
  const store = createAppStore({ fetch: backend.fetch, tabs: aloneTab() });
  store.dispatch(roles ? signedIn(sessionFrom(backend.issue())) : signedOut('sessionEnded'));
  return store;
}

describe('routes', () => {
  it('shows the neutral splash while the session is being restored', async () => {
    renderAt('/drawings', createAppStore({ fetch: createFakeBackend().fetch, tabs: aloneTab() }));
    expect(await screen.findByText('Loading Easel…')).toBeTruthy();
  });

  it('sends a signed-out visitor to the login page, remembering where they were going', async () => {
    const router = renderAt('/drawings/abc', storeFor(null));
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeTruthy();
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.state).toMatchObject({ from: { pathname: '/drawings/abc' } });
  });

  it('gives a plain user no admin navigation and no admin page', async () => {
    renderAt('/admin/users', storeFor(['user']));
    expect(await screen.findByRole('heading', { name: 'Page not found' })).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Users' })).toBeNull();
  });

  it('shows admins the admin navigation', async () => {
    renderAt('/drawings', storeFor(['admin', 'user']));
    expect(await screen.findByRole('heading', { name: 'My drawings' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Users' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Roles' })).toBeTruthy();
  });
});
