import { afterEach, describe, it } from 'vitest';
import { killStarted } from '../support/cairn-process.js';
import { loadScenario } from '../support/load.js';

afterEach(killStarted);

describe('load', () => {
  it('200 signed commands and form submissions a second for 30 s: all acknowledged within 3 s, no error, every case stored once', async () => {
    await loadScenario({ perSecond: 200, durationMs: 30_000, maxAckMs: 3_000 });
  }, 180_000);
});
