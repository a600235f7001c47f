import type { UnknownAction } from 'redux';
import { attempt, toAppError, type AppError, type Outcome } from '../api/errors';
import type { Page, User } from '../api/types';
import type { AppThunk, RootState } from '../store';
import { isActionOf } from '../store/action-domain';

/** The admin's user list: `email` is a prefix; empty strings mean "any". */
export interface UserFilters {
  email: string;
  role: string;
  active: '' | 'true' | 'false';
}

export interface UsersState {
  filters: UserFilters;
  items: User[];
  nextCursor: string | null;
  status: 'idle' | 'loading' | 'loadingMore' | 'succeeded' | 'failed';
  error: AppError | null;
}

export const USERS_PAGE_SIZE = 20;

export const initialUsersState: UsersState = {
  filters: { email: '', role: '', active: '' },
  items: [],
  nextCursor: null,
  status: 'idle',
  error: null,
};

type FiltersChangedAction = { type: 'users/filtersChanged'; payload: UserFilters };
type PageLoadingAction = { type: 'users/pageLoading'; payload: { more: boolean } };
type PageLoadedAction = { type: 'users/pageLoaded'; payload: Page<User> & { more: boolean } };
type PageFailedAction = { type: 'users/pageFailed'; payload: AppError };
type UserChangedAction = { type: 'users/userChanged'; payload: User };
type UserDeletedAction = { type: 'users/userDeleted'; payload: string };

export type UsersAction =
  | FiltersChangedAction
  | PageLoadingAction
  | PageLoadedAction
  | PageFailedAction
  | UserChangedAction
  | UserDeletedAction;

const isUsersAction = isActionOf<UsersAction>('users');

// Action creators

export const filtersChanged = (filters: UserFilters): FiltersChangedAction => ({
  type: 'users/filtersChanged',
  payload: filters,
});
export const pageLoading = (more: boolean): PageLoadingAction => ({ type: 'users/pageLoading', payload: { more } });
export const pageLoaded = (page: Page<User>, more: boolean): PageLoadedAction => ({
  type: 'users/pageLoaded',
  payload: { ...page, more },
});
export const pageFailed = (error: AppError): PageFailedAction => ({ type: 'users/pageFailed', payload: error });
export const userChanged = (user: User): UserChangedAction => ({ type: 'users/userChanged', payload: user });
export const userDeleted = (id: string): UserDeletedAction => ({ type: 'users/userDeleted', payload: id });

// Reducer

export default function usersReducer(state: UsersState = initialUsersState, action: UnknownAction): UsersState {
  if (action.type === 'auth/signedOut') return initialUsersState;
  if (!isUsersAction(action)) return state;
  switch (action.type) {
    case 'users/filtersChanged':
      return { ...state, filters: action.payload };
    case 'users/pageLoading':
      return { ...state, status: action.payload.more ? 'loadingMore' : 'loading', error: null };
    case 'users/pageLoaded': {
      const { items, nextCursor, more } = action.payload;
      return { ...state, items: more ? [...state.items, ...items] : items, nextCursor, status: 'succeeded' };
    }
    case 'users/pageFailed':
      return { ...state, status: 'failed', error: action.payload };
    case 'users/userChanged':
      return { ...state, items: state.items.map((user) => (user.id === action.payload.id ? action.payload : user)) };
    case 'users/userDeleted':
      return { ...state, items: state.items.filter((user) => user.id !== action.payload) };
    default: {
      const _exhaustive: never = action;
      return state;
    }
  }
}

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
    dispatch(pageLoading(more));
    try {
      const page = await api.request<Page<User>>(`/api/users?${buildUsersQuery(filters, more ? nextCursor : null)}`);
      dispatch(pageLoaded(page, more));
    } catch (error) {
      dispatch(pageFailed(toAppError(error)));
    }
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

export const deleteUser =
  (id: string): AppThunk<Promise<Outcome<unknown>>> =>
  async (dispatch, _getState, { api }) => {
    const outcome = await attempt(() => api.request<void>(`/api/users/${id}`, { method: 'DELETE' }));
    if (outcome.ok || outcome.error.status === 404) dispatch(userDeleted(id));
    return outcome;
  };

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
