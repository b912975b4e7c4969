import { defineConfig } from 'vitest/config';
import { browserTestPlan } from './test/browser/chromium.js';

// Without Chromium the browser tests are left out with a notice, unless CAIRN_REQUIRE_BROWSER=1 (CI).
const browser = browserTestPlan();

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // The long fault-injection and load tests: `npm run test:faults` (vitest.faults.config.ts).
    exclude: ['test/faults/long/**', 'node_modules/**', ...(browser.run ? [] : ['test/browser/**'])],
    // Fault tests run the built app: build it once before any test file. The store and privacy tests run
    // on PostgreSQL too: one server for the run (skipped, in one line, where PostgreSQL is not installed).
    // The browser notice, if any, is printed after the summary.
    globalSetup: ['test/faults/support/build.ts', 'test/support/postgres-setup.ts', 'test/browser/notice.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
