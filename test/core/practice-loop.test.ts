import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, type MemoryUser, messageText } from '../../adapters/memory/platform.js';
import { ACTION } from '../../src/core/contract/ids.js';
import type { Message } from '../../src/core/contract/message.js';
import { createHarness, DAY, type Harness, HOUR, scheduleSession, setUpGroup } from '../support/harness.js';
import { button, caseValues, countRows, replyText, said, shown } from '../support/scenario.js';

/**
 * The practice loop between sessions, as Alice lives it (issue 18): she notes two situations over a week,
 * turns one into a case, it is presented, she writes her action plan, the clock reaches its follow-up, she
 * reports, and the next digest opens with her report. In French, the group's language.
 */

let h: Harness;
afterEach(() => h?.close());

const NOTE_1 = 'Réunion de production : mon adjoint a contredit mon arbitrage devant l’équipe de nuit.';
const NOTE_2 = 'Entretien annuel tendu avec une technicienne qui demande une mutation.';
const NOTICED_2 = 'J’ai senti de la colère, puis de la fatigue.';
const PLAN = 'Proposer à mon adjoint un point hebdomadaire en tête-à-tête avant la réunion de production.';
const HAPPENED = 'Deux points ont eu lieu ; le second a permis de préparer ensemble l’arbitrage du planning.';
const LEARNED = 'Préparer avec lui plutôt que trancher devant l’équipe.';
const TAKEAWAY = 'Je retiens qu’un désaccord exprimé en public est souvent une demande de place.';

const lastMessage = (user: MemoryUser): Message => {
  const reply = user.lastReply;
  if (reply?.kind !== 'message') throw new Error(`not a message: ${JSON.stringify(reply)}`);
  return reply.message;
};
const lastDirect = (user: MemoryUser): Message => user.directs.at(-1)!;

