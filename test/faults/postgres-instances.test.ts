import { afterEach, describe, it } from 'vitest';
import { killStarted } from './support/cairn-process.js';
import { fanOutOnInstances, postgresAvailable } from './support/postgres-instances.js';

afterEach(killStarted);

/**
 * The short version (the long one is test/faults/long/postgres-instances.test.ts): three instances of the
 * built app on one PostgreSQL, a fan-out with one instance SIGKILLed and restarted, then the database
 * restarted mid fan-out.
 */
describe.skipIf(!postgresAvailable())('three instances on one PostgreSQL', () => {
  const size = { groups: 15, perGroup: 8, instances: 3, answerDelayMs: 40, rate: 50, stepTimeoutMs: 120_000 };

  it('a fan-out to 120 members with an instance SIGKILLed: everyone reminded once', async () => {
    await fanOutOnInstances('PostgreSQL, 3 instances, 1 kill', { ...size, kills: 1 });
  }, 300_000);

  it('a fan-out to 120 members across a database restart: nothing lost', async () => {
    await fanOutOnInstances('PostgreSQL, 3 instances, database restart', {
      ...size,
      kills: 0,
      restartDatabase: true,
    });
  }, 300_000);
});
