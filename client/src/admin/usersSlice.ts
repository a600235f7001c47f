import { attempt, type AppError, type Outcome } from '../api/errors';
import type { Page, User } from '../api/types';
import type { AppThunk, RootState } from '../store';
import { deleteItem } from '../store/delete-item';
import { pagedList, type PageAction, type PagedList } from '../store/paged-list';
import { sliceReducer } from '../store/slice-reducer';

/** The admin's user list: `email` is a prefix; empty strings mean "any". */
export interface UserFilters {
  email: string;
  role: string;
  active: '' | 'true' | 'false';
}

export interface UsersState extends PagedList<User> {
  filters: UserFilters;
}

export const USERS_PAGE_SIZE = 20;

export const initialUsersState: UsersState = {
  filters: { email: '', role: '', active: '' },
  ...pagedList.empty<User>(),
};

type FiltersChangedAction = { type: 'users/filtersChanged'; payload: UserFilters };
type UserChangedAction = { type: 'users/userChanged'; payload: User };
type UserDeletedAction = { type: 'users/userDeleted'; payload: string };

export type UsersAction = FiltersChangedAction | PageAction<'users', User> | UserChangedAction | UserDeletedAction;

const usersPages = pagedList.cycle<'users', User, UsersState>('users');

// Action creators

export const filtersChanged = (filters: UserFilters): FiltersChangedAction => ({
  type: 'users/filtersChanged',
  payload: filters,
});
export const { pageLoading, pageLoaded, pageFailed } = usersPages;
export const userChanged = (user: User): UserChangedAction => ({ type: 'users/userChanged', payload: user });
export const userDeleted = (id: string): UserDeletedAction => ({ type: 'users/userDeleted', payload: id });

// Reducer

export default sliceReducer<UsersState, UsersAction>(initialUsersState, {
  'users/filtersChanged': (state, { payload: filters }) => ({ ...state, filters }),
  ...usersPages.handlers,
  'users/userChanged': (state, { payload: changed }) => ({
    ...state,
    items: state.items.map((user) => (user.id === changed.id ? changed : user)),
  }),
  'users/userDeleted': (state, { payload: id }) => ({ ...state, items: state.items.filter((user) => user.id !== id) }),
});

// Thunks

/** `?limit=&email=&role=&active=&cursor=`, leaving out the filters set to "any". */
export function buildUsersQuery(filters: UserFilters, cursor: string | null): string {
  const query = new URLSearchParams({ limit: String(USERS_PAGE_SIZE) });
  const email = filters.email.trim();
  if (email) query.set('email', email);
  if (filters.role) query.set('role', filters.role);
  if (filters.active) query.set('active', filters.active);
  if (cursor) query.set('cursor', cursor);
  return query.toString();
}

function loadPage(more: boolean): AppThunk<Promise<void>> {
  return async (dispatch, getState, { api }) => {
    const { filters, nextCursor } = getState().users;
    if (more && !nextCursor) return;
    const query = buildUsersQuery(filters, more ? nextCursor : null);
    await usersPages.track(dispatch, more, () => api.request<Page<User>>(`/api/users?${query}`));
  };
}

/** Applies new filters and lists the first page of matches. */
export const searchUsers =
  (filters: UserFilters): AppThunk<Promise<void>> =>
  async (dispatch) => {
    dispatch(filtersChanged(filters));
    await dispatch(loadPage(false));
  };

export const fetchUsers = (): AppThunk<Promise<void>> => loadPage(false);
export const fetchMoreUsers = (): AppThunk<Promise<void>> => loadPage(true);

/** Deactivating also ends every session of that user, on the server, at once. */
export const setUserActive =
  (id: string, isActive: boolean): AppThunk<Promise<Outcome<User>>> =>
  async (dispatch, _getState, { api }) => {
    const outcome = await attempt(() => api.request<User>(`/api/users/${id}`, { method: 'PATCH', body: { isActive } }));
    if (outcome.ok) dispatch(userChanged(outcome.value));
    return outcome;
  };

export const deleteUser = (id: string): AppThunk<Promise<Outcome<unknown>>> =>
  deleteItem(`/api/users/${id}`, () => userDeleted(id));

/** Grants (`held` true) or removes a role, then reads the user back so the list shows the truth. */
export const setUserRole =
  (id: string, role: string, held: boolean): AppThunk<Promise<Outcome<User>>> =>
  async (dispatch, _getState, { api }) => {
    const outcome = await attempt(async () => {
      await api.request<void>(`/api/users/${id}/roles/${encodeURIComponent(role)}`, {
        method: held ? 'PUT' : 'DELETE',
      });
      return api.request<User>(`/api/users/${id}`);
    });
    if (outcome.ok) dispatch(userChanged(outcome.value));
    return outcome;
  };

// Selectors

export const selectUserFilters = (state: RootState): UserFilters => state.users.filters;
export const selectUsers = (state: RootState): User[] => state.users.items;
export const selectUsersStatus = (state: RootState) => state.users.status;
export const selectUsersError = (state: RootState): AppError | null => state.users.error;
export const selectHasMoreUsers = (state: RootState): boolean => state.users.nextCursor !== null;
