import { defineConfig } from 'vitest/config';
import { browserTestPlan } from './test/browser/chromium.js';

// Without Chromium the browser tests are left out with a notice, unless CAIRN_REQUIRE_BROWSER=1 (CI).
const browser = browserTestPlan();
// The attacks on PostgreSQL's files and the several-instance fault tests exercise the database server, not
// Node: CI runs them once, on the machine's Node, and leaves them out of its second run on Node 24
// (CAIRN_POSTGRES_ATTACKS=skip, .ci/run), which keeps the whole CI run within its time limit.
const postgresAttacks =
  process.env.CAIRN_POSTGRES_ATTACKS === 'skip'
    ? ['test/privacy/*-postgres.test.ts', 'test/faults/postgres-instances.test.ts']
    : [];

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // The long fault-injection and load tests: `npm run test:faults` (vitest.faults.config.ts).
    exclude: [
      'test/faults/long/**',
      'node_modules/**',
      ...(browser.run ? [] : ['test/browser/**']),
      ...postgresAttacks,
    ],
    // Fault tests run the built app: build it once before any test file. The store and privacy tests run
    // on PostgreSQL too: one server for the run (skipped, in one line, where PostgreSQL is not installed).
    // The browser notice, if any, is printed after the summary.
    globalSetup: ['test/faults/support/build.ts', 'test/support/postgres-setup.ts', 'test/browser/notice.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
