import { applyMiddleware, combineReducers, legacy_createStore as createStore, type UnknownAction } from 'redux';
import { withExtraArgument, type ThunkAction, type ThunkMiddleware } from 'redux-thunk';
import type { FetchLike } from './api/http';
import editorReducer from './editor/editorSlice';
import healthReducer from './health/healthSlice';

const rootReducer = combineReducers({
  editor: editorReducer,
  health: healthReducer,
});

export type RootState = ReturnType<typeof rootReducer>;
export type PreloadedRootState = Parameters<typeof rootReducer>[0];

/** Services every thunk receives as its third argument, so tests can swap them for fakes. */
export interface ThunkExtra {
  fetch: FetchLike;
}

export type AppThunk<ReturnType = void> = ThunkAction<ReturnType, RootState, ThunkExtra, UnknownAction>;

export interface CreateAppStoreOptions {
  fetch?: FetchLike;
  preloadedState?: PreloadedRootState;
}

// Looked up on each call, and called unbound-safe: `window.fetch` throws "Illegal invocation"
// when detached from `window`.
const callGlobalFetch: FetchLike = (input, init) => globalThis.fetch(input, init);

/**
 * Builds the app's store: plain Redux (`legacy_createStore` is the same `createStore`, minus the
 * nudge towards Redux Toolkit) with redux-thunk carrying `ThunkExtra`.
 */
export function createAppStore({ fetch = callGlobalFetch, preloadedState }: CreateAppStoreOptions = {}) {
  const thunk: ThunkMiddleware<RootState, UnknownAction, ThunkExtra> = withExtraArgument({ fetch });
  return createStore(rootReducer, preloadedState, applyMiddleware(thunk));
}

export type AppStore = ReturnType<typeof createAppStore>;
export type AppDispatch = AppStore['dispatch'];
