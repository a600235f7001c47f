import { attempt, type AppError, type Outcome } from '../api/errors';
import type { Page, Role } from '../api/types';
import type { AppThunk, RootState } from '../store';
import { deleteItem } from '../store/delete-item';
import { requestCycle, type RequestCycleAction } from '../store/request-cycle';
import { request, type RequestState } from '../store/request-status';
import { sliceReducer } from '../store/slice-reducer';

/** Every role (admins only): the API lists them all at once, by name. */
export interface RolesState extends RequestState {
  items: Role[];
}

export const initialRolesState: RolesState = { items: [], ...request.idle };

export interface NewRole {
  name: string;
  description?: string;
}

const withRoles = (state: RolesState, items: Role[]): RolesState => ({ ...state, items });

/** Loading every role: `roles/rolesLoading`, `…Loaded`, `…Failed`. */
const rolesRequest = requestCycle('roles/roles', withRoles);

type RoleCreatedAction = { type: 'roles/roleCreated'; payload: Role };
type RoleDeletedAction = { type: 'roles/roleDeleted'; payload: string };

export type RolesAction = RequestCycleAction<'roles/roles', Role[]> | RoleCreatedAction | RoleDeletedAction;

// Action creators

export const { loading: rolesLoading, loaded: rolesLoaded, failed: rolesFailed } = rolesRequest;
export const roleCreated = (role: Role): RoleCreatedAction => ({ type: 'roles/roleCreated', payload: role });
export const roleDeleted = (name: string): RoleDeletedAction => ({ type: 'roles/roleDeleted', payload: name });

const byName = (a: Role, b: Role) => a.name.localeCompare(b.name);

// Reducer

export default sliceReducer<RolesState, RolesAction>(initialRolesState, {
  ...rolesRequest.handlers,
  'roles/roleCreated': (state, { payload: role }) => ({
    ...state,
    items: [...state.items.filter((r) => r.name !== role.name), role].sort(byName),
  }),
  'roles/roleDeleted': (state, { payload: name }) => ({
    ...state,
    items: state.items.filter((role) => role.name !== name),
  }),
});

// Thunks

export const fetchRoles = (): AppThunk<Promise<void>> =>
  rolesRequest.thunk(async (api) => (await api.request<Page<Role>>('/api/roles')).items);

export const createRole =
  (role: NewRole): AppThunk<Promise<Outcome<Role>>> =>
  async (dispatch, _getState, { api }) => {
    const outcome = await attempt(() => api.request<Role>('/api/roles', { method: 'POST', body: role }));
    if (outcome.ok) dispatch(roleCreated(outcome.value));
    return outcome;
  };

/** Deletes a custom role; its holders lose it and are signed out everywhere by the server. */
export const deleteRole = (name: string): AppThunk<Promise<Outcome<unknown>>> =>
  deleteItem(`/api/roles/${encodeURIComponent(name)}`, () => roleDeleted(name));

// Selectors

export const selectRoles = (state: RootState): Role[] => state.roles.items;
export const selectRolesStatus = (state: RootState) => state.roles.status;
export const selectRolesError = (state: RootState): AppError | null => state.roles.error;