describe('the practice loop, in French', () => {
  it('notes → a case → presented → action plan → follow-up → report → the next digest opens with it', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const { facilitator, users, space } = await setUpGroup(h);
    const [alice, bruno] = users as [MemoryUser, MemoryUser];
    await scheduleSession(facilitator, space, '2026-03-19');
    await scheduleSession(facilitator, space, '2026-04-16');
    await scheduleSession(facilitator, space, '2026-05-14');

    // Monday: a situation, typed after the command, saved at once.
    await alice.command(`note ${NOTE_1}`);
    expect(said(alice)).toBe(
      [
        'C’est noté dans votre carnet. Vous seul·e pouvez le lire.',
        'Votre carnet compte 1 note.',
        '[Mon carnet]',
      ].join('\n'),
    );
    // Thursday: "note" alone opens the form (a situation, what I felt or noticed).
    await h.advance(3 * DAY, DAY);
    await alice.command('note');
    expect(alice.form?.title).toBe('Noter une situation');
    expect(alice.form?.fields.map((f) => [f.id, f.kind, f.required])).toEqual([
      ['text', 'multiline', true],
      ['noticed', 'multiline', false],
    ]);
    await alice.submit({ text: NOTE_2, noticed: NOTICED_2 });
    expect(replyText(alice.lastReply)).toContain('Votre carnet compte 2 notes.');

    // The case-preparation reminder a week before says how many notes she wrote, and offers to read them.
    await h.advanceTo('2026-03-12T08:00:00Z', 6 * HOUR);
    const reminder = lastDirect(alice);
    expect(shown(reminder)).toContain(
      'Depuis la dernière séance, vous avez noté 2 situations dans votre carnet : peut-être un cas ?',
    );
    expect(shown(lastDirect(bruno))).not.toContain('carnet');
    await alice.press(button(reminder, ACTION.notesList));
    const notebook = lastMessage(alice);
    const list = shown(notebook);
    expect(list.indexOf(NOTE_2)).toBeGreaterThan(0);
    expect(list.indexOf(NOTE_2)).toBeLessThan(list.indexOf(NOTE_1)); // newest first
    expect(list).toContain(`Ressenti, remarqué : ${NOTICED_2}`);
    expect(list).toContain('Vous seul·e lisez ces notes : ni l’animateur·rice ni le groupe.');

    // "Turn into a case": the case form, the note as its situation.
    const first = h.store.notes.listByAuthor(h.store.people.findByUserRef('memory', 'U-ALICE')!.id).at(-1)!;
    await alice.press(button(notebook, ACTION.noteToCase, first.id));
    expect(alice.form?.title).toBe('Proposer un cas');
    expect(alice.form?.fields.find((f) => f.id === 'situation')?.initial).toBe(NOTE_1);
    await alice.submit(caseValues({ situation: NOTE_1, title: 'Comment puis-je recadrer mon adjoint ?' }));
    expect(alice.lastReply?.kind).toBe('form.done');
    const aliceCase = h.store.cases.listByAuthor(first.authorId)[0]!;
    expect(aliceCase.situation).toBe(NOTE_1);

    // The session: the facilitator marks the case presented during it; the plan prompt waits for 18:00.
    await h.advanceTo('2026-03-19T14:00:00Z', 6 * HOUR); // 15:00 in Paris
    await facilitator.press({ action: ACTION.caseMark, value: `${aliceCase.id}:presented` });
    await h.run();
    const beforeEvening = alice.directs.length;
    await h.advanceTo('2026-03-19T16:45:00Z', 15 * 60_000);
    expect(alice.directs).toHaveLength(beforeEvening);
    await h.advanceTo('2026-03-19T17:00:00Z', 15 * 60_000); // 18:00 in Paris
    expect(alice.directs).toHaveLength(beforeEvening + 1);
    const prompt = lastDirect(alice);
    expect(prompt.fallbackText).toBe('Votre plan d’action pour « Comment puis-je recadrer mon adjoint ? »');
    expect(shown(prompt)).toContain('Qu’allez-vous essayer, avec qui, et d’ici quand ?');
    // Only her: nobody else got it, and not twice.
    await h.advance(2 * DAY);
    expect(alice.directs.filter((m) => m.fallbackText === prompt.fallbackText)).toHaveLength(1);
    for (const u of [facilitator, ...users.slice(1)])
      expect(u.directs.map((m) => m.fallbackText)).not.toContain(prompt.fallbackText);

    // The day after, the check-in prompt carries "What do I take away?"; she sends hers, named, for the synthesis.
    const checkin = alice.directs.find((m) => m.fallbackText.startsWith('Point d’étape anonyme'))!;
    expect(shown(checkin)).toContain('Et qu’est-ce que vous retenez de la séance du jeudi 19 mars 2026 ?');
    expect(
      alice.directs.filter((m) => buttonsOf(m).some((b) => b.action === ACTION.takeawayWrite)),
    ).toHaveLength(1);
    await alice.press(button(checkin, ACTION.takeawayWrite));
    expect(alice.form?.title).toBe('Ce que je retiens');
    await alice.submit({ text: TAKEAWAY, share: 'true' });
    expect(replyText(alice.lastReply)).toBe(
      'C’est noté dans votre carnet, et envoyé avec votre nom à l’animateur·rice pour la synthèse.',
    );
    await h.run();
    expect(messageText(lastDirect(facilitator))).toContain(TAKEAWAY);
    expect(lastDirect(facilitator).fallbackText).toContain('Alice Martin');
    await facilitator.command('synthesis', { in: space });
    const intro = (facilitator.form?.intro ?? []).map((b) => ('text' in b ? b.text : '')).join('\n');
    expect(intro).toContain('Ce que des membres vous ont envoyé pour la synthèse');
    expect(intro).toContain('Alice Martin — Groupe Lyon, séance du jeudi 19 mars 2026');
    expect(intro).toContain(TAKEAWAY);
    facilitator.form = undefined;
    // In her notebook, filtered by session.
    await alice.command('notes');
    const takeawayFilter = button(lastMessage(alice), ACTION.notesList, `session:${aliceCase.sessionId}`);
    await alice.press(takeawayFilter);
    expect(shown(lastMessage(alice))).toContain(TAKEAWAY);
    expect(shown(lastMessage(alice))).not.toContain(NOTE_1);

    // Her action plan: the date defaults to 7 days before the next session.
    await alice.press(button(prompt, ACTION.planWrite));
    expect(alice.form?.title).toBe('Mon plan d’action');
    expect(alice.form?.fields.find((f) => f.id === 'followUpOn')?.initial).toBe('2026-04-09');
    expect(alice.form?.fields.find((f) => f.id === 'visibility')?.initial).toBe('me');
    await alice.submit({ what: PLAN, followUpOn: '2026-03-01' });
    expect(alice.formErrors).toEqual({
      followUpOn: 'Cette date est passée : choisissez aujourd’hui ou plus tard.',
    });
    await alice.submit({ what: PLAN, followUpOn: '2026-05-15' });
    expect(alice.formErrors).toEqual({
      followUpOn:
        'Trop loin : choisissez une date jusqu’au jeudi 14 mai 2026 (la séance d’après la prochaine).',
    });
    expect(countRows(h, 'action_plans')).toBe(0);
    await alice.submit({ what: PLAN, withWhom: 'Mon adjoint', followUpOn: '2026-04-09' });
    expect(replyText(alice.lastReply)).toBe(
      [
        'Votre plan d’action pour « Comment puis-je recadrer mon adjoint ? » est enregistré.',
        'Le jeudi 9 avril 2026 à 9 h, Cairn vous demandera comment cela s’est passé.',
        'Vous seul·e pouvez le lire.',
      ].join('\n'),
    );
    // Her home shows her plan and its date, and her notebook's count.
    const home = messageText(
      h.core.home({ platform: 'memory', userRef: 'U-ALICE', displayName: 'Alice Martin', workspace: 'W1' }),
    );
    expect(home).toContain(
      'Mon plan d’action pour « Comment puis-je recadrer mon adjoint ? » : suivi le jeudi 9 avril 2026.',
    );
    expect(home).toContain('Mon carnet : 3 note(s), dont 1 depuis la dernière séance. Vous seul·e le lisez.');

    // The follow-up, on its date at 09:00 in Paris (summer time: 07:00 UTC), with the week's case reminder.
    await h.advanceTo('2026-04-09T06:30:00Z', 12 * HOUR);
    const beforeFollowUp = alice.directs.length;
    await h.advanceTo('2026-04-09T07:00:00Z', 30 * 60_000);
    const arrived = alice.directs.slice(beforeFollowUp);
    expect(arrived.map((m) => m.fallbackText).sort()).toEqual([
      'Comment cela s’est-il passé ? — Comment puis-je recadrer mon adjoint ?',
      'Prochaine séance de « Groupe Lyon » le jeudi 16 avril 2026 à 14:00 : un cas à proposer ?',
    ]);
    const followUp = arrived.find((m) => m.fallbackText.startsWith('Comment cela'))!;
    expect(followUp.fallbackText).toBe(
      'Comment cela s’est-il passé ? — Comment puis-je recadrer mon adjoint ?',
    );
    expect(shown(followUp)).toContain(`Votre plan : ${PLAN}`);
    expect(buttonsOf(followUp).map((b) => b.label)).toEqual([
      'Raconter',
      'Pas maintenant',
      'Arrêter le suivi',
    ]);

    // She reports and shares it with the group; a second answer changes nothing.
    await alice.press(button(followUp, ACTION.planReport));
    const reportForm = alice.form!;
    expect(reportForm.fields.find((f) => f.id === 'share')?.initial).toBe('no');
    await alice.submit({ outcome: 'partly', happened: HAPPENED, learned: LEARNED, share: 'group' });
    expect(replyText(alice.lastReply)).toBe(
      [
        'Merci. Votre compte rendu est enregistré.',
        'L’animateur·rice le lira la veille de la prochaine séance, et vous en direz un mot au groupe.',
      ].join('\n'),
    );
    alice.form = reportForm;
    await alice.submit({ outcome: 'tried', happened: 'Une autre version', share: 'no' });
    expect(replyText(alice.lastReply)).toBe(
      'Vous avez déjà raconté comment cela s’est passé : votre compte rendu est gardé tel quel.',
    );
    await alice.press(button(followUp, ACTION.planReport));
    expect(said(alice)).toBe(
      'Vous avez déjà raconté comment cela s’est passé : votre compte rendu est gardé tel quel.',
    );
    expect(h.store.plans.getByCase(aliceCase.id)?.report).toMatchObject({
      outcome: 'partly',
      happened: HAPPENED,
      share: 'group',
    });

    // The day before the next session, the facilitator's digest opens with her report.
    await h.advanceTo('2026-04-15T07:00:00Z', 12 * HOUR);
    const digest = lastDirect(facilitator);
    expect(digest.fallbackText).toBe('Séance de demain — Groupe Lyon : 0 cas');
    expect(digest.blocks[0]).toEqual({ type: 'heading', text: 'Les retours des précédents clients' });
    const digestText = shown(digest);
    expect(digestText).toContain('Alice Martin — « Comment puis-je recadrer mon adjoint ? »');
    expect(digestText).toContain(`Ce qui s’est passé\n${HAPPENED}`);
    expect(digestText).toContain(`Ce que j’en ai appris\n${LEARNED}`);
    // A "me only" plan is not in it, nor in anything anyone else received; nor the note that stayed a note
    // (the other became the case's situation, which the facilitator reads as a case).
    expect(digestText).not.toContain(PLAN);
    for (const u of [facilitator, ...users.slice(1)])
      for (const m of u.directs) {
        expect(messageText(m)).not.toContain(PLAN);
        expect(messageText(m)).not.toContain(NOTE_2);
        expect(messageText(m)).not.toContain(NOTICED_2);
        if (u !== facilitator) expect(messageText(m)).not.toContain(NOTE_1);
      }
    // The digest after, a month later, does not carry the report again.
    await h.advanceTo('2026-05-13T07:00:00Z', 2 * DAY);
    expect(shown(lastDirect(facilitator))).not.toContain(HAPPENED);
  });
});

