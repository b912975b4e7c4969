import { afterEach, describe, expect, it } from 'vitest';
import { type MemoryUser, messageText } from '../../adapters/memory/platform.js';
import { pngSize } from '../../manifest/teams/png.js';
import type { Picture } from '../../src/core/contract/chart.js';
import { ACTION } from '../../src/core/contract/ids.js';
import type { Message } from '../../src/core/contract/message.js';
import type { ChartRenderer } from '../../src/core/ports/charts.js';
import { answer, openRoundOf, replyLine, replyText, resultsTo, scores } from '../support/checkins.js';
import { createHarness, type Harness, setUpGroup } from '../support/harness.js';

let h: Harness;
afterEach(() => h?.close());

const picturesIn = (msgs: Message[]): Picture[] =>
  msgs.flatMap((m) => m.blocks.flatMap((b) => (b.type === 'image' ? [b.image] : [])));
/** Trend messages: a picture, or (not drawn) the chart's title as heading and its words. */
const trendsTo = (user: MemoryUser): Message[] =>
  user.directs.filter((m) => /trends|tendances/i.test(m.fallbackText));
/** The stored person behind a memory user (outbox rows name people by id). */
const personId = (hh: Harness, user: MemoryUser): string =>
  hh.store.people.findByUserRef(hh.platform.id, user.userRef)!.id;
const outboxRows = (hh: Harness) =>
  hh.db.sqlite.prepare('SELECT id, message FROM outbox ORDER BY id').all() as {
    id: string;
    message: string;
  }[];

/** A renderer that draws nothing and says so, or fails: what the core does then is what these tests read. */
const failing = (error: () => Error): ChartRenderer & { calls: number } => {
  const renderer = {
    calls: 0,
    async draw() {
      renderer.calls++;
      throw error();
    },
  };
  return renderer;
};

/** Opens a round in the group, has the first `count` members answer, closes it and delivers. */
async function closeRoundWith(
  hh: Harness,
  g: Awaited<ReturnType<typeof setUpGroup>>,
  values: ReturnType<typeof scores>[],
) {
  await g.facilitator.command('checkin open', { in: g.space });
  const round = openRoundOf(hh, g.group.id);
  for (const [i, v] of values.entries()) await answer(g.users[i]!, round.id, v);
  await hh.advance(3_600_000);
  await g.facilitator.command('checkin close', { in: g.space });
  await hh.run();
  await hh.advance(86_400_000);
  return round;
}

