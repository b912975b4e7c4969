import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { type CrashFigures, crashLoop } from './crash.js';
import { slackEnv, slackFor, slackSide, teamsConnector, teamsEnv, teamsSide } from './fakes.js';
import { report } from './figures.js';
import { seedGroups } from './seed.js';

export type CrashSize = {
  groups: number;
  perGroup: number;
  kills: number;
  /** How long the fake takes to answer each call (so that sends are in flight when Cairn dies). */
  answerDelayMs: number;
  /** Proactive messages per second per workspace / tenant. */
  rate: number;
  stepTimeoutMs: number;
};

/** The clock each restart starts at: the first start's instant plus the real time gone by since. */
function fakeNow(start: string): () => string {
  const began = Date.now();
  return () => new Date(new Date(start).getTime() + Date.now() - began).toISOString();
}

// A short lease, so that a restarted Cairn takes over the rows in flight at the kill soon; the send deadline
// is at most half of it (Cairn refuses a shorter lease).
const OUTBOX = {
  CAIRN_OUTBOX_LEASE_MS: '3000',
  CAIRN_OUTBOX_SEND_TIMEOUT_MS: '1500',
  CAIRN_OUTBOX_BACKOFF_MS: '200',
};

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

function check(name: string, figures: CrashFigures): void {
  report(name, {
    ...figures,
    inFlightTotal: sum(figures.inFlightAtKills),
    unrecordedTotal: sum(figures.unrecordedAtKills),
  });
  expect(figures.lost).toBe(0);
  // Only a message that reached the platform while its row was being sent can go twice.
  expect(figures.duplicates).toBeLessThanOrEqual(sum(figures.unrecordedAtKills));
}

/**
 * Groups totalling `groups × perGroup` members on Slack, their sessions a week away: the first tick fans out
 * the 7-day reminder; Cairn is SIGKILLed `kills` times during the fan-out.
 */
export async function crashDuringReminders(size: CrashSize): Promise<CrashFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-crash-'));
  const db = join(dir, 'cairn.db');
  // Sessions on Tuesday 24 March 2026 at 14:00 in Paris: the 7-day reminder is due on the 17th at 09:00.
  const seeded = seedGroups(db, {
    platform: 'slack',
    groups: size.groups,
    membersPerGroup: size.perGroup,
    sessionAt: new Date('2026-03-24T13:00:00Z'),
  });
  const fake = await slackFor(seeded);
  fake.answerDelayMs = size.answerDelayMs;
  const now = fakeNow('2026-03-17T08:00:30Z');
  try {
    const figures = await crashLoop({
      db,
      expected: seeded.members.map((m) => m.id),
      kills: size.kills,
      fake: slackSide(fake),
      env: () =>
        slackEnv(fake, db, { ...OUTBOX, CAIRN_FAKE_NOW: now(), SLACK_WORKSPACE_RATE: String(size.rate) }),
      stepTimeoutMs: size.stepTimeoutMs,
    });
    check('crash during a reminder fan-out (Slack)', figures);
    // Facilitators get no case reminder.
    const recipients = slackSide(fake)
      .deliveries()
      .map((d) => d.recipient);
    expect(recipients.filter((u) => u.startsWith('UFAC'))).toEqual([]);
    return figures;
  } finally {
    await fake.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The same on Teams for the opening of check-in rounds: sessions the day before, rounds open at 09:00 and
 * every member gets the prompt.
 */
export async function crashDuringCheckinOpening(size: CrashSize): Promise<CrashFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-crash-'));
  const db = join(dir, 'cairn.db');
  const fake = await teamsConnector();
  fake.answerDelayMs = size.answerDelayMs;
  // Sessions on Tuesday 10 March 2026 at 14:00 in Paris: rounds open on the 11th at 09:00 (08:00 UTC).
  const seeded = seedGroups(db, {
    platform: 'teams',
    groups: size.groups,
    membersPerGroup: size.perGroup,
    sessionAt: new Date('2026-03-10T13:00:00Z'),
    serviceUrl: fake.url,
  });
  const now = fakeNow('2026-03-11T08:00:30Z');
  try {
    const figures = await crashLoop({
      db,
      expected: seeded.members.map((m) => m.id),
      kills: size.kills,
      fake: teamsSide(fake),
      env: () => teamsEnv(db, { ...OUTBOX, CAIRN_FAKE_NOW: now(), TEAMS_TENANT_RATE: String(size.rate) }),
      stepTimeoutMs: size.stepTimeoutMs,
    });
    check('crash during a check-in round opening (Teams)', figures);
    return figures;
  } finally {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
