import { afterEach, describe, expect, it } from 'vitest';
import { MemoryPlatform } from '../../adapters/memory/platform.js';
import { createHarness, DAY, type Harness, HOUR, scheduleSession, setUpGroup } from '../support/harness.js';

let h: Harness;
const later: (() => void)[] = [];
afterEach(() => {
  h?.close();
  for (const cleanup of later.splice(0)) cleanup();
});

const QUARTER = 15 * 60_000;
const MEMBERS = ['U-ALICE', 'U-BRUNO', 'U-CHLOE', 'U-DAVID', 'U-EMMA'];

type Seen = { at: string; to: string; text: string };

/**
 * Watches the given UTC windows ([from, to) ISO pairs, in order): the clock jumps to each window's start in
 * day-long ticks, then moves through the window in quarter-hour ticks (like the minute cron, coarser),
 * noting the clock time at which each direct message appeared: the UTC instant of delivery. Every direct
 * message delivered during the watch must have appeared inside a window.
 */
async function watchDirects(harness: Harness, windows: [string, string][]): Promise<Seen[]> {
  const seen: Seen[] = [];
  const first = harness.platform.deliveries.length;
  for (const [from, to] of windows) {
    await harness.advanceTo(from, DAY);
    const end = new Date(to).getTime();
    while (harness.clock.now().getTime() < end) {
      const before = harness.platform.deliveries.length;
      harness.clock.advance(QUARTER);
      await harness.run();
      for (const d of harness.platform.deliveries.slice(before)) {
        if (d.kind === 'direct')
          seen.push({ at: harness.clock.now().toISOString(), to: d.address, text: d.message.fallbackText });
      }
    }
  }
  const all = harness.platform.deliveries.slice(first).filter((d) => d.kind === 'direct');
  expect(all).toHaveLength(seen.length);
  return seen;
}

/** When each kind of message arrived: one line per distinct (instant, text), with its recipients. */
function arrivals(seen: Seen[]): { at: string; text: string; to: string[] }[] {
  const byKey = new Map<string, { at: string; text: string; to: string[] }>();
  for (const s of seen) {
    const key = `${s.at}|${s.text}`;
    const entry = byKey.get(key) ?? { at: s.at, text: s.text, to: [] };
    entry.to.push(s.to);
    byKey.set(key, entry);
  }
  return [...byKey.values()].map((e) => ({ ...e, to: e.to.sort() }));
}

describe('reminders across daylight-saving changes (Europe/Paris)', () => {
  it('spring forward (29 March 2026): every reminder and the digest land at 09:00 local', async () => {
    h = await createHarness();
    const { facilitator } = await setUpGroup(h);
    // Tuesday 31 March, 14:00 summer time = 12:00 UTC. The 2-day reminder falls on the change day itself.
    await scheduleSession(facilitator, 'C-LYON', '2026-03-31');

    const seen = await watchDirects(h, [
      ['2026-03-24T06:00:00Z', '2026-03-24T10:00:00Z'],
      ['2026-03-29T05:00:00Z', '2026-03-29T09:00:00Z'],
      ['2026-03-30T05:00:00Z', '2026-03-30T09:00:00Z'],
    ]);
    const reminder =
      'Prochaine séance de « Groupe Lyon » le mardi 31 mars 2026 à 14:00 : un cas à proposer ?';
    expect(arrivals(seen)).toEqual([
      // Winter time: 09:00 in Paris is 08:00 UTC.
      { at: '2026-03-24T08:00:00.000Z', text: reminder, to: MEMBERS },
      // Summer time: 09:00 in Paris is 07:00 UTC.
      { at: '2026-03-29T07:00:00.000Z', text: reminder, to: MEMBERS },
      { at: '2026-03-30T07:00:00.000Z', text: 'Séance de demain — Groupe Lyon : 0 cas', to: ['U-FAC'] },
    ]);
  });

  it('fall back (25 October 2026): every reminder and the digest land at 09:00 local', async () => {
    h = await createHarness({ start: '2026-10-01T08:00:00Z' });
    const { facilitator } = await setUpGroup(h);
    // Tuesday 27 October, 14:00 winter time = 13:00 UTC.
    await scheduleSession(facilitator, 'C-LYON', '2026-10-27');

    const seen = await watchDirects(h, [
      ['2026-10-20T05:00:00Z', '2026-10-20T09:00:00Z'],
      ['2026-10-25T06:00:00Z', '2026-10-25T10:00:00Z'],
      ['2026-10-26T06:00:00Z', '2026-10-26T10:00:00Z'],
    ]);
    const reminder =
      'Prochaine séance de « Groupe Lyon » le mardi 27 octobre 2026 à 14:00 : un cas à proposer ?';
    expect(arrivals(seen)).toEqual([
      { at: '2026-10-20T07:00:00.000Z', text: reminder, to: MEMBERS }, // summer time
      { at: '2026-10-25T08:00:00.000Z', text: reminder, to: MEMBERS }, // winter time, change day
      { at: '2026-10-26T08:00:00.000Z', text: 'Séance de demain — Groupe Lyon : 0 cas', to: ['U-FAC'] },
    ]);
  });

  it('a series across the spring change keeps its sessions at 14:00 local and its reminders at 09:00', async () => {
    h = await createHarness();
    const { facilitator } = await setUpGroup(h, { members: [['U-ALICE', 'Alice Martin']] });
    // Every week from Thursday 26 March: the second session is after the change.
    await scheduleSession(facilitator, 'C-LYON', '2026-03-26', '14:00', { everyWeeks: '1', count: '2' });
    const starts = h.db.sqlite.prepare('SELECT starts_at AS t FROM sessions ORDER BY starts_at').all() as {
      t: number;
    }[];
    expect(starts.map((s) => new Date(s.t).toISOString())).toEqual([
      '2026-03-26T13:00:00.000Z',
      '2026-04-02T12:00:00.000Z',
    ]);
    await h.advanceTo('2026-03-31T00:00:00Z', DAY);
    const seen = await watchDirects(h, [['2026-03-31T05:00:00Z', '2026-03-31T09:00:00Z']]);
    expect(seen).toEqual([
      {
        at: '2026-03-31T07:00:00.000Z',
        to: 'U-ALICE',
        text: 'Prochaine séance de « Groupe Lyon » le jeudi 2 avril 2026 à 14:00 : un cas à proposer ?',
      },
    ]);
  });
});

