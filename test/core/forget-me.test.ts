import { existsSync, readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { messageText } from '../../adapters/memory/platform.js';
import { DeliveryError } from '../../src/core/contract/chat-platform.js';
import { ACTION } from '../../src/core/contract/ids.js';
import { caseTexts, submitCase } from '../support/cases.js';
import { answer, openRoundOf, replyLine, scores } from '../support/checkins.js';
import { createHarness, type Harness, scheduleSession, setUpGroup } from '../support/harness.js';
import { proposeCase } from '../support/scenario.js';
import { ballotsOf } from '../support/votes.js';

let h: Harness;
afterEach(() => h?.close());

function rawBytes(hh: Harness): Buffer {
  return Buffer.concat(
    [hh.file, `${hh.file}-wal`, `${hh.file}-shm`].filter(existsSync).map((f) => readFileSync(f)),
  );
}
const foundIn = (bytes: Buffer, needle: string) =>
  bytes.includes(Buffer.from(needle, 'utf8')) || bytes.includes(Buffer.from(needle, 'utf16le'));

describe('/cairn forget-me', () => {
  it('asks for confirmation; cancelling or not ticking erases nothing', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const { users } = await setUpGroup(h, { language: 'en' });
    const alice = users[0]!;
    const opened = await alice.command('forget-me');
    expect(opened.kind).toBe('form');
    expect(alice.form?.fields.map((f) => [f.id, f.kind, f.required])).toEqual([
      ['confirm', 'checkbox', true],
    ]);
    const intro = messageText({ fallbackText: '', blocks: alice.form?.intro ?? [] });
    expect(intro).toContain(
      'Cairn will erase your cases, your action plans, your notebook, your preferences, your group memberships',
    );
    expect(intro).toContain('What stays: session syntheses');
    const unticked = await alice.submit({ confirm: '' });
    expect(unticked).toEqual({ kind: 'form.errors', errors: { confirm: 'Tick the box to confirm.' } });
    expect(h.store.people.findByUserRef('memory', 'U-ALICE')).toBeDefined();
    // Someone else's confirmation state does not work for Bruno.
    const bruno = users[1]!;
    const forged = await bruno.submit({ confirm: 'true' }, { formId: 'forget-me', state: alice.form!.state });
    expect(replyLine(forged)).toBe(
      'This form has expired or is no longer valid: open it again (run the command or press the button again).',
    );
    expect(h.store.people.findByUserRef('memory', 'U-BRUNO')).toBeDefined();
    expect(h.store.people.findByUserRef('memory', 'U-ALICE')).toBeDefined();
  });

  it('erases cases, preferences, memberships and identity; syntheses stay; no byte of them is left', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const { space, facilitator, users, group } = await setUpGroup(h, { language: 'en' });
    await setUpGroup(h, {
      space: 'C-PARIS',
      name: 'Groupe Paris',
      facilitator: ['U-FAC2', 'Fanny Deux'],
      members: [['U-ALICE', 'Alice Martin']],
    });
    const [alice, bruno] = users as [(typeof users)[0], (typeof users)[0]];
    await scheduleSession(facilitator, space, '2026-03-20');
    const aliceCases = [caseTexts('Alpha'), caseTexts('Omega')];
    for (const c of aliceCases) await submitCase(alice, space, c);
    const brunoCase = caseTexts('Bravo');
    await submitCase(bruno, space, brunoCase);
    await alice.command('language fr');
    await alice.command('pause until 2026-12-31');
    // Her notebook, with her own keeping period.
    const note = 'Note-Alpha: le chef d’atelier m’a interrompue trois fois en réunion.';
    await alice.command(`note ${note}`);
    await alice.press({ action: ACTION.notesKeep, value: '' });
    await alice.submit({ months: '3' });
    await alice.command('my-data');
    // She answers a check-in too: the counters stay (they do not point to her).
    await facilitator.command('checkin open', { in: space });
    const round = openRoundOf(h, group.id);
    for (const u of users.slice(0, 4)) await answer(u, round.id, scores(u === alice ? 2 : 4));
    // A synthesis posted in the group stays.
    await facilitator.command('synthesis', { in: space });
    await facilitator.submit({ themes: 'Thèmes de la séance', learned: 'Ce que le groupe a appris' });
    await facilitator.submit({});
    // The facilitator got the case notifications and the day-before digest.
    await h.advanceTo('2026-03-19T09:00:00Z');
    expect(facilitator.directs.some((m) => messageText(m).includes(aliceCases[0]!.title))).toBe(true);
    const person = h.store.people.findByUserRef('memory', 'U-ALICE')!;
    expect(foundIn(rawBytes(h), 'U-ALICE')).toBe(true);
    expect(foundIn(rawBytes(h), aliceCases[0]!.situation)).toBe(true);
    expect(foundIn(rawBytes(h), note)).toBe(true);

    await alice.command('forget-me');
    const done = await alice.submit({ confirm: 'true' });
    expect(done.kind).toBe('form.done');
    expect(replyLine(done)).toBe(
      'Vos données sont effacées. Si vous écrivez de nouveau à Cairn, vous repartirez de zéro.',
    );

    expect(h.store.people.findByUserRef('memory', 'U-ALICE')).toBeUndefined();
    expect(h.store.people.get(person.id)).toBeUndefined();
    expect(h.store.cases.listByAuthor(person.id)).toEqual([]);
    expect(h.store.memberships.listByPerson(person.id)).toEqual([]);
    expect(h.store.notes.listByAuthor(person.id)).toEqual([]);
    expect(h.store.notes.keepMonths(person.id)).toBeNull();
    const optOuts = h.db.sqlite.prepare('SELECT count(*) AS n FROM reminder_opt_outs WHERE person_id = ?');
    expect((optOuts.get(person.id) as { n: number }).n).toBe(0);
    // Others and the group's shared things stay.
    expect(h.store.people.findByUserRef('memory', 'U-BRUNO')).toBeDefined();
    expect(h.store.cases.listByAuthor(h.store.people.findByUserRef('memory', 'U-BRUNO')!.id)).toHaveLength(1);
    const fac = h.store.people.findByUserRef('memory', 'U-FAC')!;
    expect(h.store.syntheses.listByAuthor(fac.id).filter((s) => s.status === 'posted')).toHaveLength(1);
    expect(h.store.syntheses.listForGroup(group.id, 10)).toHaveLength(1);
    // The round closed on 18 March with 4 answers: its counters stay, and say nothing about her.
    expect(h.store.checkins.tally(round.id).overall).toEqual([0, 1, 0, 3, 0]);

    // Not a byte of her id, her name or her cases in the file, the WAL or the SHM.
    const bytes = rawBytes(h);
    expect(foundIn(bytes, 'U-ALICE')).toBe(false);
    expect(foundIn(bytes, person.id)).toBe(false);
    expect(foundIn(bytes, 'Alice Martin')).toBe(false);
    for (const c of aliceCases) for (const v of Object.values(c)) expect(foundIn(bytes, v)).toBe(false);
    expect(foundIn(bytes, note)).toBe(false);
    // Bruno's case is still there (the search can find what exists).
    expect(foundIn(bytes, brunoCase.situation)).toBe(true);

    // Work goes on without her and writes nothing about her again.
    await h.advanceTo('2026-03-25T09:00:00Z');
    const after = rawBytes(h);
    expect(foundIn(after, 'U-ALICE')).toBe(false);
    expect(foundIn(after, aliceCases[0]!.title)).toBe(false);
  });
});

