import { describe, expect, it } from 'vitest';
import { createFakeBackend, jsonResponse, signedInStore, TEST_USER } from '../test/fakes';
import { buildUsersQuery, searchUsers, selectUsers, setUserActive, setUserRole } from './usersSlice';

const target = { ...TEST_USER, id: '11111111-2222-4333-8444-555555555555', email: 'bob@example.com' };

describe('admin users', () => {
  it('sends only the filters that are set', () => {
    expect(buildUsersQuery({ email: ' ann ', role: '', active: '' }, null)).toBe('limit=20&email=ann');
    expect(buildUsersQuery({ email: '', role: 'admin', active: 'false' }, 'c2')).toBe(
      'limit=20&role=admin&active=false&cursor=c2',
    );
  });

  it('searches with new filters, then shows a deactivation and a new role in the list', async () => {
    const backend = createFakeBackend();
    backend.route('GET /api/users?limit=20&email=bob', () => jsonResponse({ items: [target], nextCursor: null }));
    backend.route(`PATCH /api/users/${target.id}`, (call) => jsonResponse({ ...target, ...(call.body as object) }));
    backend.route(`PUT /api/users/${target.id}/roles/editor`, () => new Response(null, { status: 204 }));
    backend.route(`GET /api/users/${target.id}`, () =>
      jsonResponse({ ...target, isActive: false, roles: ['editor', 'user'] }),
    );
    const store = signedInStore(backend);

    await store.dispatch(searchUsers({ email: 'bob', role: '', active: '' }));
    expect(selectUsers(store.getState())).toEqual([target]);

    await store.dispatch(setUserActive(target.id, false));
    expect(selectUsers(store.getState())[0]?.isActive).toBe(false);
    expect(backend.calls.find((call) => call.method === 'PATCH')?.body).toEqual({ isActive: false });

    await store.dispatch(setUserRole(target.id, 'editor', true));
    expect(selectUsers(store.getState())[0]?.roles).toEqual(['editor', 'user']);
  });
});
