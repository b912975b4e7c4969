import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, type MemoryUser, messageText } from '../../adapters/memory/platform.js';
import { ACTION, FORM } from '../../src/core/contract/ids.js';
import type { Message } from '../../src/core/contract/message.js';
import { promptTakeaway } from '../../src/core/notes/prompt-takeaway.js';
import { createHarness, DAY, type Harness, HOUR, scheduleSession, setUpGroup } from '../support/harness.js';
import { button, countRows, replyText, said, shown } from '../support/scenario.js';

/** The private notebook: notes, bad input, who may touch a note, keeping periods, takeaways. */

let h: Harness;
afterEach(() => h?.close());

const personId = (ref: string) => h.store.people.findByUserRef('memory', ref)!.id;
const notesOf = (ref: string) => h.store.notes.listByAuthor(personId(ref));
const lastMessage = (user: MemoryUser): Message => {
  const reply = user.lastReply;
  if (reply?.kind !== 'message') throw new Error(`not a message: ${JSON.stringify(reply)}`);
  return reply.message;
};

describe('the notebook, in French', () => {
  it('bad input: too long, empty, someone else’s note, a forged form: a clear message, nothing stored or changed', async () => {
    h = await createHarness();
    const { users } = await setUpGroup(h);
    const [alice, bruno] = users as [MemoryUser, MemoryUser];

    // Over 3,000 characters typed after the command.
    await alice.command(`note ${'x'.repeat(3001)}`);
    expect(said(alice)).toBe(
      'Une note fait 3000 caractères au plus : rien n’a été enregistré. Pour un texte plus long, « note » seul ouvre le formulaire.',
    );
    await alice.command(`note ${'é'.repeat(3000)}`);
    expect(notesOf('U-ALICE').map((n) => n.text.length)).toEqual([3000]);

    // The form: empty, then too long, field by field.
    await alice.command('note');
    await alice.submit({ text: '   ', noticed: '' });
    expect(alice.formErrors).toEqual({ text: 'Ce champ est obligatoire.' });
    await alice.submit({ text: 'Une situation', noticed: 'n'.repeat(3001) });
    expect(alice.formErrors).toEqual({ noticed: '3000 caractères au maximum.' });
    expect(countRows(h, 'notes')).toBe(1);
    // A form sent twice stores one note.
    const form = alice.form!;
    await alice.submit({ text: 'Une situation', noticed: '' });
    expect(alice.lastReply?.kind).toBe('form.done');
    alice.form = form;
    await alice.submit({ text: 'Une situation', noticed: '' });
    expect(countRows(h, 'notes')).toBe(2);

    // Bruno tries Alice's note: delete, turn into a case, with her form's state. Nothing happens.
    const [note] = notesOf('U-ALICE');
    await bruno.press({ action: ACTION.noteDelete, value: note!.id });
    expect(said(bruno)).toBe('Cette note n’existe pas, ou elle n’est pas la vôtre.');
    await bruno.press({ action: ACTION.noteToCase, value: note!.id });
    expect(said(bruno)).toBe('Cette note n’existe pas, ou elle n’est pas la vôtre.');
    expect(bruno.form).toBeUndefined();
    await alice.command('note');
    await bruno.submit({ text: 'Forgé' }, { formId: FORM.note, state: alice.form!.state });
    expect(replyText(bruno.lastReply)).toBe(
      'Ce formulaire a expiré ou n’est plus valide : ouvrez-le à nouveau (relancez la commande ou le bouton).',
    );
    expect(countRows(h, 'notes')).toBe(2);
    await bruno.press({ action: ACTION.noteDelete, value: 'not-an-id' });
    expect(said(bruno)).toBe('Cette note n’existe pas, ou elle n’est pas la vôtre.');

    // Her own: deleted at once.
    await alice.press({ action: ACTION.noteDelete, value: note!.id });
    expect(said(alice)).toContain('Note supprimée.');
    expect(notesOf('U-ALICE').map((n) => n.id)).not.toContain(note!.id);

    // Someone in no group has no notebook.
    const stranger = h.platform.addUser('U-OUT', 'Olga Dehors');
    await stranger.command('note Une situation');
    expect(said(stranger)).toMatch(/^Vous ne faites partie d’aucun groupe Cairn/);
    await stranger.command('notes');
    expect(said(stranger)).toMatch(/^Vous ne faites partie d’aucun groupe Cairn/);
    expect(h.store.people.findByUserRef('memory', 'U-OUT')).toBeUndefined();
  });

  it('the list: newest first, each with "Turn into a case" and "Delete"; the oldest beyond 15 are counted', async () => {
    h = await createHarness();
    const { users } = await setUpGroup(h);
    const alice = users[0]!;
    for (let i = 1; i <= 17; i++) {
      await alice.command(`note Situation numéro ${i} à l’atelier`);
      await h.advance(HOUR);
    }
    await alice.command('notes');
    const list = lastMessage(alice);
    expect(list.fallbackText).toBe('Mon carnet : 17 note(s)');
    const shownText = shown(list);
    expect(shownText.indexOf('Situation numéro 17')).toBeLessThan(shownText.indexOf('Situation numéro 16'));
    expect(shownText).not.toContain('Situation numéro 2 à');
    expect(shownText).toContain(
      '2 note(s) plus ancienne(s) non affichée(s) : « /cairn my-data » vous les envoie toutes.',
    );
    const buttons = buttonsOf(list);
    expect(buttons.filter((b) => b.action === ACTION.noteToCase)).toHaveLength(15);
    expect(buttons.filter((b) => b.action === ACTION.noteDelete && b.style === 'danger')).toHaveLength(15);
    expect(list.blocks.length).toBeLessThanOrEqual(50); // Slack's limit for a message
    // "Write a note" opens the form.
    await alice.press(button(list, ACTION.noteOpen));
    expect(alice.form?.id).toBe(FORM.note);
  });

  it('kept at most the group’s retention, or the member’s own shorter choice (only shorter ones are offered)', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const { facilitator, users, space } = await setUpGroup(h);
    const [alice, bruno] = users as [MemoryUser, MemoryUser];
    await facilitator.command('setup', { in: space });
    await facilitator.submit({ retentionMonths: '6' });
    await alice.command('note Une note de mars');
    await bruno.command('note Une note de Bruno en mars');
    await h.advanceTo('2026-05-02T08:00:00Z', 7 * DAY);
    await alice.command('note Une note de mai');

    await alice.command('notes');
    expect(shown(lastMessage(alice))).toContain('Elles sont gardées 6 mois au plus.');
    await alice.press(button(lastMessage(alice), ACTION.notesKeep));
    const months = alice.form!.fields.find((f) => f.id === 'months');
    expect(months?.kind === 'select' && months.options.map((o) => [o.value, o.label])).toEqual([
      ['group', 'Comme le groupe (6 mois)'],
      ['1', '1 mois'],
      ['3', '3 mois'],
    ]);
    await alice.submit({ months: '6' });
    expect(alice.formErrors).toEqual({ months: 'Choisissez une des options proposées.' });
    // One month: the March note goes at once; Bruno's stays.
    await alice.submit({ months: '1' });
    expect(replyText(alice.lastReply)).toBe('C’est noté : vos notes sont gardées 1 mois au plus.');
    expect(notesOf('U-ALICE').map((n) => n.text)).toEqual(['Une note de mai']);
    expect(notesOf('U-BRUNO')).toHaveLength(1);
    // The daily job: a month after May, hers goes; Bruno's March note goes after the group's six months.
    await h.advanceTo('2026-06-03T08:00:00Z', DAY);
    expect(notesOf('U-ALICE')).toEqual([]);
    await h.advanceTo('2026-09-01T08:00:00Z', 7 * DAY);
    expect(notesOf('U-BRUNO')).toHaveLength(1);
    await h.advanceTo('2026-09-03T08:00:00Z', DAY);
    expect(notesOf('U-BRUNO')).toEqual([]);
  });
});

