/** The spellings of one resource name, from a singular kebab-case word such as `shopping-list`. */
export interface ResourceNames {
  /** shopping-list */
  kebab: string;
  /** shopping-lists: folder, file prefix, URL path */
  kebabPlural: string;
  /** ShoppingList: Prisma model and TypeScript types */
  pascal: string;
  /** ShoppingLists */
  pascalPlural: string;
  /** shoppingList: the Prisma client's accessor */
  camel: string;
  /** shoppingLists: the User relation field, the feature function */
  camelPlural: string;
  /** shopping_lists: the table */
  snakePlural: string;
  /** SHOPPING_LIST */
  constant: string;
  /** shopping list */
  words: string;
  /** shopping lists */
  wordsPlural: string;
}

const NAME = /^[a-z][a-z0-9]*(-[a-z][a-z0-9]*)*$/;
/** Names Easel already uses for folders, models or tables. */
const TAKEN = new Set(['user', 'role', 'drawing', 'auth', 'health', 'web', 'webhook', 'audit', 'identity', 'session']);

export function pluralize(word: string): string {
  if (/[^aeiou]y$/.test(word)) return `${word.slice(0, -1)}ies`;
  if (/(s|x|z|ch|sh)$/.test(word)) return `${word}es`;
  return `${word}s`;
}

/** Throws with a one-line reason when the name cannot become a resource. */
export function resourceNames(input: string, plural?: string): ResourceNames {
  if (!NAME.test(input) || input.length > 30) {
    throw new Error(
      `"${input}": give a singular name in kebab-case, up to 30 characters (e.g. bookmark, shopping-list)`,
    );
  }
  if (TAKEN.has(input)) throw new Error(`"${input}" is already a part of Easel: choose another name`);
  const kebabPlural = plural ?? input.replace(/[a-z0-9]+$/, pluralize);
  if (!NAME.test(kebabPlural) || kebabPlural === input) throw new Error(`"${kebabPlural}" is not a usable plural`);
  const parts = input.split('-');
  const pluralParts = kebabPlural.split('-');
  const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
  const pascal = parts.map(cap).join('');
  const pascalPlural = pluralParts.map(cap).join('');
  return {
    kebab: input,
    kebabPlural,
    pascal,
    pascalPlural,
    camel: pascal.charAt(0).toLowerCase() + pascal.slice(1),
    camelPlural: pascalPlural.charAt(0).toLowerCase() + pascalPlural.slice(1),
    snakePlural: pluralParts.join('_'),
    constant: parts.join('_').toUpperCase(),
    words: parts.join(' '),
    wordsPlural: pluralParts.join(' '),
  };
}
