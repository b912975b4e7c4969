import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, messageText } from '../../adapters/memory/platform.js';
import { DeliveryError } from '../../src/core/contract/chat-platform.js';
import { ACTION } from '../../src/core/contract/ids.js';
import type { Message } from '../../src/core/contract/message.js';
import {
  answer,
  checkinPrompts,
  openRoundOf,
  participationCount,
  replyText,
  scores,
  tallyRows,
  tallyTotal,
} from '../support/checkins.js';
import { createHarness, type Harness, scheduleSession, setUpGroup } from '../support/harness.js';

let h: Harness;
afterEach(() => h?.close());

const bars = (m: Message) => m.blocks.filter((b) => b.type === 'bars');
const resultMessages = (msgs: Message[]) => msgs.filter((m) => bars(m).length > 0);
const outboxCount = (hh: Harness) =>
  (hh.db.sqlite.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n;

describe('a full check-in round', () => {
  it('opens after a session, prompts every member alike, counts answers, reminds halfway, closes with the result to facilitators only', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const { space, facilitator, users, group } = await setUpGroup(h, { language: 'en' });
    const [alice, bruno, chloe, david, emma] = users as [
      (typeof users)[0],
      (typeof users)[0],
      (typeof users)[0],
      (typeof users)[0],
      (typeof users)[0],
    ];
    await scheduleSession(facilitator, space, '2026-03-10', '14:00');
    await scheduleSession(facilitator, space, '2026-04-07', '14:00');

    // The day after the session, 09:00 Paris (08:00Z in March): not a minute before.
    await h.advanceTo('2026-03-11T07:00:00Z');
    expect(h.store.checkins.listOpen()).toHaveLength(0);
    for (const u of users) expect(checkinPrompts(u)).toHaveLength(0);
    await h.advanceTo('2026-03-11T08:00:00Z');
    const round = openRoundOf(h, group.id);
    expect(round.source).toBe('schedule');
    expect(round.k).toBe(4);
    expect(round.openedAt.toISOString()).toBe('2026-03-11T08:00:00.000Z');
    // Two days before the next session, 18:00 Paris (summer time: 16:00Z).
    expect(round.closesAt.toISOString()).toBe('2026-04-05T16:00:00.000Z');

    // Every member got one prompt, the same text and the same buttons; the facilitator none.
    const prompts = users.map((u) => checkinPrompts(u));
    for (const p of prompts) expect(p).toHaveLength(1);
    const first = prompts[0]![0]!;
    for (const p of prompts) {
      expect(messageText(p[0]!)).toBe(messageText(first));
      expect(buttonsOf(p[0]!)).toEqual(buttonsOf(first));
    }
    expect(messageText(first)).toContain('How are you doing? — Groupe Lyon');
    // The round after a session also asks, the same for everyone, what each takes away (a private note).
    const session = h.store.sessions.listPast(group.id, h.clock.now(), 1)[0]!;
    expect(buttonsOf(first).map((b) => [b.action, b.value])).toEqual([
      [ACTION.checkinOpen, round.id],
      [ACTION.careContact, group.id],
      [ACTION.takeawayWrite, session.id],
    ]);
    expect(checkinPrompts(facilitator)).toHaveLength(0);

    // Answering sends nothing to anyone and enqueues nothing.
    const deliveriesBefore = structuredClone(h.platform.deliveries);
    const outboxBefore = outboxCount(h);
    const a = await answer(alice, round.id, scores(2, 3, 3, 2));
    expect(a.opened.kind).toBe('form');
    expect(a.submitted?.kind).toBe('form.done');
    expect(replyText(a.submitted)).toContain('Your answer is counted, without your name');
    await h.run();
    expect(h.platform.deliveries).toEqual(deliveriesBefore);
    expect(outboxCount(h)).toBe(outboxBefore);
    expect(tallyTotal(h, round.id)).toBe(1);

    await answer(bruno, round.id, scores(4, 4, 3, 3));
    await answer(chloe, round.id, scores(2, 5, 4, 4));
    // David opens the form from the prompt's own button.
    await david.press(buttonsOf(checkinPrompts(david)[0]).find((b) => b.action === ACTION.checkinOpen)!);
    expect(david.form?.id).toBe('checkin');
    await david.submit(scores(3, 4, 2, 4));
    await h.run();
    expect(h.platform.deliveries).toEqual(deliveriesBefore);
    for (const q of ['workload', 'support', 'perspective', 'overall'])
      expect(tallyTotal(h, round.id, q)).toBe(4);
    expect(participationCount(h, round.id)).toBe(4);

    // A second answer is refused, at the button and at a form kept open from before.
    const again = await alice.press({ action: ACTION.checkinOpen, value: round.id });
    expect(again.kind).toBe('message');
    expect(replyText(again)).toContain('You have already answered this check-in');
    await emma.press({ action: ACTION.checkinOpen, value: round.id });
    const keptForm = emma.form!;
    await emma.submit(scores(5));
    emma.form = keptForm;
    const twice = await emma.submit(scores(1));
    expect(twice.kind).toBe('form.done');
    expect(replyText(twice)).toContain('already answered');
    expect(replyText(twice)).not.toContain('contacts who can help');
    expect(tallyTotal(h, round.id)).toBe(5);
    expect(tallyRows(h, round.id).find((r) => r.question === 'overall' && r.bucket === 1)?.count).toBe(0);
    expect(tallyRows(h, round.id).find((r) => r.question === 'overall' && r.bucket === 5)?.count).toBe(1);

    // Halfway between opening and closing (608 h / 2 = 12 days 16 h: 24 March, 01:00 Paris), at 09:00 local
    // that day: the same reminder to every member.
    await h.advanceTo('2026-03-24T07:00:00Z');
    for (const u of users) expect(checkinPrompts(u)).toHaveLength(1);
    await h.advanceTo('2026-03-24T08:00:00Z');
    const reminders = users.map((u) => checkinPrompts(u)[1]!);
    for (const r of reminders) {
      expect(r).toBeDefined();
      expect(messageText(r)).toBe(messageText(reminders[0]!));
      expect(messageText(r)).toContain('If you have already answered, ignore this.');
    }
    expect(checkinPrompts(facilitator)).toHaveLength(0);
    await h.advanceTo('2026-03-30T00:00:00Z');
    for (const u of users) expect(checkinPrompts(u)).toHaveLength(2);

    // Closing: two days before the next session at 18:00.
    await h.advanceTo('2026-04-05T15:00:00Z');
    expect(h.store.checkins.getRound(round.id)?.status).toBe('open');
    expect(resultMessages(facilitator.directs)).toHaveLength(0);
    await h.advanceTo('2026-04-05T16:00:00Z');
    const closed = h.store.checkins.getRound(round.id)!;
    expect(closed.status).toBe('closed');
    expect(closed.respondents).toBe(5);
    expect(closed.released).toBe(true);
    expect(participationCount(h)).toBe(0);

    const results = resultMessages(facilitator.directs);
    expect(results).toHaveLength(1);
    const result = results[0]!;
    const text = messageText(result);
    expect(text).toContain('5 answers (anonymity threshold: 4).');
    const rows = bars(result) as Extract<Message['blocks'][number], { type: 'bars' }>[];
    expect(rows.map((b) => b.title)).toEqual([
      'My workload',
      'The support I feel',
      'Perspective on my situation',
      'How I am, overall',
    ]);
    // workload: 2,4,2,3,5 -> [0,2,1,1,1], median 3; overall: 2,3,4,4,5 -> [0,1,1,2,1], median 4.
    expect(rows[0]!.rows.map((r) => r.count)).toEqual([0, 2, 1, 1, 1]);
    expect(rows[0]!.summary).toBe('Median: 3 · no comparable previous check-in');
    expect(rows[3]!.rows.map((r) => r.count)).toEqual([0, 1, 1, 2, 1]);
    expect(rows[3]!.rows.every((r) => r.max === 2)).toBe(true);
    expect(rows[3]!.summary).toBe('Median: 4 · no comparable previous check-in');
    expect(buttonsOf(result).map((b) => [b.action, b.value])).toEqual([[ACTION.checkinShare, round.id]]);
    // Members get no result; nothing reaches the space.
    for (const u of users) expect(resultMessages(u.directs)).toHaveLength(0);
    expect(h.platform.postsIn(space).filter((m) => bars(m).length > 0)).toHaveLength(0);

    // Answering after the close is refused and counts nothing.
    const late = await answer(alice, round.id, scores(1));
    expect(replyText(late.opened)).toContain('This check-in is closed');
    expect(tallyTotal(h, round.id)).toBe(5);
  });

  it('a facilitator opens and closes a round now; a member cannot', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const { space, facilitator, users, group } = await setUpGroup(h, { language: 'en' });
    const alice = users[0]!;

    expect(replyText(await alice.command('checkin open', { in: space }))).toContain(
      'Only the group’s facilitator can do this.',
    );
    expect(replyText(await alice.command('checkin open'))).toContain('Only the group’s facilitator');
    expect(h.store.checkins.listOpen()).toHaveLength(0);

    const opened = await facilitator.command('checkin open', { in: space });
    expect(replyText(opened)).toContain('Check-in open for "Groupe Lyon"');
    expect(replyText(opened)).toContain('Anonymity threshold: 4');
    await h.run();
    const round = openRoundOf(h, group.id);
    expect(round.source).toBe('facilitator');
    for (const u of users) expect(checkinPrompts(u)).toHaveLength(1);

    // At most one open round per group.
    expect(replyText(await facilitator.command('checkin open'))).toContain('already open');
    expect(h.store.checkins.listOpen()).toHaveLength(1);

    expect(replyText(await alice.command('checkin close', { in: space }))).toContain(
      'Only the group’s facilitator',
    );
    expect(h.store.checkins.getRound(round.id)?.status).toBe('open');

    for (const [i, u] of users.slice(0, 4).entries()) await answer(u, round.id, scores(i + 1));
    const closed = await facilitator.command('checkin close', { in: space });
    expect(replyText(closed)).toContain('The check-in of "Groupe Lyon" is closed.');
    await h.run();
    expect(h.store.checkins.getRound(round.id)?.status).toBe('closed');
    expect(resultMessages(facilitator.directs)).toHaveLength(1);
    expect(messageText(resultMessages(facilitator.directs)[0]!)).toContain('4 answers');
    // Nothing left to close.
    expect(replyText(await facilitator.command('checkin close'))).toContain('No check-in is open.');
  });

  it('invitations not yet delivered when the round closes are not sent', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const { space, facilitator, users, group } = await setUpGroup(h, { language: 'en' });
    // The platform is down when the round opens: every invitation fails and waits for a retry.
    h.platform.failNext(...users.map(() => new DeliveryError('transient', 'platform unavailable')));
    await facilitator.command('checkin open', { in: space });
    await h.core.outbox.drain();
    for (const u of users) expect(checkinPrompts(u)).toHaveLength(0);
    const round = openRoundOf(h, group.id);
    await facilitator.command('checkin close', { in: space });
    await h.advance(3_600_000, 600_000);
    for (const u of users) expect(checkinPrompts(u)).toHaveLength(0);
    expect(h.store.checkins.getRound(round.id)?.status).toBe('closed');
    expect(messageText(facilitator.directs.at(-1)!)).toContain('fewer than 4 answers');
  });

  it('k is copied at opening: changing the group’s k during the round does not change it', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const { space, facilitator, users, group } = await setUpGroup(h, { language: 'en' });
    await facilitator.command('checkin open', { in: space });
    const round = openRoundOf(h, group.id);
    expect(round.k).toBe(4);

    await facilitator.command('setup', { in: space });
    expect(facilitator.form?.id).toBe('setup');
    const saved = await facilitator.submit({ checkinK: '3' });
    expect(saved.kind).toBe('form.done');
    await h.run();
    expect(h.store.groups.get(group.id)?.checkinK).toBe(3);
    expect(h.store.checkins.getRound(round.id)?.k).toBe(4);

    for (const u of users.slice(0, 3)) await answer(u, round.id, scores(3));
    await facilitator.command('checkin close');
    await h.run();
    const closed = h.store.checkins.getRound(round.id)!;
    expect(closed.k).toBe(4);
    expect(closed.released).toBe(false);
    const notice = facilitator.directs.at(-1)!;
    expect(messageText(notice)).toContain('fewer than 4 answers');

    // The next round takes the new k.
    await facilitator.command('checkin open');
    expect(openRoundOf(h, group.id).k).toBe(3);
  });

  it('the result shows the change since the previous releasable round, skipping rounds below k', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const { facilitator, users, group } = await setUpGroup(h, { language: 'en' });
    const runRound = async (values: ReturnType<typeof scores>[]) => {
      await facilitator.command('checkin open');
      const round = openRoundOf(h, group.id);
      for (const [i, v] of values.entries()) await answer(users[i]!, round.id, v);
      await h.advance(3_600_000);
      await facilitator.command('checkin close');
      await h.run();
      await h.advance(3_600_000);
      return round;
    };
    await runRound([scores(2), scores(2), scores(2), scores(3)]); // medians 2
    await runRound([scores(5), scores(5)]); // below k: ignored for comparisons
    await runRound([scores(4), scores(4), scores(4), scores(2), scores(2, 2, 2, 4)]);
    const results = resultMessages(facilitator.directs);
    expect(results).toHaveLength(2);
    const last = bars(results[1]!) as Extract<Message['blocks'][number], { type: 'bars' }>[];
    // workload: 4,4,4,2,2 -> median 4 (+2); overall: 4,4,4,2,4 -> 4 (+2).
    expect(last[0]!.summary).toBe('Median: 4 · +2 since the previous check-in');
    expect(last[3]!.summary).toBe('Median: 4 · +2 since the previous check-in');
    const firstBars = bars(results[0]!) as Extract<Message['blocks'][number], { type: 'bars' }>[];
    expect(firstBars[0]!.summary).toBe('Median: 2 · no comparable previous check-in');
  });

  it('a facilitator shares a released result with the group’s space (command or button), never a round below k', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const { space, facilitator, users, group } = await setUpGroup(h, { language: 'en' });
    const alice = users[0]!;
    expect(replyText(await facilitator.command('checkin share', { in: space }))).toContain(
      'No check-in result to share',
    );
    await facilitator.command('checkin open');
    const round = openRoundOf(h, group.id);
    // An open round cannot be shared.
    expect(replyText(await facilitator.press({ action: ACTION.checkinShare, value: round.id }))).toContain(
      'No check-in result to share',
    );
    for (const u of users.slice(0, 4)) await answer(u, round.id, scores(3, 4, 2, 5));
    await facilitator.command('checkin close');
    await h.run();
    expect(h.platform.postsIn(space).filter((m) => bars(m).length)).toHaveLength(0);

    // A member can neither share by command nor by pressing the facilitator's button.
    expect(replyText(await alice.command('checkin share', { in: space }))).toContain(
      'Only the group’s facilitator can do this.',
    );
    expect(replyText(await alice.press({ action: ACTION.checkinShare, value: round.id }))).toContain(
      'Only the group’s facilitator',
    );
    await h.run();
    expect(h.platform.postsIn(space).filter((m) => bars(m).length)).toHaveLength(0);

    const shared = await facilitator.command('checkin share', { in: space });
    expect(replyText(shared)).toContain('Result shared in the space of "Groupe Lyon".');
    await h.run();
    const posts = h.platform.postsIn(space).filter((m) => bars(m).length);
    expect(posts).toHaveLength(1);
    expect(messageText(posts[0]!)).toContain('4 answers (anonymity threshold: 4).');
    const postBars = bars(posts[0]!) as Extract<Message['blocks'][number], { type: 'bars' }>[];
    expect(postBars[3]!.rows.map((r) => r.count)).toEqual([0, 0, 0, 0, 4]);
    // The same numbers the facilitator got, and no share button in the group's copy.
    expect(buttonsOf(posts[0]!)).toHaveLength(0);
    expect(h.store.checkins.getRound(round.id)?.sharedAt).not.toBeNull();

    // The button on the result does the same; sharing twice posts once.
    const button = buttonsOf(resultMessages(facilitator.directs)[0]).find(
      (b) => b.action === ACTION.checkinShare,
    )!;
    expect(replyText(await facilitator.press(button))).toContain('Result shared');
    await h.run();
    expect(h.platform.postsIn(space).filter((m) => bars(m).length)).toHaveLength(1);
    for (const u of users) expect(resultMessages(u.directs)).toHaveLength(0);
  });

  it('the cross-group aggregate only includes groups releasable on their own', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
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
    const c = await setUpGroup(h, {
      space: 'C-C',
      name: 'Group C',
      language: 'en',
      facilitator: fac,
      members: [
        ['U-C1', 'Cal Un'],
        ['U-C2', 'Cid Deux'],
        ['U-C3', 'Cyd Trois'],
      ],
    });
    const facilitator = a.facilitator;
    const round = async (g: typeof a, answers: ReturnType<typeof scores>[]) => {
      await facilitator.command('checkin open', { in: g.space });
      const r = openRoundOf(h, g.group.id);
      for (const [i, v] of answers.entries()) await answer(g.users[i]!, r.id, v);
      await facilitator.command('checkin close', { in: g.space });
      await h.run();
      return r;
    };
    expect(replyText(await facilitator.command('checkin all'))).toContain(
      'No group has a closed check-in with enough answers.',
    );
    await round(a, [scores(1), scores(2), scores(3), scores(4)]);
    await round(b, [scores(5), scores(5), scores(5)]); // below k = 4
    const onlyA = await facilitator.command('checkin all');
    const text = replyText(onlyA);
    expect(text).toContain('All your groups (1 group(s), latest closed check-in)');
    expect(text).toContain('2 group(s) not included');
    expect(text).toContain('4 answers');
    const msg = (onlyA as { message: Message }).message;
    const aggBars = bars(msg) as Extract<Message['blocks'][number], { type: 'bars' }>[];
    expect(aggBars[3]!.rows.map((r) => r.count)).toEqual([1, 1, 1, 1, 0]);

    // C releases on its own (k=3 for C): it is added; B still is not.
    await facilitator.command('setup', { in: 'C-C' });
    await facilitator.submit({ checkinK: '3' });
    await h.run();
    await round(c, [scores(5), scores(5), scores(4)]);
    const withC = await facilitator.command('checkin all');
    expect(replyText(withC)).toContain('(2 group(s)');
    expect(replyText(withC)).toContain('1 group(s) not included');
    expect(replyText(withC)).toContain('7 answers');
    const cBars = bars((withC as { message: Message }).message) as Extract<
      Message['blocks'][number],
      { type: 'bars' }
    >[];
    expect(cBars[3]!.rows.map((r) => r.count)).toEqual([1, 1, 1, 2, 2]);

    // A member asking for the aggregate gets nothing.
    expect(replyText(await a.users[0]!.command('checkin all'))).toContain('Only the group’s facilitator');
  });
});