describe('a group in another time zone (America/Montreal)', () => {
  it('reminders land at 09:00 Montréal time on both sides of its own spring change (8 March 2026)', async () => {
    h = await createHarness();
    const { facilitator } = await setUpGroup(h, {
      name: 'Groupe Québec',
      members: [['U-ALICE', 'Alice Martin']],
    });
    await facilitator.command('setup', { in: 'C-LYON' });
    await facilitator.submit({ timeZone: 'America/Montreal' });
    // Tuesday 10 March, 10:00 in Montréal (daylight time) = 14:00 UTC.
    await scheduleSession(facilitator, 'C-LYON', '2026-03-10', '10:00', { place: 'Zoom' });

    const seen = await watchDirects(h, [
      ['2026-03-03T12:00:00Z', '2026-03-03T16:00:00Z'],
      ['2026-03-08T11:00:00Z', '2026-03-08T15:00:00Z'],
      ['2026-03-09T11:00:00Z', '2026-03-09T15:00:00Z'],
    ]);
    const reminder =
      'Prochaine séance de « Groupe Québec » le mardi 10 mars 2026 à 10:00 : un cas à proposer ?';
    expect(arrivals(seen)).toEqual([
      // Tuesday 3 March, 09:00 standard time (UTC-5).
      { at: '2026-03-03T14:00:00.000Z', text: reminder, to: ['U-ALICE'] },
      // Sunday 8 March, the change day, 09:00 daylight time (UTC-4).
      { at: '2026-03-08T13:00:00.000Z', text: reminder, to: ['U-ALICE'] },
      { at: '2026-03-09T13:00:00.000Z', text: 'Séance de demain — Groupe Québec : 0 cas', to: ['U-FAC'] },
    ]);
  });
});

describe('Cairn down across a reminder time', () => {
  it('a reminder missed while down goes out once at restart', async () => {
    const platform = new MemoryPlatform();
    h = await createHarness({ platform });
    const { facilitator } = await setUpGroup(h);
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24');
    await h.advanceTo('2026-03-16T20:00:00Z', DAY);
    expect(platform.deliveries.filter((d) => d.kind === 'direct')).toEqual([]);

    // The process stops on Monday evening and starts again on Tuesday at 15:10 UTC, past the 09:00 reminder.
    const first = h;
    first.db.close();
    later.push(() => first.close());
    h = await createHarness({ dir: first.dir, platform, start: '2026-03-17T15:10:00Z' });
    await h.run();
    const directs = platform.deliveries.filter((d) => d.kind === 'direct');
    expect(directs.map((d) => d.address).sort()).toEqual(MEMBERS);
    expect(new Set(directs.map((d) => d.message.fallbackText))).toEqual(
      new Set(['Prochaine séance de « Groupe Lyon » le mardi 24 mars 2026 à 14:00 : un cas à proposer ?']),
    );

    // Ticking on sends nothing again.
    await h.run();
    await h.advance(DAY);
    expect(platform.deliveries.filter((d) => d.kind === 'direct')).toHaveLength(5);
  });

  it('when several offsets were missed, only the latest is sent', async () => {
    h = await createHarness();
    const { facilitator, group } = await setUpGroup(h);
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24');
    const session = h.store.sessions.listUpcoming(group.id, h.clock.now())[0]!;

    // Down from Monday 16 March to Sunday 22 March 11:00 UTC: both the 7-day and the 2-day times passed.
    h.clock.set('2026-03-22T11:00:00Z');
    await h.run();
    await h.run();
    const directs = h.platform.deliveries.filter((d) => d.kind === 'direct');
    expect(directs.map((d) => d.address).sort()).toEqual(MEMBERS);
    const occurrences = h.db.sqlite
      .prepare('SELECT key, outcome FROM occurrences WHERE key LIKE ? ORDER BY key')
      .all(`reminder:${session.id}:%`) as { key: string; outcome: string }[];
    expect(
      occurrences.map((o) => [o.key.slice(o.key.lastIndexOf(':', o.key.length - 4) + 1), o.outcome]),
    ).toEqual([
      ['2d09:00', 'done'],
      ['7d09:00', 'skipped'],
    ]);
    // And the digest the next day, once.
    await h.advanceTo('2026-03-23T12:00:00Z', 6 * HOUR);
    expect(facilitator.directs.map((m) => m.fallbackText)).toEqual([
      'Séance de demain — Groupe Lyon : 0 cas',
    ]);
  });

  it('down across the digest time: the digest goes at restart if the session has not started', async () => {
    h = await createHarness();
    const { facilitator } = await setUpGroup(h);
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24');
    h.clock.set('2026-03-24T10:00:00Z');
    await h.run();
    expect(facilitator.directs.map((m) => m.fallbackText)).toEqual([
      'Séance de demain — Groupe Lyon : 0 cas',
    ]);
  });
});