describe('forget-me while messages about the person wait out a platform failure', () => {
  const ALICE = 'How can I say no to my own manager?';
  const ALICE_SITUATION = 'Situation-Alice: my manager adds projects to a team already at full stretch.';

  /** Five members, a session on Thursday 12 March at 14:00, three cases the group may read. */
  async function groupWithCases() {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const g = await setUpGroup(h, { language: 'en' });
    await scheduleSession(g.facilitator, g.space, '2026-03-12', '14:00');
    const [alice, bruno, chloe] = g.users as [(typeof g.users)[0], (typeof g.users)[0], (typeof g.users)[0]];
    await proposeCase(alice, { title: ALICE, visibility: 'group', situation: ALICE_SITUATION });
    h.clock.advance(60_000);
    await proposeCase(bruno, { title: 'How can I welcome a new deputy?', visibility: 'group' });
    h.clock.advance(60_000);
    await proposeCase(chloe, {
      title: 'How can I keep up the pace of the night shift?',
      visibility: 'group',
    });
    await h.run();
    return { ...g, alice };
  }

  async function forget(alice: Awaited<ReturnType<typeof groupWithCases>>['alice']) {
    await alice.command('forget-me');
    expect((await alice.submit({ confirm: 'true' })).kind).toBe('form.done');
  }

  it('the ballots still queued leave without her case, and no byte of it stays', async () => {
    const g = await groupWithCases();
    h.platform.failNext(...Array.from({ length: 50 }, () => new DeliveryError('transient', 'unavailable')));
    await h.advanceTo('2026-03-09T08:00:00Z');
    expect(h.store.votes.openRoundsOf(g.group.id)).toHaveLength(1);
    for (const u of g.users) expect(ballotsOf(u)).toHaveLength(0);

    await forget(g.alice);
    expect(foundIn(rawBytes(h), ALICE_SITUATION.slice(0, 40))).toBe(false);
    h.platform.stopFailing();
    h.clock.advance(10 * 60_000);
    await h.run();
    for (const u of g.users.slice(1)) {
      const ballots = ballotsOf(u);
      expect(ballots).toHaveLength(1);
      expect(messageText(ballots[0]!)).not.toContain(ALICE);
      expect(messageText(ballots[0]!)).not.toContain(ALICE_SITUATION.slice(0, 40));
    }
  });

  it.each([
    ['still a member', false],
    ['who has left the group (her case stays with it)', true],
  ])(
    'the facilitator’s digest still queued leaves without her case, and no byte of it stays (%s)',
    async (_, leaves) => {
      const g = await groupWithCases();
      await h.advanceTo('2026-03-11T07:00:00Z');
      h.platform.failNext(...Array.from({ length: 50 }, () => new DeliveryError('transient', 'unavailable')));
      await h.advanceTo('2026-03-11T08:00:00Z');
      const digest = h.query("SELECT status FROM outbox WHERE id LIKE 'digest:%'");
      expect(digest).toEqual([{ status: 'pending' }]);
      if (leaves) {
        await h.platform.leave(g.space, 'U-ALICE');
        expect(h.query("SELECT status FROM outbox WHERE id LIKE 'digest:%'")).toEqual([
          { status: 'pending' },
        ]);
      }

      await forget(g.alice);
      expect(foundIn(rawBytes(h), ALICE_SITUATION)).toBe(false);
      expect(foundIn(rawBytes(h), ALICE)).toBe(false);
      const before = g.facilitator.directs.length;
      h.platform.stopFailing();
      h.clock.advance(10 * 60_000);
      await h.run();
      const after = g.facilitator.directs.slice(before).map((m) => messageText(m));
      expect(after.filter((m) => m.includes('How can I welcome a new deputy?'))).toHaveLength(1);
      for (const m of after) {
        expect(m).not.toContain(ALICE);
        expect(m).not.toContain(ALICE_SITUATION);
        expect(m).not.toContain('Alice Martin');
      }
    },
  );
});

