import type { UnknownAction } from 'redux';
import { attempt, type AppError, type Outcome } from '../api/errors';
import type { Page, Role } from '../api/types';
import type { AppThunk, RootState } from '../store';
import { isActionOf } from '../store/action-domain';
import { deleteItem } from '../store/delete-item';
import { request, trackRequest, type RequestState } from '../store/request-status';

/** Every role (admins only): the API lists them all at once, by name. */
export interface RolesState extends RequestState {
  items: Role[];
}

export const initialRolesState: RolesState = { items: [], ...request.idle };

export interface NewRole {
  name: string;
  description?: string;
}

type RolesLoadingAction = { type: 'roles/rolesLoading' };
type RolesLoadedAction = { type: 'roles/rolesLoaded'; payload: Role[] };
type RolesFailedAction = { type: 'roles/rolesFailed'; payload: AppError };
type RoleCreatedAction = { type: 'roles/roleCreated'; payload: Role };
type RoleDeletedAction = { type: 'roles/roleDeleted'; payload: string };

export type RolesAction =
  RolesLoadingAction | RolesLoadedAction | RolesFailedAction | RoleCreatedAction | RoleDeletedAction;

const isRolesAction = isActionOf<RolesAction>('roles');

// Action creators

export const rolesLoading = (): RolesLoadingAction => ({ type: 'roles/rolesLoading' });
export const rolesLoaded = (roles: Role[]): RolesLoadedAction => ({ type: 'roles/rolesLoaded', payload: roles });
export const rolesFailed = (error: AppError): RolesFailedAction => ({ type: 'roles/rolesFailed', payload: error });
export const roleCreated = (role: Role): RoleCreatedAction => ({ type: 'roles/roleCreated', payload: role });
export const roleDeleted = (name: string): RoleDeletedAction => ({ type: 'roles/roleDeleted', payload: name });

const byName = (a: Role, b: Role) => a.name.localeCompare(b.name);

// Reducer

export default function rolesReducer(state: RolesState = initialRolesState, action: UnknownAction): RolesState {
  if (action.type === 'auth/signedOut') return initialRolesState;
  if (!isRolesAction(action)) return state;
  switch (action.type) {
    case 'roles/rolesLoading':
      return { ...state, ...request.started() };
    case 'roles/rolesLoaded':
      return { items: action.payload, ...request.succeeded };
    case 'roles/rolesFailed':
      return { ...state, ...request.failed(action.payload) };
    case 'roles/roleCreated':
      return {
        ...state,
        items: [...state.items.filter((r) => r.name !== action.payload.name), action.payload].sort(byName),
      };
    case 'roles/roleDeleted':
      return { ...state, items: state.items.filter((role) => role.name !== action.payload) };
    default: {
      const _exhaustive: never = action;
      return state;
    }
  }
}

// Thunks

export const fetchRoles =
  (): AppThunk<Promise<void>> =>
  async (dispatch, _getState, { api }) => {
    const loadRoles = async () => (await api.request<Page<Role>>('/api/roles')).items;
    await trackRequest(dispatch, { started: rolesLoading, succeeded: rolesLoaded, failed: rolesFailed }, loadRoles);
  };

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
