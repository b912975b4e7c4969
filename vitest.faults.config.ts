import { defineConfig } from 'vitest/config';

/**
 * `npm run test:faults`: the long fault-injection and load tests (SIGKILL ×10 during fan-outs, a 2-minute
 * platform outage, a 30-minute one on a compressed clock, 30 s of load), each against the built app. One file at a time: the load test's timings
 * must not share the machine with another test.
 */
export default defineConfig({
  test: {
    environment: 'node',
    include: ['test/faults/long/**/*.test.ts'],
    globalSetup: ['test/faults/support/build.ts'],
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 60_000,
  },
});
