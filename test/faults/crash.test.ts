import { afterEach, describe, it } from 'vitest';
import { killStarted } from './support/cairn-process.js';
import { crashDuringCheckinOpening, crashDuringReminders } from './support/crash-scenarios.js';

afterEach(killStarted);

/**
 * The built app, SIGKILLed during a fan-out and restarted (a short version: `npm run test:faults` runs
 * 1,000 members and 10 kills). Every member gets the message; duplicates are bounded by the sends in
 * flight at each kill.
 */
describe('a crash during a fan-out (short)', () => {
  it('reminders on Slack: 120 members, 3 kills', async () => {
    await crashDuringReminders({
      groups: 15,
      perGroup: 8,
      kills: 3,
      answerDelayMs: 60,
      rate: 60,
      stepTimeoutMs: 30_000,
    });
  }, 120_000);

  it('a check-in round opening on Teams: 120 members, 3 kills', async () => {
    await crashDuringCheckinOpening({
      groups: 15,
      perGroup: 8,
      kills: 3,
      answerDelayMs: 60,
      rate: 60,
      stepTimeoutMs: 30_000,
    });
  }, 120_000);
});
