import type { Reducer, UnknownAction } from 'redux';
import { isActionOf } from './action-domain';

/** What a slice holds after `auth/signedOut`: its initial state, or `initial` plus what outlives a session. */
type AfterSignOut<S> = (state: S) => S;

/**
 * A slice's reducer from the part that knows its own actions: `reduce` only sees the actions of
 * `domain` (`account/sessionRevoked`), and a sign-out puts the slice back to `initial` (or to
 * what `afterSignOut` keeps), so no user's data is left for the next one.
 */
export function sliceReducer<S, A extends UnknownAction>(
  domain: string,
  initial: S,
  reduce: (state: S, action: A) => S,
  afterSignOut: AfterSignOut<S> = () => initial,
): Reducer<S, UnknownAction, S | undefined> {
  const isOwnAction = isActionOf<A>(domain);
  return (state = initial, action) => {
    if (action.type === 'auth/signedOut') return afterSignOut(state);
    return isOwnAction(action) ? reduce(state, action) : state;
  };
}

/**
 * The `default` of a reducer's switch over its actions: tsc checks every one was handled (the
 * action is `never` here); at run time a type of the domain the reducer does not know changes nothing.
 */
export function unhandled<S>(_action: never, state: S): S {
  return state;
}
