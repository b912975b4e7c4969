import { afterEach, describe, it } from 'vitest';
import { killStarted } from '../support/cairn-process.js';
import { loadScenario } from '../support/load.js';

afterEach(killStarted);

/**
 * Signed `/cairn case` commands (each opens a modal through the fake Slack) and the modals submitted a
 * second later (or as soon as they open), at a fixed arrival rate, for 30 s, against one process.
 */
describe('load', () => {
  it('200 a second for 30 s: all acknowledged within 3 s, modals open within 3 s, every case stored once', async () => {
    await loadScenario({ perSecond: 200, durationMs: 30_000, maxAckMs: 3_000 });
  }, 300_000);
});
