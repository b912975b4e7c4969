import { afterEach, describe, it } from 'vitest';
import { killStarted } from '../support/cairn-process.js';
import { loadScenario } from '../support/load.js';
import { postgresAvailable } from '../support/postgres-instances.js';

afterEach(killStarted);

/** 200 signed requests a second for 30 s, round-robin over three instances on one PostgreSQL. */
describe.skipIf(!postgresAvailable())('load on three instances of one PostgreSQL', () => {
  it('200 signed commands and form submissions a second for 30 s: all acknowledged within 3 s, every case stored once', async () => {
    await loadScenario({ perSecond: 200, durationMs: 30_000, maxAckMs: 3_000, postgresInstances: 3 });
  }, 600_000);
});
