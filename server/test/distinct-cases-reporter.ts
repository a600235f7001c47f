import { mkdirSync, writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

const COUNTS_FILE = 'test-results/unit-test-counts.json';

/**
 * vitest's "Tests" total counts a server case once per database project (`server`, and
 * `server-pg` when the machine's PostgreSQL answers). This reporter adds the number of distinct
 * cases, unique (file, full name) pairs across projects, prints it and writes it to
 * test-results/ (which Playwright empties when the browser tests start).
 */
export default class DistinctCasesReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const perProject: Record<string, number> = {};
    const distinct = new Set<string>();
    const distinctFailed = new Set<string>();
    for (const testModule of testModules) {
      for (const test of testModule.children.allTests()) {
        const key = `${testModule.relativeModuleId} > ${test.fullName}`;
        perProject[testModule.project.name] = (perProject[testModule.project.name] ?? 0) + 1;
        distinct.add(key);
        if (test.result().state === 'failed') distinctFailed.add(key);
      }
    }
    const total = Object.values(perProject).reduce((sum, n) => sum + n, 0);
    const counts = { total, distinct: distinct.size, distinctFailed: distinctFailed.size, perProject };
    const projects = Object.entries(perProject).map(([name, n]) => `${name} ${n}`);
    process.stdout.write(`\n Distinct cases  ${distinct.size} (${total} runs: ${projects.join(', ')})\n`);
    mkdirSync('test-results', { recursive: true });
    writeFileSync(COUNTS_FILE, `${JSON.stringify(counts, null, 2)}\n`);
  }
}
