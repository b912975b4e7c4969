import { afterEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/core/contract/ids.js';
import { createHarness, DAY, type Harness, scheduleSession, setUpGroup } from '../support/harness.js';
import { button, caseIdIn, countRows, proposeCase, replyText, said, shown } from '../support/scenario.js';

let h: Harness;
afterEach(() => h?.close());

const sessionsOf = (groupId: string) =>
  h.store.sessions.listUpcoming(groupId, h.clock.now()).map((s) => ({
    startsAt: s.startsAt.toISOString(),
    minutes: s.durationMinutes,
    place: s.place,
  }));

describe('sessions, in French', () => {
  it('a facilitator schedules a one-off session; the members see it in their help', async () => {
    h = await createHarness();
    const { facilitator, users, group } = await setUpGroup(h);

    await facilitator.command('session', { in: 'C-LYON' });
    const form = facilitator.form!;
    expect(form.title).toBe('Programmer une séance');
    expect(form.fields.map((f) => f.id)).toEqual([
      'date',
      'time',
      'duration',
      'place',
      'everyWeeks',
      'count',
    ]);

    await facilitator.submit({ date: '2026-03-24', time: '14:00', duration: '210', place: 'Salle Rhône' });
    expect(replyText(facilitator.lastReply)).toBe(
      'Séance de « Groupe Lyon » programmée le mardi 24 mars 2026 à 14:00.',
    );
    // The same form sent again (a double tap, a replayed request) schedules nothing more.
    await facilitator.submit(
      { date: '2026-03-24', time: '14:00', duration: '210', place: 'Salle Rhône' },
      { formId: form.id, state: form.state },
    );
    expect(replyText(facilitator.lastReply)).toBe(
      'Ce formulaire a expiré ou n’est plus valide : ouvrez-le à nouveau (relancez la commande ou le bouton).',
    );
    // 14:00 in Paris in winter is 13:00 UTC.
    expect(sessionsOf(group.id)).toEqual([
      { startsAt: '2026-03-24T13:00:00.000Z', minutes: 210, place: 'Salle Rhône' },
    ]);

    const alice = users[0]!;
    await alice.command('aide');
    expect(said(alice)).toContain(
      'Prochaine séance de « Groupe Lyon » : mardi 24 mars 2026 à 14:00 (Salle Rhône).',
    );
    await alice.command('sessions');
    expect(said(alice)).toContain('mardi 24 mars 2026 à 14:00 · 210 min · Salle Rhône');
    // A member gets no buttons to change it.
    expect(
      alice.lastReply?.kind === 'message' && alice.lastReply.message.blocks.some((b) => b.type === 'actions'),
    ).toBe(false);
  });

  it('a date in the past is a field error and nothing is stored', async () => {
    h = await createHarness(); // Monday 2 March 2026, 09:00 in Paris
    const { facilitator, group } = await setUpGroup(h);
    await facilitator.command('session', { in: 'C-LYON' });

    await facilitator.submit({ date: '2026-03-01', time: '14:00', place: 'Salle Rhône' });
    expect(facilitator.formErrors).toEqual({ date: 'Cette date est passée : choisissez une date à venir.' });
    await facilitator.submit({ date: '2026-03-02', time: '08:30', place: 'Salle Rhône' });
    expect(facilitator.formErrors).toEqual({ date: 'Cette date est passée : choisissez une date à venir.' });
    await facilitator.submit({ date: '2026-02-30', time: '14:00', place: '' });
    expect(facilitator.formErrors).toEqual({
      date: 'Date non valide (format AAAA-MM-JJ).',
      place: 'Ce champ est obligatoire.',
    });
    expect(countRows(h, 'sessions')).toBe(0);

    // Later the same morning is fine.
    await facilitator.submit({ date: '2026-03-02', time: '09:30', place: 'Salle Rhône' });
    expect(facilitator.lastReply?.kind).toBe('form.done');
    expect(sessionsOf(group.id)).toHaveLength(1);
  });

  it('a recurring series: every N weeks, M sessions, at the same local time across daylight saving', async () => {
    h = await createHarness();
    const { facilitator, group } = await setUpGroup(h);
    await facilitator.command('séance', { in: 'C-LYON' });

    for (const count of ['0', '53', '', 'dix']) {
      await facilitator.submit({ date: '2026-03-17', time: '14:00', place: 'Visio', everyWeeks: '4', count });
      expect(facilitator.formErrors).toEqual({ count: 'Indiquez un nombre de séances entre 1 et 52.' });
    }
    expect(countRows(h, 'sessions')).toBe(0);

    await facilitator.submit({
      date: '2026-03-17',
      time: '14:00',
      place: 'Visio',
      everyWeeks: '4',
      count: '3',
    });
    expect(replyText(facilitator.lastReply)).toBe(
      '3 séances de « Groupe Lyon » programmées toutes les 4 semaine(s), à partir du mardi 17 mars 2026 à 14:00.',
    );
    expect(sessionsOf(group.id).map((s) => s.startsAt)).toEqual([
      '2026-03-17T13:00:00.000Z',
      '2026-04-14T12:00:00.000Z', // summer time: still 14:00 in Paris
      '2026-05-12T12:00:00.000Z',
    ]);
    const series = h.store.sessions.listUpcoming(group.id, h.clock.now()).map((s) => s.seriesId);
    expect(new Set(series).size).toBe(1);
    expect(series[0]).not.toBeNull();

    // The largest series allowed.
    await facilitator.command('session', { in: 'C-LYON' });
    await facilitator.submit({
      date: '2026-06-01',
      time: '09:00',
      place: 'Visio',
      everyWeeks: '1',
      count: '52',
    });
    expect(facilitator.lastReply?.kind).toBe('form.done');
    expect(countRows(h, 'sessions')).toBe(55);
  });

  it('a facilitator moves a session; members see the new date', async () => {
    h = await createHarness();
    const { facilitator, users, group } = await setUpGroup(h);
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24');

    await facilitator.command('sessions', { in: 'C-LYON' });
    const list = facilitator.lastReply?.kind === 'message' ? facilitator.lastReply.message : undefined;
    expect(shown(list)).toContain('mardi 24 mars 2026 à 14:00 · 180 min · Salle Rhône, 2e étage');
    await facilitator.press(button(list, ACTION.sessionEdit));
    expect(facilitator.form?.title).toBe('Modifier la séance');
    const initial = Object.fromEntries(facilitator.form!.fields.map((f) => [f.id, f.initial]));
    expect(initial).toEqual({
      date: '2026-03-24',
      time: '14:00',
      duration: '180',
      place: 'Salle Rhône, 2e étage',
    });

    await facilitator.submit({ date: '2026-03-31', time: '09:30', place: 'Salle Saône' });
    expect(replyText(facilitator.lastReply)).toBe(
      'Séance de « Groupe Lyon » déplacée au mardi 31 mars 2026 à 09:30.',
    );
    expect(sessionsOf(group.id)).toEqual([
      { startsAt: '2026-03-31T07:30:00.000Z', minutes: 180, place: 'Salle Saône' },
    ]);
    await users[1]!.command('help');
    expect(said(users[1]!)).toContain(
      'Prochaine séance de « Groupe Lyon » : mardi 31 mars 2026 à 09:30 (Salle Saône).',
    );
    await h.run();
    expect(
      h.platform
        .postsIn('C-LYON')
        .map((m) => m.fallbackText)
        .slice(1),
    ).toEqual([
      'Changement pour la séance du mardi 24 mars 2026 à 14:00 : elle aura lieu le mardi 31 mars 2026 à 09:30 (Salle Saône).',
    ]);
    // Saving the form unchanged posts nothing.
    const session = h.store.sessions.listUpcoming(group.id, h.clock.now())[0]!;
    await facilitator.press({ action: ACTION.sessionEdit, value: session.id });
    await facilitator.submit({});
    await h.run();
    expect(h.platform.postsIn('C-LYON')).toHaveLength(2);
  });

  it('cancelling a session: its cases move to the next one, a notice is posted, no reminder goes out', async () => {
    h = await createHarness();
    const { facilitator, users, group } = await setUpGroup(h);
    const [alice, bruno, chloe] = users;
    await scheduleSession(facilitator, 'C-LYON', '2026-03-17', '14:00', { everyWeeks: '4', count: '2' });
    const [first, second] = h.store.sessions.listUpcoming(group.id, h.clock.now());

    await proposeCase(alice!, { title: 'Comment dire non à mon N+1 ?' });
    await proposeCase(bruno!, { title: 'Comment accueillir un nouvel adjoint ?' });
    // The facilitator has already selected Bruno's case for the first session.
    await facilitator.command('cases');
    const queue = facilitator.lastReply?.kind === 'message' ? facilitator.lastReply.message : undefined;
    const brunoCase = caseIdIn(queue!, 'Comment accueillir un nouvel adjoint ?');
    await facilitator.press({ action: ACTION.caseMark, value: `${brunoCase}:selected` });
    await h.run();
    const before = h.platform.deliveries.length;

    await facilitator.command('sessions', { in: 'C-LYON' });
    const list = facilitator.lastReply?.kind === 'message' ? facilitator.lastReply.message : undefined;
    await facilitator.press(button(list, ACTION.sessionCancel, first!.id));
    expect(said(facilitator)).toBe(
      'La séance du mardi 17 mars 2026 à 14:00 est annulée ; ses rappels ne partiront pas.',
    );

    // Both cases now wait for the second session, the selected one still selected.
    const cases = h.store.cases.listBySession(second!.id).map((c) => [c.title, c.status]);
    expect(cases.sort()).toEqual([
      ['Comment accueillir un nouvel adjoint ?', 'selected'],
      ['Comment dire non à mon N+1 ?', 'submitted'],
    ]);
    expect(h.store.cases.listBySession(first!.id)).toEqual([]);

    // Pressing cancel again (a stale button) changes nothing.
    await facilitator.press(button(list, ACTION.sessionCancel, first!.id));
    expect(said(facilitator)).toBe('Cette séance n’existe pas ou a été annulée.');

    // Past the cancelled session's reminder times and start: nothing but the notice in the channel.
    await h.advanceTo('2026-03-18T12:00:00Z', DAY);
    const after = h.platform.deliveries.slice(before);
    expect(after.map((d) => [d.kind, d.address, d.message.fallbackText])).toEqual([
      ['space', 'C-LYON', 'La séance du mardi 17 mars 2026 à 14:00 est annulée.'],
    ]);
    expect(chloe!.directs).toEqual([]);

    // Help shows the next real session.
    await chloe!.command('help');
    expect(said(chloe!)).toContain('Prochaine séance de « Groupe Lyon » : mardi 14 avril 2026 à 14:00');
  });

  it('a member cannot schedule, move or cancel a session: refused and nothing stored', async () => {
    h = await createHarness();
    const { facilitator, users, group } = await setUpGroup(h);
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24');
    const session = h.store.sessions.listUpcoming(group.id, h.clock.now())[0]!;
    const alice = users[0]!;
    const refusal = 'Seul·e l’animateur·rice du groupe peut faire cela.';

    await alice.command('session', { in: 'C-LYON' });
    expect(said(alice)).toBe(refusal);
    expect(alice.form).toBeUndefined();
    await alice.command('session');
    expect(said(alice)).toBe(refusal);
    await alice.press({ action: ACTION.sessionNew, value: group.id });
    expect(said(alice)).toBe(refusal);
    await alice.press({ action: ACTION.sessionEdit, value: session.id });
    expect(said(alice)).toBe(refusal);
    await alice.press({ action: ACTION.sessionCancel, value: session.id });
    expect(said(alice)).toBe(refusal);

    // Even holding a facilitator's session form, Alice cannot use it.
    await facilitator.command('session', { in: 'C-LYON' });
    await alice.submit(
      { date: '2026-04-01', time: '10:00', place: 'Chez Alice' },
      { formId: 'session', state: facilitator.form!.state },
    );
    expect(replyText(alice.lastReply)).toBe(
      'Ce formulaire a expiré ou n’est plus valide : ouvrez-le à nouveau (relancez la commande ou le bouton).',
    );

    await h.run();
    expect(countRows(h, 'sessions')).toBe(1);
    expect(h.store.sessions.get(session.id)).toEqual(session);
    expect(h.platform.postsIn('C-LYON')).toHaveLength(1); // the welcome only
  });
});

describe('sessions, in English and in another time zone', () => {
  it('help shows the next session in the member’s language and the group’s time zone', async () => {
    h = await createHarness();
    const { facilitator, users, group } = await setUpGroup(h, { name: 'Groupe Québec' });
    // The group meets in Montréal.
    await facilitator.command('setup', { in: 'C-LYON' });
    await facilitator.submit({ timeZone: 'America/Montreal' });
    expect(h.store.groups.get(group.id)?.timeZone).toBe('America/Montreal');
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24', '10:00', { place: 'Zoom' });
    expect(sessionsOf(group.id)[0]?.startsAt).toBe('2026-03-24T14:00:00.000Z');

    const alice = users[0]!;
    await alice.command('language en');
    expect(said(alice)).toBe('Noted: I will write to you in English from now on.');
    await alice.command('help');
    expect(said(alice)).toContain('Next session of "Groupe Québec": Tuesday 24 March 2026 at 10:00 (Zoom).');
    expect(said(alice)).not.toContain('Prochaine');

    // Her home view (Slack App Home, the playground) says the same.
    const home = h.core.home({
      platform: 'memory',
      userRef: 'U-ALICE',
      displayName: 'Alice Martin',
      workspace: 'W1',
    });
    expect(shown(home)).toContain('Next session: Tuesday 24 March 2026 at 10:00 (Zoom)');

    // Bruno kept French.
    await users[1]!.command('help');
    expect(said(users[1]!)).toContain(
      'Prochaine séance de « Groupe Québec » : mardi 24 mars 2026 à 10:00 (Zoom).',
    );

    // The facilitator of an English group schedules in English.
    await facilitator.command('language english');
    await facilitator.command('session', { in: 'C-LYON' });
    expect(facilitator.form?.title).toBe('Schedule a session');
    await facilitator.submit({ date: '2026-03-01', time: '10:00', place: 'Zoom' });
    expect(facilitator.formErrors).toEqual({ date: 'This date has passed: choose a date to come.' });
    await facilitator.submit({
      date: '2026-04-21',
      time: '10:00',
      place: 'Zoom',
      everyWeeks: '2',
      count: '53',
    });
    expect(facilitator.formErrors).toEqual({ count: 'Give a number of sessions between 1 and 52.' });
    await facilitator.submit({
      date: '2026-04-21',
      time: '10:00',
      place: 'Zoom',
      everyWeeks: '2',
      count: '2',
    });
    expect(replyText(facilitator.lastReply)).toBe(
      '2 sessions of "Groupe Québec" scheduled every 2 week(s), starting Tuesday 21 April 2026 at 10:00.',
    );
  });
});