describe('what I take away, in English', () => {
  it('on its own the day after at 09:00 when no round opens with it; once, whoever sends it first', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const { facilitator, users, space, group } = await setUpGroup(h, { language: 'en' });
    const [alice, bruno] = users as [MemoryUser, MemoryUser];
    await scheduleSession(facilitator, space, '2026-03-05');
    // The next session is so close that the round after this one would last less than a day: it does not
    // open, so the question comes on its own.
    await scheduleSession(facilitator, space, '2026-03-08');
    await h.advanceTo('2026-03-06T07:45:00Z', 6 * HOUR);
    const count = (u: MemoryUser) =>
      u.directs.filter((m) => m.fallbackText.startsWith('What you take away')).length;
    expect(count(alice)).toBe(0);
    await h.advanceTo('2026-03-06T08:00:00Z', 15 * 60_000);
    expect(users.map(count)).toEqual([1, 1, 1, 1, 1]);
    expect(count(facilitator)).toBe(0);
    const prompt = alice.directs.find((m) => m.fallbackText.startsWith('What you take away'))!;
    expect(shown(prompt)).toBe(
      [
        'What do I take away from this session?',
        'Session of Thursday 5 March 2026 — Groupe Lyon. A few lines for yourself: a private note in your notebook. You can also send it, with your name, to the facilitator for the synthesis.',
        '[What I take away]',
        'Only you read it, unless you choose to send it.',
      ].join('\n'),
    );
    // The session guide asking again sends nothing more.
    const session = h.store.sessions.listPast(group.id, h.clock.now(), 1)[0]!;
    expect(promptTakeaway(h.deps, session.id, h.clock.now())).toBe(0);
    await h.advance(2 * DAY);
    expect(users.map(count)).toEqual([1, 1, 1, 1, 1]);

    // Kept private (no box ticked): the facilitator gets nothing.
    const facilitatorBefore = facilitator.directs.length;
    await alice.press(button(prompt, ACTION.takeawayWrite));
    await alice.submit({ text: 'Keep calm and ask questions first.' });
    expect(replyText(alice.lastReply)).toBe('Noted in your notebook. Only you can read it.');
    await h.run();
    expect(facilitator.directs).toHaveLength(facilitatorBefore);
    expect(notesOf('U-ALICE')).toMatchObject([{ kind: 'takeaway', sessionId: session.id, sharedAt: null }]);
    await facilitator.command('synthesis', { in: space });
    expect(JSON.stringify(facilitator.form?.intro)).not.toContain('Keep calm');

    // A session to come, or one of another group: refused.
    const next = h.store.sessions.listUpcoming(group.id, h.clock.now())[0]!;
    await bruno.press({ action: ACTION.takeawayWrite, value: next.id });
    expect(said(bruno)).toBe('This session has not taken place yet, or you are not in its group.');
    const outsider = h.platform.addUser('U-OUT', 'Olga Out');
    await outsider.press({ action: ACTION.takeawayWrite, value: session.id });
    // Someone Cairn does not know is answered in the default language (French here).
    expect(said(outsider)).toBe(
      'Cette séance n’a pas encore eu lieu, ou vous ne faites pas partie de son groupe.',
    );
  });

  it('the takeaway form sent twice: one takeaway, one copy to the facilitator, and "saved" both times', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const { facilitator, users, space, group } = await setUpGroup(h, { language: 'en' });
    const alice = users[0]!;
    await scheduleSession(facilitator, space, '2026-03-05');
    await h.advanceTo('2026-03-05T16:00:00Z', 6 * HOUR);
    const session = h.store.sessions.listPast(group.id, h.clock.now(), 1)[0]!;
    await alice.press({ action: ACTION.takeawayWrite, value: session.id });
    const form = alice.form!;
    await alice.submit({ text: 'Ask before advising.', share: 'true' });
    const saved = 'Noted in your notebook, and sent with your name to the facilitator for the synthesis.';
    expect(replyText(alice.lastReply)).toBe(saved);
    // The same submission again (a retry, a double click): nothing new, and not "expired".
    alice.form = form;
    await alice.submit({ text: 'Ask before advising.', share: 'true' });
    expect(replyText(alice.lastReply)).toBe(saved);
    expect(notesOf('U-ALICE')).toHaveLength(1);
    await h.run();
    expect(facilitator.directs.filter((m) => messageText(m).includes('Ask before advising.'))).toHaveLength(
      1,
    );
  });

  it('the session guide’s call first: the scheduled round’s prompt then carries no second question', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const { facilitator, users, space, group } = await setUpGroup(h, { language: 'en' });
    await scheduleSession(facilitator, space, '2026-03-05');
    await scheduleSession(facilitator, space, '2026-03-19');
    await h.advanceTo('2026-03-05T16:00:00Z', 6 * HOUR);
    const session = h.store.sessions.listPast(group.id, h.clock.now(), 1)[0]!;
    // Inside a transaction of the caller's, as the guide may call it.
    expect(h.store.transaction(() => promptTakeaway(h.deps, session.id, h.clock.now()))).toBe(5);
    expect(promptTakeaway(h.deps, session.id, h.clock.now())).toBe(0);
    await h.advanceTo('2026-03-06T09:00:00Z', HOUR);
    for (const u of users) {
      const checkin = u.directs.find((m) => m.fallbackText.startsWith('Anonymous check-in'));
      expect(checkin, u.userRef).toBeDefined();
      expect(buttonsOf(checkin).some((b) => b.action === ACTION.takeawayWrite)).toBe(false);
      expect(
        u.directs.filter((m) => buttonsOf(m).some((b) => b.action === ACTION.takeawayWrite)),
      ).toHaveLength(1);
    }
    // Every member's check-in prompt is still the same message.
    const prompts = users.map((u) =>
      messageText(u.directs.find((m) => m.fallbackText.startsWith('Anonymous check-in'))!),
    );
    expect(new Set(prompts).size).toBe(1);
  });
});
