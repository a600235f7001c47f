import type { Action, Reducer, UnknownAction } from 'redux';

/** How each action of a slice changes its state: tsc wants one handler per action type, and no other. */
export type Handlers<S, A extends Action<string>> = {
  [T in A['type']]: (state: S, action: Extract<A, { type: T }>) => S;
};

type Reduce<S> = (state: S, action: UnknownAction) => S;

/**
 * `reduce` with the rule every slice of a user's data follows: `auth/signedOut` puts it back to
 * `initial`, or to what `afterSignOut` keeps, so no user's data is left for the next.
 */
export function resetOnSignOut<S>(
  initial: S,
  reduce: Reduce<S>,
  afterSignOut: (state: S) => S = () => initial,
): Reducer<S, UnknownAction, S | undefined> {
  return (state = initial, action) => (action.type === 'auth/signedOut' ? afterSignOut(state) : reduce(state, action));
}

/**
 * A slice's reducer from its handlers (the Redux docs' `createReducer`, without Toolkit): an
 * action with a handler goes to it, any other leaves the state as it is; reset on sign-out.
 */
export function sliceReducer<S, A extends Action<string>>(
  initial: S,
  handlers: Handlers<S, A>,
  afterSignOut?: (state: S) => S,
): Reducer<S, UnknownAction, S | undefined> {
  // A handler is picked by the action's type, so the action is the one it takes.
  const handlerOf = new Map(Object.entries(handlers) as [string, Reduce<S>][]);
  const reduce: Reduce<S> = (state, action) => {
    const handle = handlerOf.get(action.type);
    return handle ? handle(state, action) : state;
  };
  return resetOnSignOut(initial, reduce, afterSignOut);
}
