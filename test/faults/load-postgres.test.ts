import { afterEach, describe, it } from 'vitest';
import { killStarted } from './support/cairn-process.js';
import { loadScenario } from './support/load.js';
import { postgresAvailable } from './support/postgres-instances.js';

afterEach(killStarted);

/** The short version on three instances of one PostgreSQL (the long one: test/faults/long/load-postgres). */
describe.skipIf(!postgresAvailable())('load on three instances of one PostgreSQL (short)', () => {
  it('20 signed commands and form submissions a second for 5 s, round-robin: all acknowledged within 3 s, every case stored once', async () => {
    await loadScenario({ perSecond: 20, durationMs: 5_000, maxAckMs: 3_000, postgresInstances: 3 });
  }, 180_000);
});
