import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The collection must be self-contained, so each signed request of the service-clients folder
// carries a copy of postman/service-signing.prerequest.js; newman.test.ts runs them against the
// app. This keeps the copies equal to the file people copy into their own collections.
const script = readFileSync(new URL('./service-signing.prerequest.js', import.meta.url), 'utf8').replace(/\n$/, '');
const folder = JSON.parse(readFileSync(new URL('./src/folders/95-service-clients.json', import.meta.url), 'utf8')) as {
  item: Array<{ name: string; event?: Array<{ listen: string; script: { exec: string[] } }> }>;
};

describe('postman/service-signing.prerequest.js', () => {
  const signedRequests = folder.item.filter((item) => item.name.startsWith('Signed:'));

  it('is what every signed request of the service-clients folder runs, unchanged', () => {
    expect(signedRequests.length).toBeGreaterThanOrEqual(4);
    for (const item of signedRequests) {
      const exec = item.event?.find((e) => e.listen === 'prerequest')?.script.exec.join('\n') ?? '';
      expect(exec, item.name).toContain(script);
    }
  });
});
