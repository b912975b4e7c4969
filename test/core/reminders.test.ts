import { afterEach, describe, expect, it } from 'vitest';
import { messageText } from '../../adapters/memory/platform.js';
import { ACTION } from '../../src/core/contract/ids.js';
import { createHarness, DAY, type Harness, HOUR, scheduleSession, setUpGroup } from '../support/harness.js';
import {
  button,
  caseValues,
  directsSince,
  proposeCase,
  replyText,
  said,
  shown,
} from '../support/scenario.js';

let h: Harness;
afterEach(() => h?.close());

const MEMBERS = ['U-ALICE', 'U-BRUNO', 'U-CHLOE', 'U-DAVID', 'U-EMMA'];
const FR_REMINDER = 'Prochaine séance de « Groupe Lyon » le mardi 24 mars 2026 à 14:00 : un cas à proposer ?';

/** Who received a direct message since a point, sorted. */
const recipientsSince = (since: number) =>
  directsSince(h, since)
    .map((d) => d.to)
    .sort();

describe('case-preparation reminders, in French', () => {
  it('7 and 2 days before at 09:00, to each member; "Not this time" and a submitted case silence the second', async () => {
    h = await createHarness();
    const { facilitator, users } = await setUpGroup(h);
    const [alice, bruno, chloe] = users;
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24');

    // Nothing before Tuesday 17 March, 09:00 in Paris (08:00 UTC).
    await h.advanceTo('2026-03-17T07:45:00Z', DAY);
    expect(h.platform.deliveries.filter((d) => d.kind === 'direct')).toEqual([]);
    let mark = h.platform.deliveries.length;
    await h.advance(15 * 60_000);
    expect(recipientsSince(mark)).toEqual(MEMBERS);
    expect(facilitator.directs).toEqual([]);

    const reminder = chloe!.directs[0]!;
    expect(reminder.fallbackText).toBe(FR_REMINDER);
    expect(shown(reminder)).toBe(
      [
        'Préparer la prochaine séance — Groupe Lyon',
        'La prochaine séance a lieu le mardi 24 mars 2026 à 14:00 (Salle Rhône, 2e étage).',
        'Un bon cas : une situation réelle et actuelle, qui vous concerne directement et sur laquelle vous pouvez agir. Quelques lignes suffisent.',
        '[Proposer un cas]',
        '[Pas cette fois]',
        'Pour suspendre les rappels : « pause until AAAA-MM-JJ ».',
      ].join('\n'),
    );

    // Bruno: not this time. Alice: proposes a case from the reminder's button.
    await bruno!.press(button(bruno!.directs[0], ACTION.reminderSkip));
    expect(said(bruno!)).toBe('C’est noté : plus de rappel pour cette séance.');
    await alice!.press(button(alice!.directs[0], ACTION.caseOpen));
    expect(alice!.form?.title).toBe('Proposer un cas');
    await alice!.submit(caseValues());
    expect(alice!.lastReply?.kind).toBe('form.done');

    // Sunday 22 March, 09:00 in Paris: the second reminder, to those still concerned.
    await h.advanceTo('2026-03-22T07:00:00Z', DAY);
    mark = h.platform.deliveries.length;
    await h.advanceTo('2026-03-22T08:00:00Z');
    expect(recipientsSince(mark)).toEqual(['U-CHLOE', 'U-DAVID', 'U-EMMA']);
    expect(alice!.directs).toHaveLength(1);
    expect(bruno!.directs).toHaveLength(1);
    expect(chloe!.directs.map((m) => m.fallbackText)).toEqual([FR_REMINDER, FR_REMINDER]);

    // Nothing more for members until the session.
    mark = h.platform.deliveries.length;
    await h.advanceTo('2026-03-25T00:00:00Z', 6 * HOUR);
    expect(directsSince(h, mark).filter((d) => d.to !== 'U-FAC')).toEqual([]);
  });

  it('the facilitator’s digest the day before at 09:00: titles, kinds, urgency and full text', async () => {
    h = await createHarness();
    const { facilitator, users } = await setUpGroup(h);
    const [alice, bruno, chloe] = users;
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24');
    await proposeCase(alice!, { title: 'Comment dire non à mon N+1 ?', visibility: 'group' });
    await proposeCase(bruno!, {
      title: 'Comment accueillir un nouvel adjoint ?',
      kind: 'project',
      urgency: 'low',
      situation: 'Un adjoint arrive le mois prochain dans l’équipe de maintenance.',
    });
    await proposeCase(chloe!, { title: 'Un cas retiré' });
    await chloe!.command('cases');
    const list = chloe!.lastReply?.kind === 'message' ? chloe!.lastReply.message : undefined;
    await chloe!.press(button(list, ACTION.caseWithdraw));
    await h.run();
    // Two new cases; the third was withdrawn before its notification left, so nothing of it.
    expect(facilitator.directs).toHaveLength(2);

    await h.advanceTo('2026-03-23T07:45:00Z', DAY);
    expect(facilitator.directs).toHaveLength(2);
    await h.advance(15 * 60_000);
    expect(facilitator.directs).toHaveLength(3);
    const digest = facilitator.directs[2]!;
    expect(digest.fallbackText).toBe('Séance de demain — Groupe Lyon : 2 cas');
    const text = shown(digest);
    expect(text).toContain('Les cas de demain — Groupe Lyon');
    expect(text).toContain('Séance du mardi 24 mars 2026 à 14:00 : 2 cas proposé(s).');
    expect(text).toContain(
      'Comment dire non à mon N+1 ?\nAuteur·rice: Alice Martin\nNature: Un problème\nUrgence: Urgent',
    );
    expect(text).toContain(
      'Comment accueillir un nouvel adjoint ?\nAuteur·rice: Bruno Petit\nNature: Un projet\nUrgence: Peut attendre',
    );
    expect(text).toContain('La situation\nUn adjoint arrive le mois prochain dans l’équipe de maintenance.');
    expect(text).toContain('Ce que j’ai déjà essayé\nUn échange informel, sans effet durable.');
    expect(text).not.toContain('Un cas retiré');
    expect(text).toContain('Pour retenir, reporter ou marquer un cas présenté : « cases ».');
    // Members get no digest, and the facilitator only one.
    await h.advanceTo('2026-03-24T12:00:00Z', 6 * HOUR);
    expect(facilitator.directs).toHaveLength(3);
    // Alice and Bruno have a case for the session: no reminder; Chloé withdrew hers.
    expect(users.map((u) => u.directs.length)).toEqual([0, 0, 2, 2, 2]);
  });

  it('a digest with no case says so', async () => {
    h = await createHarness();
    const { facilitator } = await setUpGroup(h);
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24');
    await h.advanceTo('2026-03-23T08:00:00Z', DAY);
    expect(facilitator.directs.map((m) => m.fallbackText)).toEqual([
      'Séance de demain — Groupe Lyon : 0 cas',
    ]);
    expect(shown(facilitator.directs[0])).toContain('Aucun cas n’a été proposé pour cette séance.');
  });

  it('pause until a date, pause off; a past date is refused', async () => {
    h = await createHarness();
    const { facilitator, users } = await setUpGroup(h);
    const [alice, bruno, chloe, david] = users;
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24');

    await alice!.command('pause until 2026-03-01');
    expect(said(alice!)).toBe(
      'Indiquez une date à venir : « pause until 2026-12-31 » (ou 31/12/2026), ou « pause off ».',
    );
    await alice!.command('pause until demain');
    expect(said(alice!)).toBe(
      'Indiquez une date à venir : « pause until 2026-12-31 » (ou 31/12/2026), ou « pause off ».',
    );
    expect(h.store.people.findByUserRef('memory', 'U-ALICE')?.pausedUntil).toBeNull();

    // Bruno pauses until Friday 20 March included: no first reminder, a second one.
    await bruno!.command('pause until 2026-03-20');
    expect(said(bruno!)).toBe('Rappels suspendus jusqu’au vendredi 20 mars 2026 inclus.');
    await bruno!.command('pause');
    expect(said(bruno!)).toBe(
      'Vos rappels sont suspendus jusqu’au vendredi 20 mars 2026 inclus. « pause off » pour les reprendre.',
    );
    // Chloé pauses past the session, in the French date format.
    await chloe!.command('pause jusqu’au 31/03/2026');
    expect(said(chloe!)).toBe('Rappels suspendus jusqu’au mardi 31 mars 2026 inclus.');
    // David pauses, then changes his mind after the first reminder time.
    await david!.command('pause until 2026-04-30');

    await h.advanceTo('2026-03-17T08:00:00Z', DAY);
    expect(recipientsSince(0)).toEqual(['U-ALICE', 'U-EMMA']);
    await david!.command('pause off');
    expect(said(david!)).toBe('Les rappels reprennent.');
    await h.advanceTo('2026-03-22T08:00:00Z', DAY);
    expect(recipientsSince(0)).toEqual(['U-ALICE', 'U-ALICE', 'U-BRUNO', 'U-DAVID', 'U-EMMA', 'U-EMMA']);
    expect(chloe!.directs).toEqual([]);
  });

  it('a cancelled session gets no reminder and no digest', async () => {
    h = await createHarness();
    const { facilitator, users, group } = await setUpGroup(h);
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24');
    const session = h.store.sessions.listUpcoming(group.id, h.clock.now())[0]!;
    await h.advanceTo('2026-03-17T08:00:00Z', DAY);
    expect(users.map((u) => u.directs.length)).toEqual([1, 1, 1, 1, 1]);

    await facilitator.press({ action: ACTION.sessionCancel, value: session.id });
    await h.advanceTo('2026-03-25T08:00:00Z', 12 * HOUR);
    expect(users.map((u) => u.directs.length)).toEqual([1, 1, 1, 1, 1]);
    expect(facilitator.directs).toEqual([]);
    expect(h.platform.postsIn('C-LYON').map((m) => m.fallbackText)).toEqual([
      'Cairn accompagne désormais « Groupe Lyon »',
      'La séance du mardi 24 mars 2026 à 14:00 est annulée.',
    ]);
  });

  it('a session moved later after its first reminder: reminders and digest follow the new date', async () => {
    h = await createHarness();
    const { facilitator, users, group } = await setUpGroup(h, { members: [['U-ALICE', 'Alice Martin']] });
    const alice = users[0]!;
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24');
    const session = h.store.sessions.listUpcoming(group.id, h.clock.now())[0]!;
    await h.advanceTo('2026-03-17T08:00:00Z', DAY);
    expect(alice.directs.map((m) => m.fallbackText)).toEqual([FR_REMINDER]);

    // On Wednesday the facilitator moves the session three weeks later, to Tuesday 14 April.
    h.clock.set('2026-03-18T10:00:00Z');
    await facilitator.press({ action: ACTION.sessionEdit, value: session.id });
    await facilitator.submit({ date: '2026-04-14' });
    expect(replyText(facilitator.lastReply)).toBe(
      'Séance de « Groupe Lyon » déplacée au mardi 14 avril 2026 à 14:00.',
    );
    await h.run();
    // The channel is told.
    expect(h.platform.postsIn('C-LYON').map((m) => m.fallbackText)).toEqual([
      'Cairn accompagne désormais « Groupe Lyon »',
      'Changement pour la séance du mardi 24 mars 2026 à 14:00 : elle aura lieu le mardi 14 avril 2026 à 14:00 (Salle Rhône, 2e étage).',
    ]);

    // Nothing around the old dates; both reminders and the digest before the new one, at 09:00 (summer time).
    await h.advanceTo('2026-04-07T06:00:00Z', DAY);
    expect(alice.directs).toHaveLength(1);
    await h.advanceTo('2026-04-07T07:00:00Z');
    const moved = 'Prochaine séance de « Groupe Lyon » le mardi 14 avril 2026 à 14:00 : un cas à proposer ?';
    expect(alice.directs.map((m) => m.fallbackText)).toEqual([FR_REMINDER, moved]);
    await h.advanceTo('2026-04-13T07:00:00Z', DAY);
    expect(alice.directs.map((m) => m.fallbackText)).toEqual([FR_REMINDER, moved, moved]);
    expect(facilitator.directs.map((m) => m.fallbackText)).toEqual([
      'Séance de demain — Groupe Lyon : 0 cas',
    ]);
    expect(h.clock.now().toISOString()).toBe('2026-04-13T07:00:00.000Z');

    // Changing only the start time the same day sends nothing again.
    await facilitator.press({ action: ACTION.sessionEdit, value: session.id });
    await facilitator.submit({ time: '15:00' });
    await h.advance(6 * HOUR);
    expect(alice.directs).toHaveLength(3);
    expect(facilitator.directs).toHaveLength(1);
  });

  it('a session moved earlier: no late reminder for the new date, the channel is told', async () => {
    h = await createHarness();
    const { facilitator, users, group } = await setUpGroup(h, { members: [['U-ALICE', 'Alice Martin']] });
    const alice = users[0]!;
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24');
    const session = h.store.sessions.listUpcoming(group.id, h.clock.now())[0]!;
    await h.advanceTo('2026-03-17T08:00:00Z', DAY);
    // Wednesday 18 March, 10:00 UTC: the session moves to Friday 20 March; 2 days before was this morning.
    h.clock.set('2026-03-18T10:00:00Z');
    await facilitator.press({ action: ACTION.sessionEdit, value: session.id });
    await facilitator.submit({ date: '2026-03-20' });
    await h.advanceTo('2026-03-20T12:00:00Z', 6 * HOUR);
    expect(alice.directs.map((m) => m.fallbackText)).toEqual([FR_REMINDER]);
    expect(facilitator.directs.map((m) => m.fallbackText)).toEqual([
      'Séance de demain — Groupe Lyon : 0 cas',
    ]);
    expect(h.platform.postsIn('C-LYON').at(-1)?.fallbackText).toBe(
      'Changement pour la séance du mardi 24 mars 2026 à 14:00 : elle aura lieu le vendredi 20 mars 2026 à 14:00 (Salle Rhône, 2e étage).',
    );
  });

  it('changing the reminder days does not send again a reminder whose time has passed', async () => {
    h = await createHarness();
    const { facilitator, users } = await setUpGroup(h, { members: [['U-ALICE', 'Alice Martin']] });
    const alice = users[0]!;
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24');
    await h.advanceTo('2026-03-17T08:00:00Z', DAY);
    expect(alice.directs).toHaveLength(1);

    // Wednesday: reminders now 10 and 3 days before. Ten days before (14 March) is past: not sent now.
    h.clock.set('2026-03-18T10:00:00Z');
    await facilitator.command('setup', { in: 'C-LYON' });
    await facilitator.submit({ reminderDays: '10, 3' });
    await h.advanceTo('2026-03-21T07:00:00Z', 6 * HOUR);
    expect(alice.directs).toHaveLength(1);
    await h.advanceTo('2026-03-21T08:00:00Z');
    expect(alice.directs.map((m) => m.fallbackText)).toEqual([FR_REMINDER, FR_REMINDER]);
  });

  it('a session scheduled late gets only the reminders still ahead, at their time', async () => {
    h = await createHarness(); // Monday 2 March
    const { facilitator, users } = await setUpGroup(h, { members: [['U-ALICE', 'Alice Martin']] });
    const alice = users[0]!;
    // Friday 6 March: 7 days before is already past, 2 days before is Wednesday 4 March.
    await scheduleSession(facilitator, 'C-LYON', '2026-03-06');
    await h.advanceTo('2026-03-04T07:00:00Z', 6 * HOUR);
    expect(alice.directs).toEqual([]);
    await h.advanceTo('2026-03-04T08:00:00Z');
    expect(alice.directs.map((m) => m.fallbackText)).toEqual([
      'Prochaine séance de « Groupe Lyon » le vendredi 6 mars 2026 à 14:00 : un cas à proposer ?',
    ]);
  });

  it('a session that has started gets nothing, even when Cairn was down at every reminder time', async () => {
    h = await createHarness();
    const { facilitator } = await setUpGroup(h);
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24');
    await h.run();
    const mark = h.platform.deliveries.length;
    // Down from now until the session has started.
    h.clock.set('2026-03-24T13:00:00Z');
    await h.run();
    // Until the night after (the next morning brings the check-in that follows a session).
    await h.advance(12 * HOUR);
    expect(h.platform.deliveries.slice(mark)).toEqual([]);
    const rows = h.db.sqlite.prepare(
      "SELECT count(*) AS n FROM outbox WHERE id LIKE 'reminder:%' OR id LIKE 'digest:%'",
    );
    expect(rows.get()).toEqual({ n: 0 });
  });
});

