import { applyMiddleware, combineReducers, legacy_createStore as createStore, type UnknownAction } from 'redux';
import { withExtraArgument, type ThunkAction, type ThunkMiddleware } from 'redux-thunk';
import accountReducer from './account/accountSlice';
import rolesReducer from './admin/rolesSlice';
import usersReducer from './admin/usersSlice';
import { createApiClient, type ApiClient } from './api/client';
import type { FetchLike } from './api/http';
import type { Timers } from './api/session-keeper';
import { createBrowserTabSync, type TabSync } from './api/tab-sync';
import authReducer, { createSessionPort } from './auth/authSlice';
import drawingsReducer from './drawings/drawingsSlice';
import openDrawingReducer from './drawings/openDrawingSlice';
import editorReducer from './editor/editorSlice';
import oidcReducer from './oidc/oidcSlice';

const rootReducer = combineReducers({
  auth: authReducer,
  drawings: drawingsReducer,
  openDrawing: openDrawingReducer,
  account: accountReducer,
  users: usersReducer,
  roles: rolesReducer,
  editor: editorReducer,
  oidc: oidcReducer,
});

export type RootState = ReturnType<typeof rootReducer>;
export type PreloadedRootState = Parameters<typeof rootReducer>[0];

/** Services every thunk receives as its third argument, so tests can swap them for fakes. */
export interface ThunkExtra {
  api: ApiClient;
}

export type AppThunk<ReturnType = void> = ThunkAction<ReturnType, RootState, ThunkExtra, UnknownAction>;

export interface CreateAppStoreOptions {
  fetch?: FetchLike;
  /** Cross-tab coordination; tests pass fakes (or `createTabSync({})` for a tab on its own). */
  tabs?: TabSync;
  timers?: Timers;
  preloadedState?: PreloadedRootState;
}

// Looked up on each call, and called unbound-safe: `window.fetch` throws "Illegal invocation"
// when detached from `window`.
const callGlobalFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

/**
 * Builds the app's store: plain Redux (`legacy_createStore` is the same `createStore`, minus the
 * nudge towards Redux Toolkit) with redux-thunk carrying the API client. The client keeps the
 * session in this store, so it is made right after the store, through a port onto it.
 */
export function createAppStore({ fetch = callGlobalFetch, tabs, timers, preloadedState }: CreateAppStoreOptions = {}) {
  const extra = {} as ThunkExtra;
  const thunk: ThunkMiddleware<RootState, UnknownAction, ThunkExtra> = withExtraArgument(extra);
  const store = createStore(rootReducer, preloadedState, applyMiddleware(thunk));
  extra.api = createApiClient({
    fetch,
    tabs: tabs ?? createBrowserTabSync(),
    port: createSessionPort(store),
    ...(timers ? { timers } : {}),
  });
  return Object.assign(store, { api: extra.api });
}

export type AppStore = ReturnType<typeof createAppStore>;
export type AppDispatch = AppStore['dispatch'];
