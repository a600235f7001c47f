/**
 * `npm run postman`: assembles postman/easel.postman_collection.json (the file teams import) from
 * postman/src: collection.json holds the collection's info, scripts and variables, and each file
 * in folders/ holds one folder. Files run in name order, so the number in front of each name is
 * its place in a collection run (the admin folder comes last). A feature adds its requests as one
 * new folder file; postman/collection.test.ts fails when the assembled file is out of date.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { format, resolveConfig } from 'prettier';

const SOURCE_DIR = fileURLToPath(new URL('../postman/src/', import.meta.url));
export const COLLECTION_FILE = fileURLToPath(new URL('../postman/easel.postman_collection.json', import.meta.url));

const readJson = async (file: string): Promise<Record<string, unknown>> => JSON.parse(await readFile(file, 'utf8'));

/** The collection's text, formatted as the repository's Prettier settings want it. */
export async function assembleCollection(): Promise<string> {
  const base = await readJson(`${SOURCE_DIR}collection.json`);
  const names = (await readdir(`${SOURCE_DIR}folders`)).filter((name) => name.endsWith('.json')).sort();
  const folders = await Promise.all(
    names.map(async (name) => inlineScriptFiles(await readJson(`${SOURCE_DIR}folders/${name}`))),
  );
  const { info, event, ...rest } = base;
  const text = JSON.stringify({ info, event, item: folders, ...rest }, null, 2);
  return format(text, { ...(await resolveConfig(COLLECTION_FILE)), filepath: COLLECTION_FILE });
}

/**
 * A script written as `{ "execFile": "name.js" }` in a folder file gets that file of postman/ as its
 * `exec`: a script that ships on its own (the webhook signer) is tested once and pasted nowhere.
 */
async function inlineScriptFiles<T>(node: T): Promise<T> {
  if (Array.isArray(node)) return (await Promise.all(node.map(inlineScriptFiles))) as T;
  if (typeof node !== 'object' || node === null) return node;
  const entries = await Promise.all(
    Object.entries(node).map(async ([key, value]) => {
      if (key !== 'execFile') return [[key, await inlineScriptFiles(value)]];
      const text = await readFile(fileURLToPath(new URL(`../postman/${String(value)}`, import.meta.url)), 'utf8');
      return [['exec', text.replace(/\n$/, '').split('\n')]];
    }),
  );
  return Object.fromEntries(entries.flat()) as T;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await writeFile(COLLECTION_FILE, await assembleCollection());
  console.log(`wrote ${COLLECTION_FILE}`);
}
