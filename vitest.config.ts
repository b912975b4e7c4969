import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // The long fault-injection and load tests: `npm run test:faults` (vitest.faults.config.ts).
    exclude: ['test/faults/long/**', 'node_modules/**'],
    // Fault tests run the built app: build it once before any test file. The store and privacy tests run
    // on PostgreSQL too: one server for the run (skipped, in one line, where PostgreSQL is not installed).
    globalSetup: ['test/faults/support/build.ts', 'test/support/postgres-setup.ts'],
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 30_000,
  },
});