describe('the practice loop, in English', () => {
  it('the same loop for a group that speaks English', async () => {
    h = await createHarness({ start: '2026-09-07T07:00:00Z' });
    const { facilitator, users, space } = await setUpGroup(h, { language: 'en' });
    const [alice] = users as [MemoryUser];
    for (const date of ['2026-09-24', '2026-10-22', '2026-11-19'])
      await scheduleSession(facilitator, space, date);

    await alice.command('note My deputy overruled me in front of the night shift.');
    expect(said(alice)).toBe(
      ['Noted in your notebook. Only you can read it.', 'Your notebook has 1 note.', '[My notes]'].join('\n'),
    );
    await h.advance(2 * DAY, DAY);
    await alice.command('note');
    expect(alice.form?.title).toBe('Note a situation');
    await alice.submit({
      text: 'A tense yearly review with a technician asking to move.',
      noticed: 'Tired.',
    });

    await h.advanceTo('2026-09-17T07:00:00Z', 6 * HOUR); // 09:00 in Paris, a week before the session
    const reminder = lastDirect(alice);
    expect(shown(reminder)).toContain(
      'Since the last session you noted 2 situations in your notebook: a case, perhaps?',
    );
    await alice.press(button(reminder, ACTION.notesList));
    const notebook = lastMessage(alice);
    expect(notebook.fallbackText).toBe('My notebook: 2 note(s)');
    const first = buttonsOf(notebook)
      .filter((b) => b.action === ACTION.noteToCase)
      .at(-1)!;
    await alice.press(first);
    expect(alice.form?.fields.find((f) => f.id === 'situation')?.initial).toBe(
      'My deputy overruled me in front of the night shift.',
    );
    // The situation stays as the note pre-filled it.
    const { situation: _kept, ...rest } = caseValues({ title: 'How can I set the frame with my deputy?' });
    await alice.submit(rest);
    const c = h.store.cases.listByAuthor(h.store.people.findByUserRef('memory', 'U-ALICE')!.id)[0]!;
    expect(c.situation).toBe('My deputy overruled me in front of the night shift.');

    // Presented, after the session: the prompt comes at once.
    await h.advanceTo('2026-09-24T16:00:00Z', 6 * HOUR);
    await facilitator.press({ action: ACTION.caseMark, value: `${c.id}:presented` });
    await h.run();
    const prompt = lastDirect(alice);
    expect(prompt.fallbackText).toBe('Your action plan for "How can I set the frame with my deputy?"');
    await alice.press(button(prompt, ACTION.planWrite));
    expect(alice.form?.fields.find((f) => f.id === 'followUpOn')?.initial).toBe('2026-10-15');
    await alice.submit({ what: 'A weekly one-to-one before the production meeting.' });
    expect(replyText(alice.lastReply)).toContain(
      'On Thursday 15 October 2026 at 09:00, Cairn will ask you how it went.',
    );

    // The follow-up on 15 October at 09:00 (summer time in Paris); she reports for the facilitator only.
    await h.advanceTo('2026-10-15T07:00:00Z', 12 * HOUR);
    const followUp = alice.directs.find((m) => m.fallbackText.startsWith('How did it go?'))!;
    expect(shown(followUp)).toContain('At the session of Thursday 24 September 2026, you presented');
    await alice.press(button(followUp, ACTION.planReport));
    await alice.submit({
      outcome: 'tried',
      happened: 'Two one-to-ones; the second prepared the rota together.',
      share: 'facilitators',
    });
    expect(replyText(alice.lastReply)).toBe(
      [
        'Thank you. Your report is saved.',
        'The facilitator will read it the day before the next session.',
      ].join('\n'),
    );

    // The digest the day before the next session opens with it.
    await h.advanceTo('2026-10-21T07:00:00Z', 12 * HOUR);
    const digest = lastDirect(facilitator);
    expect(digest.fallbackText).toBe('Tomorrow’s session — Groupe Lyon: 0 case(s)');
    expect(shown(digest)).toMatch(
      /^Reports from previous clients\nAlice Martin — "How can I set the frame with my deputy\?"\nI tried it: Yes\nShare it at the next session: With the facilitator\nWhat happened\nTwo one-to-ones; the second prepared the rota together\./,
    );
    expect(shown(digest)).not.toContain('A weekly one-to-one');
  });
});
