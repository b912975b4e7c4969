import { afterEach, describe, it } from 'vitest';
import { killStarted } from '../support/cairn-process.js';
import { outageScenario } from '../support/outage.js';

afterEach(killStarted);

/**
 * The platform answers 500/502 for 2 minutes during a fan-out, with the production backoff (2 s first
 * retry, doubling, 8 attempts): nothing ends dead, everything is delivered once afterwards. Both
 * platforms at once, so the two waits overlap.
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
