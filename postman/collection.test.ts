import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { assembleCollection, COLLECTION_FILE } from '../scripts/postman.ts';

describe('the Postman collection file', () => {
  it('is assembled from postman/src (run `npm run postman` after changing a folder)', async () => {
    expect(await readFile(COLLECTION_FILE, 'utf8')).toBe(await assembleCollection());
  });
});
