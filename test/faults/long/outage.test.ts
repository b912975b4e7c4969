import { afterAll, describe, it } from 'vitest';
import { killStarted } from '../support/cairn-process.js';
import { outageScenario } from '../support/outage.js';

// After all, not after each: the two tests run at once, and killing every process this file started when
// the first one ends would kill the other's Cairn while it still waits out its retries.
afterAll(killStarted);

/**
 * The platform answers 500/502 for 2 minutes during a fan-out, with the production settings (2 s first
 * retry, doubling, at most 10 minutes apart, given up after 24 hours; the workspace or tenant paused after a
 * few failures and probed): nothing ends dead, everything is delivered once afterwards. Both platforms at
 * once, so the two waits overlap. The 30-minute version, on a compressed clock: outage-30min.test.ts.
 */
describe('an outage of 2 minutes', () => {
  it.concurrent.each([['slack'], ['teams']] as const)(
    '%s: delivered after the outage, once, nothing dead',
    async (platform) => {
      await outageScenario({ platform, outageMs: 120_000, groups: 10, perGroup: 8, timeoutMs: 420_000 });
    },
    600_000,
  );
});