describe('the trend picture when a round closes', () => {
  it('follows each released result with the picture of the released rounds so far; a round below k adds nothing', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const g = await setUpGroup(h, { language: 'en' });
    const { facilitator } = g;

    const first = await closeRoundWith(h, g, [scores(2), scores(3), scores(3), scores(4)]);
    const results = resultsTo(facilitator);
    expect(results).toHaveLength(1);
    // The result, then the picture: two messages, in that order.
    const trend = trendsTo(facilitator);
    expect(trend).toHaveLength(1);
    expect(facilitator.directs.indexOf(trend[0]!)).toBeGreaterThan(facilitator.directs.indexOf(results[0]!));
    const [picture] = picturesIn(trend);
    expect(picture?.title).toBe('Check-in trends — Groupe Lyon');
    expect(picture?.filename).toBe('cairn-trends.png');
    expect(picture?.altText).toContain('1 released check-in');
    expect(picture?.altText).toContain('Number of answers: 2 March 2026: 4.');
    const png = Buffer.from(picture!.pngBase64, 'base64');
    expect(pngSize(png)).toEqual({ width: picture!.width, height: picture!.height });
    expect(picture!.width).toBeGreaterThan(400);
    // Members get no picture.
    for (const u of g.users) expect(trendsTo(u)).toHaveLength(0);
    // What the outbox keeps is the chart's data (aggregates already released), never the drawing.
    const stored = outboxRows(h).find(
      (r) => r.id === `checkin:${first.id}:trend:${personId(h, facilitator)}`,
    );
    expect(JSON.parse(stored!.message).blocks[0].type).toBe('chart');
    expect(stored!.message).not.toContain('pngBase64');

    // Below k: the notice, and no picture (nothing is computed from those answers).
    const below = await closeRoundWith(h, g, [scores(5), scores(5)]);
    expect(trendsTo(facilitator)).toHaveLength(1);
    expect(outboxRows(h).some((r) => r.id.startsWith(`checkin:${below.id}:trend:`))).toBe(false);

    await closeRoundWith(h, g, [scores(1), scores(1), scores(2), scores(2), scores(3)]);
    const latest = picturesIn(trendsTo(facilitator)).at(-1)!;
    expect(latest.altText).toContain('2 released check-ins, from 2 March 2026 to 4 March 2026');
    expect(latest.altText).toContain('Number of answers: 2 March 2026: 4; 4 March 2026: 5.');
    // The round below k (closed on 3 March) is nowhere in it.
    expect(latest.altText).not.toContain('3 March');
  });

  it('sends the words instead when the drawing fails, never holding the result back', async () => {
    const renderer = failing(() => new Error('resvg binary missing: "Groupe Lyon"'));
    h = await createHarness({ start: '2026-03-02T08:00:00Z', charts: renderer });
    const g = await setUpGroup(h, { language: 'en' });
    await closeRoundWith(h, g, [scores(2), scores(3), scores(3), scores(4)]);
    expect(renderer.calls).toBe(1);
    expect(resultsTo(g.facilitator)).toHaveLength(1);
    const [trend] = trendsTo(g.facilitator);
    expect(picturesIn([trend!])).toEqual([]);
    expect(trend!.blocks.map((b) => b.type)).toEqual(['heading', 'text']);
    expect(messageText(trend!)).toContain('For each question, on a scale of 1 to 5: the median');
    expect(messageText(trend!)).toContain('Number of answers: 2 March 2026: 4.');
    // Sent once, as sent: no retry of a message that went.
    const row = h.store.outbox.get(`checkin:${openRoundId(h)}:trend:${personId(h, g.facilitator)}`);
    expect(row?.status).toBe('sent');
    // The log says what happened with a code, and nothing the chart or the error said.
    expect(h.logs.text).toContain('CHART.NOT_DRAWN');
    expect(h.logs.text).not.toContain('Groupe Lyon');
    expect(h.logs.text).not.toContain('resvg binary missing');
  });

  it('sends the words when no drawing fits the platform', async () => {
    const renderer = {
      calls: 0,
      async draw() {
        renderer.calls++;
        return undefined;
      },
    };
    h = await createHarness({ start: '2026-03-02T08:00:00Z', charts: renderer });
    const g = await setUpGroup(h, { language: 'fr' });
    await closeRoundWith(h, g, [scores(2), scores(3), scores(3), scores(4)]);
    const [trend] = trendsTo(g.facilitator);
    expect(renderer.calls).toBe(1);
    expect(trend!.blocks.map((b) => b.type)).toEqual(['heading', 'text']);
    expect(messageText(trend!)).toContain('Tendances des points d’étape — Groupe Lyon');
    expect(h.logs.text).toContain('CHART.TOO_LARGE');
  });
});

/** The id of the group's latest closed round (the tests above close one at a time). */
function openRoundId(hh: Harness): string {
  const row = hh.db.sqlite
    .prepare("SELECT id FROM checkin_rounds WHERE status = 'closed' ORDER BY closed_at DESC LIMIT 1")
    .get() as { id: string };
  return row.id;
}

