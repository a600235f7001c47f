import type { Action, Reducer, UnknownAction } from 'redux';

/** How each action of a slice changes its state: tsc wants one handler per action type, and no other. */
export type Handlers<S, A extends Action<string>> = {
  [T in A['type']]: (state: S, action: Extract<A, { type: T }>) => S;
};

/**
 * A slice's reducer from its handlers (the Redux docs' `createReducer`, without Toolkit): an
 * action with a handler goes to it, any other leaves the state as it is. A sign-out puts the
 * slice back to `initial`, or to what `afterSignOut` keeps, so no user's data is left for the next.
 */
export function sliceReducer<S, A extends Action<string>>(
  initial: S,
  handlers: Handlers<S, A>,
  afterSignOut: (state: S) => S = () => initial,
): Reducer<S, UnknownAction, S | undefined> {
  // The handler was picked by the action's type, so the action is the one it takes.
  const handlerOf = (type: string): ((state: S, action: UnknownAction) => S) | undefined =>
    Object.hasOwn(handlers, type) ? (handlers[type as A['type']] as (state: S, action: UnknownAction) => S) : undefined;
  return (state = initial, action) => {
    if (action.type === 'auth/signedOut') return afterSignOut(state);
    return handlerOf(action.type)?.(state, action) ?? state;
  };
}
