import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FakeSlack } from '../support/fake-slack.js';
import { CairnProcess, killStarted, sleep, waitFor } from './support/cairn-process.js';
import { outboxSettled } from './support/crash.js';
import { slackEnv, slackFor, slackSide } from './support/fakes.js';
import { duplicatesIn, report, tally } from './support/figures.js';
import { type Seeded, seedGroups } from './support/seed.js';

let dir: string;
let db: string;
let fake: FakeSlack | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cairn-down-'));
  db = join(dir, 'cairn.db');
});
afterEach(async () => {
  await killStarted();
  await fake?.close();
  fake = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** Two sets of groups on one Slack workspace, written into the database before Cairn ever starts. */
function seedBoth(): { later: Seeded; started: Seeded } {
  // Sessions on 24 March at 14:00 in Paris: their 7-day reminder is due on the 17th at 09:00 (08:00 UTC).
  const later = seedGroups(db, {
    platform: 'slack',
    groups: 3,
    membersPerGroup: 6,
    sessionAt: new Date('2026-03-24T13:00:00Z'),
  });
  // Sessions on 19 March at 09:30 in Paris: their 2-day reminder is due on the 17th at 09:00 too, but by
  // the time Cairn is back (the 19th at 11:00) they have started.
  const started = seedGroups(db, {
    platform: 'slack',
    groups: 2,
    membersPerGroup: 6,
    sessionAt: new Date('2026-03-19T08:30:00Z'),
    idPrefix: 'E',
  });
  return { later, started };
}

describe('Cairn down across a reminder time', () => {
  it('stopped before the reminder time, started after it: exactly one reminder per member; none for a session that has started', async () => {
    const { later, started } = seedBoth();
    fake = await slackFor({
      groups: [...later.groups, ...started.groups],
      members: [...later.members, ...started.members],
      facilitators: [...later.facilitators, ...started.facilitators],
      sessions: [],
    });
    const side = slackSide(fake);
    const run = async (now: string, wait: (c: CairnProcess) => Promise<unknown>) => {
      const cairn = await CairnProcess.start(slackEnv(fake!, db, { CAIRN_FAKE_NOW: now }));
      await wait(cairn);
      expect((await cairn.terminate()).code).toBe(0);
    };

    // Up on the 17th at 08:50 Paris time, ten minutes before the reminders. (The early sessions' 7-day
    // reminder, due on the 12th while Cairn had never run, is caught up: their sessions are still ahead.)
    await run('2026-03-17T07:50:00Z', async () => {
      await waitFor(() => side.deliveries().length >= 12, 15_000, 'first catch-up');
      await sleep(1_000);
    });
    const early = tally(side.deliveries().map((d) => d.recipient));
    expect([...early.keys()].sort()).toEqual(started.members.map((m) => m.id).sort());
    expect([...early.values()].every((n) => n === 1)).toBe(true);

    // Down from then until the 19th at 11:00: the reminder time (the 17th at 09:00) passed meanwhile.
    await run('2026-03-19T10:00:00Z', async () => {
      await waitFor(() => tally(side.deliveries().map((d) => d.recipient)).size >= 30, 15_000, 'catch-up');
      await waitFor(() => outboxSettled(db), 10_000, 'outbox empty');
    });
    // And once more later the same day: nothing new.
    await run('2026-03-19T14:00:00Z', () => sleep(1_500));

    const counts = tally(side.deliveries().map((d) => d.recipient));
    const reminded = later.members.filter((m) => counts.get(m.id) === 1).length;
    // After the first run: nothing more for the sessions that had started when Cairn came back.
    const startedSessionMessages = [...started.members, ...started.facilitators].reduce(
      (sum, m) => sum + (counts.get(m.id) ?? 0) - (early.get(m.id) ?? 0),
      0,
    );
    report('down across a reminder time', {
      members: later.members.length,
      reminded,
      duplicates: duplicatesIn(counts),
      lost: later.members.length - reminded,
      sentForStartedSessions: startedSessionMessages,
    });
    expect(reminded).toBe(later.members.length);
    expect(duplicatesIn(counts)).toBe(0);
    expect(startedSessionMessages).toBe(0);
    // One reminder occurrence per session: the later ones' 7-day, the started ones' 7-day (sent on the
    // first run); their 2-day reminder, missed while down, is neither sent nor waiting.
    const sqlite = new Database(db, { readonly: true });
    const keys = (
      sqlite.prepare("SELECT key FROM occurrences WHERE key LIKE 'reminder:%'").all() as {
        key: string;
      }[]
    ).map((o) => o.key);
    const pending = sqlite.prepare("SELECT count(*) AS n FROM outbox WHERE status != 'sent'").get();
    sqlite.close();
    expect(keys.filter((k) => /^reminder:session-\d/.test(k))).toHaveLength(3);
    expect(keys.filter((k) => k.startsWith('reminder:session-E'))).toHaveLength(2);
    expect(keys.every((k) => k.endsWith(':7d09:00'))).toBe(true);
    expect(pending).toEqual({ n: 0 });
  }, 90_000);
});