describe('/cairn checkin trends', () => {
  it('answers at once and sends the picture by direct message; French alias too', async () => {
    const renderer = {
      calls: 0,
      async draw() {
        renderer.calls++;
        return undefined;
      },
    };
    h = await createHarness({ start: '2026-03-02T08:00:00Z', charts: renderer });
    const g = await setUpGroup(h, { language: 'en' });
    const { facilitator, space } = g;
    await closeRoundWith(h, g, [scores(2), scores(3), scores(3), scores(4)]);
    const before = trendsTo(facilitator).length;

    const reply = await facilitator.command('checkin trends', { in: space });
    expect(replyLine(reply)).toBe(
      'I am sending you the trend picture of "Groupe Lyon" in a direct message (its released check-ins, 12 at most).',
    );
    // Nothing drawn inside the request: the outbox draws it.
    expect(renderer.calls).toBe(1);
    await h.run();
    expect(renderer.calls).toBe(2);
    expect(trendsTo(facilitator)).toHaveLength(before + 1);

    await h.advance(60_000);
    expect(replyText(await facilitator.command('checkin tendances'))).toContain('I am sending you');
    await h.run();
    expect(trendsTo(facilitator)).toHaveLength(before + 2);
  });

  it('refuses a member, a group with no released round, and another facilitator’s group: a message, nothing sent', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const lyon = await setUpGroup(h, { language: 'en' });
    const paris = await setUpGroup(h, {
      space: 'C-PARIS',
      name: 'Groupe Paris',
      language: 'en',
      facilitator: ['U-FAC-P', 'Paul Animateur'],
      members: [
        ['U-P1', 'Pia Un'],
        ['U-P2', 'Pol Deux'],
        ['U-P3', 'Pat Trois'],
        ['U-P4', 'Pam Quatre'],
      ],
    });
    const rows = () => outboxRows(h).length;

    // No released round yet: not even after a round closed below k.
    const n0 = rows();
    expect(replyLine(await lyon.facilitator.command('checkin trends', { in: lyon.space }))).toBe(
      'No trends for this group yet: none of its check-ins had enough answers to be released. The first picture comes with the first released result.',
    );
    await closeRoundWith(h, lyon, [scores(4), scores(4)]);
    const n1 = rows();
    expect(replyText(await lyon.facilitator.command('checkin trends'))).toContain(
      'No trends for this group yet',
    );
    expect(rows()).toBe(n1);
    expect(n1).toBeGreaterThan(n0);

    await closeRoundWith(h, lyon, [scores(2), scores(3), scores(3), scores(4)]);
    await closeRoundWith(h, paris, [scores(2), scores(3), scores(3), scores(4)]);
    const n2 = rows();
    const trendsBefore = [lyon.facilitator, paris.facilitator, ...lyon.users].map((u) => trendsTo(u).length);

    // A member, in the space or in their direct conversation.
    const alice = lyon.users[0]!;
    expect(replyLine(await alice.command('checkin trends', { in: lyon.space }))).toBe(
      'Only the group’s facilitator can do this.',
    );
    expect(replyLine(await alice.command('checkin tendances'))).toBe(
      'Only the group’s facilitator can do this.',
    );
    // Another group's facilitator: in its space, or with a forged button naming it.
    expect(replyLine(await paris.facilitator.command('checkin trends', { in: lyon.space }))).toBe(
      'This group does not exist, or you are not in it.',
    );
    expect(
      replyLine(
        await paris.facilitator.press({ action: ACTION.checkinManage, value: `trends:${lyon.group.id}` }),
      ),
    ).toBe('This group does not exist, or you are not in it.');
    await h.run();
    expect(rows()).toBe(n2);
    expect([lyon.facilitator, paris.facilitator, ...lyon.users].map((u) => trendsTo(u).length)).toEqual(
      trendsBefore,
    );
  });
});

describe('/cairn checkin all', () => {
  it('sends the picture of the facilitator’s groups releasable on their own, month by month', async () => {
    const drawn: string[] = [];
    const renderer: ChartRenderer = {
      draw: async (chart) => {
        drawn.push(chart.altText);
        return undefined;
      },
    };
    h = await createHarness({ start: '2026-03-02T08:00:00Z', charts: renderer });
    const fac: [string, string] = ['U-FAC', 'Claire Animatrice'];
    const a = await setUpGroup(h, { space: 'C-A', name: 'Group A', language: 'en', facilitator: fac });
    const b = await setUpGroup(h, {
      space: 'C-B',
      name: 'Group B',
      language: 'en',
      facilitator: fac,
      members: [
        ['U-B1', 'Bea Un'],
        ['U-B2', 'Ben Deux'],
        ['U-B3', 'Bob Trois'],
        ['U-B4', 'Bill Quatre'],
      ],
    });
    // Nothing released anywhere: the existing answer, and no picture.
    expect(replyLine(await a.facilitator.command('checkin all'))).toBe(
      'No group has a closed check-in with enough answers.',
    );
    await h.run();
    expect(trendsTo(a.facilitator)).toHaveLength(0);

    await closeRoundWith(h, a, [scores(1), scores(2), scores(3), scores(4)]);
    await closeRoundWith(h, b, [scores(5), scores(5), scores(5)]); // below k: in no column
    const before = drawn.length;
    const reply = await a.facilitator.command('checkin all');
    expect(replyText(reply)).toContain('4 answers');
    expect(replyText(reply)).toContain(
      'I am also sending you the trend picture of these groups, month by month, in a direct message.',
    );
    await h.run();
    expect(drawn).toHaveLength(before + 1);
    const words = drawn.at(-1)!;
    expect(words).toContain('Check-in trends of all your groups: 1 month, March 2026.');
    expect(words).toContain('Number of answers: March 2026: 4 (1 group).');
    const [trend] = trendsTo(a.facilitator).slice(-1);
    expect(trend?.fallbackText).toBe('Check-in trends — all your groups');
  });
});
