import type { UnknownAction } from 'redux';

/**
 * The guard a slice's reducer starts with: its actions are the ones whose type starts with its
 * domain (`roles/rolesLoaded`), as every type is named `domain/eventHappened`. The reducer's
 * switch stays exhaustive for tsc (`never` in `default`); a type of the domain it does not know
 * reaches `default` and changes nothing.
 */
export function isActionOf<A extends UnknownAction>(domain: string): (action: UnknownAction) => action is A {
  const prefix = `${domain}/`;
  return (action): action is A => action.type.startsWith(prefix);
}