describe('case-preparation reminders, in English', () => {
  it('an English group’s members and facilitator get their reminders and digest in English', async () => {
    h = await createHarness();
    const { facilitator, users } = await setUpGroup(h, { name: 'Leaders circle', language: 'en' });
    const [alice, bruno] = users;
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24', '09:30', { place: 'Zoom' });
    // Bruno prefers French.
    await bruno!.command('langue fr');

    await h.advanceTo('2026-03-17T08:00:00Z', DAY);
    const reminder = alice!.directs[0]!;
    expect(reminder.fallbackText).toBe(
      'Next session of "Leaders circle" on Tuesday 24 March 2026 at 09:30: a case to propose?',
    );
    expect(shown(reminder)).toBe(
      [
        'Prepare the next session — Leaders circle',
        'The next session is on Tuesday 24 March 2026 at 09:30 (Zoom).',
        'A good case: a real, current situation that concerns you directly and in which you can act. A few lines are enough.',
        '[Submit a case]',
        '[Not this time]',
        'To pause reminders: "pause until YYYY-MM-DD".',
      ].join('\n'),
    );
    expect(bruno!.directs[0]!.fallbackText).toBe(
      'Prochaine séance de « Leaders circle » le mardi 24 mars 2026 à 09:30 : un cas à proposer ?',
    );

    await alice!.press(button(reminder, ACTION.reminderSkip));
    expect(said(alice!)).toBe('Noted: no more reminders for this session.');
    await alice!.command('pause until 2026-03-01');
    expect(said(alice!)).toBe(
      'Give a date to come: "pause until 2026-12-31" (or 31/12/2026), or "pause off".',
    );
    await bruno!.press(button(bruno!.directs[0], ACTION.caseOpen));
    await bruno!.submit(caseValues({ title: 'How can I delegate more?', kind: 'project', urgency: 'low' }));

    await h.advanceTo('2026-03-23T08:00:00Z', DAY);
    expect(alice!.directs).toHaveLength(1);
    expect(bruno!.directs).toHaveLength(1);
    const digest = facilitator.directs.at(-1)!;
    expect(digest.fallbackText).toBe('Tomorrow’s session — Leaders circle: 1 case(s)');
    expect(messageText(digest)).toContain('Session of Tuesday 24 March 2026 at 09:30: 1 case(s) proposed.');
    expect(messageText(digest)).toContain(
      'How can I delegate more?\nAuthor: Bruno Petit\nKind: A project\nUrgency: Can wait',
    );
  });
});
