import { afterEach, describe, it } from 'vitest';
import { killStarted } from './support/cairn-process.js';
import { loadScenario } from './support/load.js';

afterEach(killStarted);

/** A short version of the load test (`npm run test:faults` runs 200 requests a second for 30 s). */
describe('load (short)', () => {
  it('40 signed commands and form submissions a second for 5 s: all acknowledged within 3 s, every case stored once', async () => {
    await loadScenario({ perSecond: 40, durationMs: 5_000, maxAckMs: 3_000 });
  }, 60_000);
});
