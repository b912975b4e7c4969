import { afterEach, describe, it } from 'vitest';
import { killStarted } from '../support/cairn-process.js';
import { fanOutOnInstances, postgresAvailable } from '../support/postgres-instances.js';

afterEach(killStarted);

/**
 * Three instances of the built app on one PostgreSQL: a reminder fan-out to 1,000 members (125 groups of
 * 8) with one instance SIGKILLed twice and restarted; then the same with the database restarted mid
 * fan-out.
 */
describe.skipIf(!postgresAvailable())('three instances on one PostgreSQL, 1,000 members', () => {
  const size = {
    groups: 125,
    perGroup: 8,
    instances: 3,
    answerDelayMs: 60,
    rate: 50,
    stepTimeoutMs: 240_000,
  };

  it('an instance SIGKILLed twice during the fan-out: every member reminded, duplicates ≤ sends in flight', async () => {
    await fanOutOnInstances('PostgreSQL, 3 instances, 1,000 members, 2 kills', { ...size, kills: 2 });
  }, 900_000);

  it('the database restarted during the fan-out: nothing lost', async () => {
    await fanOutOnInstances('PostgreSQL, 3 instances, 1,000 members, database restart', {
      ...size,
      kills: 0,
      restartDatabase: true,
    });
  }, 900_000);
});