describe('forget-me after the facilitators were told the person cannot be reached', () => {
  it('their notice goes, sent or still queued: no message names her afterwards, no row keeps her id', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const { facilitator, users } = await setUpGroup(h, { language: 'en' });
    const alice = users[0]!;
    const person = h.store.people.findByUserRef('memory', 'U-ALICE')!;
    // Once sent, once while the platform is down (the notice waits in the outbox).
    expect(h.core.reportUnreachable('memory', 'U-ALICE')).toBe(1);
    await h.run();
    expect(facilitator.directs.some((m) => messageText(m).includes('Alice Martin'))).toBe(true);
    h.clock.advance(60_000);
    h.platform.failNext(...Array.from({ length: 50 }, () => new DeliveryError('transient', 'unavailable')));
    expect(h.core.reportUnreachable('memory', 'U-ALICE')).toBe(1);
    await h.run();

    await alice.command('forget-me');
    expect((await alice.submit({ confirm: 'true' })).kind).toBe('form.done');
    expect(h.query('SELECT id FROM outbox WHERE instr(id, ?) > 0', person.id)).toEqual([]);
    expect(foundIn(rawBytes(h), person.id)).toBe(false);
    const before = facilitator.directs.length;
    h.platform.stopFailing();
    h.clock.advance(10 * 60_000);
    await h.run();
    for (const m of facilitator.directs.slice(before)) expect(messageText(m)).not.toContain('Alice Martin');
  });
});

describe('forget-me after leaving the group where she asked to be contacted', () => {
  it('her request to the facilitator goes too: no row keeps her id', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const { facilitator, users, space, group } = await setUpGroup(h, { language: 'en' });
    const alice = users[0]!;
    const person = h.store.people.findByUserRef('memory', 'U-ALICE')!;
    await alice.press({ action: ACTION.careContact, value: group.id });
    await h.run();
    expect(facilitator.directs.some((m) => messageText(m).includes('Alice Martin'))).toBe(true);
    await h.platform.leave(space, 'U-ALICE');
    await h.run();
    expect(h.store.memberships.listByPerson(person.id)).toEqual([]);

    await alice.command('forget-me');
    expect((await alice.submit({ confirm: 'true' })).kind).toBe('form.done');
    expect(h.query('SELECT id FROM outbox WHERE instr(id, ?) > 0', person.id)).toEqual([]);
    expect(foundIn(rawBytes(h), person.id)).toBe(false);
  });
});
