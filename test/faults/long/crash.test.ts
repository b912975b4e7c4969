import { afterEach, describe, it } from 'vitest';
import { killStarted } from '../support/cairn-process.js';
import { crashDuringCheckinOpening, crashDuringReminders } from '../support/crash-scenarios.js';

afterEach(killStarted);

/**
 * The built app SIGKILLed at 10 random points during a fan-out to 1,000 members (125 groups of 8), and
 * restarted each time: every member gets the message; duplicates are bounded by what was in flight.
 */
describe('a crash during a fan-out', () => {
  const size = { groups: 125, perGroup: 8, kills: 10, answerDelayMs: 60, rate: 50, stepTimeoutMs: 120_000 };

  it('reminders on Slack: 1,000 members, 10 kills', async () => {
    await crashDuringReminders(size);
  }, 900_000);

  it('a check-in round opening on Teams: 1,000 members, 10 kills', async () => {
    await crashDuringCheckinOpening(size);
  }, 900_000);
});
