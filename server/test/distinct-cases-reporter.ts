import { mkdirSync, writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

const COUNTS_FILE = 'test-results/unit-test-counts.json';

/**
 * vitest's "Tests" total counts a server case once per database project (`server`, and
 * `server-pg` when the machine's PostgreSQL answers). This reporter adds the number of distinct
 * cases: (file, full name) pairs across projects, a name used twice in one file counting twice.
 * It prints the count and writes it to test-results/ (which Playwright empties when it starts).
 */
export default class DistinctCasesReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const perProject: Record<string, number> = {};
    // How often each (file, full name) ran in each project.
    const runs = new Map<string, Map<string, number>>();
    for (const testModule of testModules) {
      const project = testModule.project.name;
      for (const test of testModule.children.allTests()) {
        const key = `${testModule.relativeModuleId} > ${test.fullName}`;
        const byProject = runs.get(key) ?? new Map<string, number>();
        byProject.set(project, (byProject.get(project) ?? 0) + 1);
        runs.set(key, byProject);
        perProject[project] = (perProject[project] ?? 0) + 1;
      }
    }
    const most = (byProject: Map<string, number>) => Math.max(...byProject.values());
    const distinct = [...runs.values()].reduce((sum, byProject) => sum + most(byProject), 0);
    const sharedNames = [...runs].filter(([, byProject]) => most(byProject) > 1).map(([key]) => key);
    const total = Object.values(perProject).reduce((sum, n) => sum + n, 0);
    const projects = Object.entries(perProject).map(([name, n]) => `${name} ${n}`);
    process.stdout.write(`\n Distinct cases  ${distinct} (${total} runs: ${projects.join(', ')})\n`);
    mkdirSync('test-results', { recursive: true });
    const counts = { total, distinct, perProject, sharedNames };
    writeFileSync(COUNTS_FILE, `${JSON.stringify(counts, null, 2)}\n`);
  }
}
