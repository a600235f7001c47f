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

/**
 * The actions a set of action creators makes (a module of them: `ActionFrom<typeof uiActions>`),
 * so each action's type is written once, by its creator.
 */
export type ActionFrom<Creators> = {
  [K in keyof Creators]: Creators[K] extends (...args: never[]) => infer A ? A : never;
}[keyof Creators];
