import { afterEach, describe, it } from 'vitest';
import { killStarted } from './support/cairn-process.js';
import { outageScenario } from './support/outage.js';

afterEach(killStarted);

/**
 * The platform is down for a while during a fan-out (short version: 5 s with a 300 ms first backoff;
 * `npm run test:faults` runs 2 minutes with the production backoff).
 */
describe('an outage of the platform (short)', () => {
  const short = { outageMs: 5_000, groups: 4, perGroup: 5, timeoutMs: 40_000 };
  const env = { CAIRN_OUTBOX_BACKOFF_MS: '300' };

  it('Slack answers 500 for 5 s: backed off, everything delivered afterwards, once', async () => {
    await outageScenario({ platform: 'slack', ...short, env });
  }, 90_000);

  it('Teams answers 502 for 5 s: backed off, everything delivered afterwards, once', async () => {
    await outageScenario({ platform: 'teams', ...short, env });
  }, 90_000);
});
