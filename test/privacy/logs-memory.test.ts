import { afterEach, describe, expect, it } from 'vitest';
import { buttonsOf, type MemoryUser } from '../../adapters/memory/platform.js';
import { ACTION } from '../../src/core/contract/ids.js';
import type { Message } from '../../src/core/contract/message.js';
import { caseTexts, submitCase } from '../support/cases.js';
import { answer, openRoundOf, scores } from '../support/checkins.js';
import { createHarness, type Harness, scheduleSession, setUpGroup } from '../support/harness.js';

let h: Harness;
afterEach(() => h?.close());

const PEOPLE: [string, string][] = [
  ['U-ALICE-7Q', 'Alice Martin'],
  ['U-BRUNO-7Q', 'Bruno Petit'],
  ['U-CHLOE-7Q', 'Chloé Durand'],
  ['U-DAVID-7Q', 'David Moreau'],
  ['U-EMMA-7Q', 'Emma Laurent'],
];
const FACILITATOR: [string, string] = ['U-FAC-7Q', 'Claire Animatrice'];

/** Attack 4 on the memory adapter (the other adapters: logs-adapters.test.ts). */
describe('logs at their most verbose level', () => {
  it('carry no value anyone submitted, no name and no user id, through every flow', async () => {
    h = await createHarness({ start: '2026-03-02T08:00:00Z' });
    const submitted: string[] = [];
    const { space, facilitator, users, group } = await setUpGroup(h, {
      name: 'Groupe Horizon Qx',
      members: PEOPLE,
      facilitator: FACILITATOR,
      language: 'en',
    });
    submitted.push('Groupe Horizon Qx');
    const [alice, bruno, chloe, david, emma] = users as MemoryUser[];

    // Setup again, with support contacts and settings.
    const contacts = 'Cellule écoute Qx : 01 23 45 67 89, Dr Varenne';
    await facilitator.command('setup', { in: space });
    await facilitator.submit({ supportContacts: contacts, name: 'Groupe Horizon Qz', retentionMonths: '24' });
    submitted.push(contacts, 'Groupe Horizon Qz');

    // Sessions.
    await scheduleSession(facilitator, space, '2026-03-10', '14:00', { place: 'Salle Qx-Pavillon 12' });
    submitted.push('Salle Qx-Pavillon 12');

    // Cases: submitted, then edited.
    const aliceCase = caseTexts('Qx-Alice');
    const brunoCase = caseTexts('Qx-Bruno');
    await submitCase(alice!, space, aliceCase);
    await submitCase(bruno!, space, brunoCase, { visibility: 'facilitator' });
    submitted.push(...Object.values(aliceCase), ...Object.values(brunoCase));
    const cases = await alice!.command('cases');
    const edit = buttonsOf((cases as { message: Message }).message).find(
      (b) => b.action === ACTION.caseEdit,
    )!;
    await alice!.press(edit);
    const edited = 'Situation-Qx-édition: le conflit s’est déplacé vers le comité de direction.';
    await alice!.submit({ situation: edited });
    submitted.push(edited);
    await h.run();

    // Reminders, digest, the session, and the scheduled check-in round the day after.
    await h.advanceTo('2026-03-11T09:00:00Z');
    const round = openRoundOf(h, group.id);
    await answer(alice!, round.id, scores(1, 2, 3, 1));
    await answer(bruno!, round.id, scores(5, 4, 2, 3));
    await answer(chloe!, round.id, scores(2, 5, 4, 4));
    await answer(david!, round.id, scores(4, 1, 5, 2));
    // A bad value and a second answer.
    await emma!.press({ action: ACTION.checkinOpen, value: round.id });
    await emma!.submit({ ...scores(3), overall: '9' });
    await answer(alice!, round.id, scores(5));
    // The duty-of-care request.
    await alice!.press({ action: ACTION.careContact, value: group.id });
    // The notebook (typed, a form, a takeaway sent for the synthesis), an action plan and its report.
    const between = {
      note: 'Note-Qx: un arbitrage contesté en réunion de production',
      form: 'Noté-Qx: une opératrice en larmes au vestiaire',
      noticed: 'Ressenti-Qx: une grande fatigue',
      takeaway: 'Retenu-Qx: poser une question avant de conseiller',
      plan: 'Plan-Qx: un entretien mensuel avec chaque adjoint',
      withWhom: 'Avec-Qx: les adjoints',
      support: 'Soutien-Qx: un regard du groupe',
      happened: 'Compte-Rendu-Qx: deux entretiens tenus sur trois',
      learned: 'Appris-CR-Qx: prévenir la veille',
    };
    await bruno!.command(`note ${between.note}`);
    await chloe!.command('note');
    await chloe!.submit({ text: between.form, noticed: between.noticed });
    const past = h.store.sessions.listPast(group.id, h.clock.now(), 1)[0]!;
    await chloe!.press({ action: ACTION.takeawayWrite, value: past.id });
    await chloe!.submit({ text: between.takeaway, share: 'true' });
    const storedCase = h.store.cases.listByAuthor(
      h.store.people.findByUserRef('memory', 'U-BRUNO-7Q')!.id,
    )[0]!;
    await facilitator.press({ action: ACTION.caseMark, value: `${storedCase.id}:presented` });
    await bruno!.press({ action: ACTION.planWrite, value: storedCase.id });
    await bruno!.submit({
      what: between.plan,
      withWhom: between.withWhom,
      support: between.support,
      followUpOn: '2026-03-11',
    });
    await h.run();
    const plan = h.store.plans.getByCase(storedCase.id)!;
    await bruno!.press({ action: ACTION.planReport, value: plan.id });
    await bruno!.submit({
      outcome: 'tried',
      happened: between.happened,
      learned: between.learned,
      share: 'group',
    });
    expect(h.store.plans.get(plan.id)?.report?.happened).toBe(between.happened);
    submitted.push(...Object.values(between));
    await facilitator.command('checkin close', { in: space });
    await facilitator.command('checkin share', { in: space });
    await facilitator.command('checkin all');
    await h.run();

    // A synthesis posted, then edited.
    const synthesis = {
      themes: 'Thèmes-Qx: la solitude du manager de proximité',
      learned: 'Appris-Qx: nommer la tension avant de la traiter',
      commitments: 'Engagements-Qx: un point hebdomadaire avec chaque adjoint',
      freeText: 'Libre-Qx: merci à Alice Martin pour son partage',
    };
    await facilitator.command('synthesis', { in: space });
    await facilitator.submit(synthesis);
    await facilitator.submit({ confirmNames: 'true' });
    const list = await facilitator.command('syntheses', { in: space });
    const editSynthesis = buttonsOf((list as { message: Message }).message).find(
      (b) => b.action === ACTION.synthesisEdit,
    )!;
    await facilitator.press(editSynthesis);
    const learnedAgain = 'Appris-Qx-bis: écouter avant de conseiller';
    await facilitator.submit({ learned: learnedAgain });
    await facilitator.submit({ confirmNames: 'true' });
    submitted.push(...Object.values(synthesis), learnedAgain);
    await h.run();

    // Preferences, data export, privacy, erasure.
    await emma!.command('language fr');
    await emma!.command('pause until 2026-12-31');
    await bruno!.command('my-data');
    await bruno!.command('privacy');
    await chloe!.command('case Comment puis-je Qx-titre-en-commande ?');
    submitted.push('Comment puis-je Qx-titre-en-commande ?');
    await chloe!.command('unknown-Qx-word and more');
    submitted.push('unknown-Qx-word');
    // Ids a client sends are any string (Teams: up to 100 characters): forged ones carry words.
    const forgedAction = 'Forged-Qx-action: mon N+1 ne sait rien';
    const forgedForm = 'Forged-Qx-form: mon N+1 ne sait rien';
    await chloe!.press({ action: forgedAction, value: 'x' });
    await chloe!.submit({}, { formId: forgedForm, state: '' });
    submitted.push(forgedAction, forgedForm);
    await alice!.command('forget-me');
    await alice!.submit({ confirm: 'true' });
    await h.run();
    await h.advanceTo('2026-03-20T09:00:00Z', 6 * 3_600_000);

    const logs = h.logs.text;
    const found = submitted.filter((v) => logs.includes(v)).length;
    console.log(
      `Attack 4 — memory: ${h.logs.lines.length} log lines at trace level searched for ${submitted.length} submitted values and ${2 * (PEOPLE.length + 1)} names and ids: ${found} found`,
    );
    // The logs really are verbose and cover these flows: the search below can find things.
    expect(h.logs.lines.length).toBeGreaterThan(60);
    for (const marker of [
      '"level":20',
      'form submitted',
      'case submitted',
      'check-in round opened',
      'check-in round closed',
      'synthesis posted',
      'a person was forgotten',
      'outbox row sent',
      'note saved',
      'takeaway saved',
      'action plan saved',
      'action plan report saved',
    ])
      expect(logs).toContain(marker);

    for (const value of submitted) {
      expect(logs).not.toContain(value);
      // Nor any long-enough piece of it.
      for (const word of value.split(/[\s:,?’']+/).filter((w) => w.length >= 8 && /Qx/.test(w)))
        expect(logs).not.toContain(word);
    }
    expect(logs).not.toMatch(/Qx/);
    for (const [ref, name] of [...PEOPLE, FACILITATOR]) {
      expect(logs).not.toContain(ref);
      expect(logs).not.toContain(name);
    }
    // No check-in answer in any shape: "overall":1, overall=1, overall: "1", …
    expect(logs).not.toMatch(/(workload|support|perspective|overall)\W{0,3}[1-9]/i);
    expect(logs).not.toMatch(/"values"\s*:\s*\{/);
    expect(logs).not.toMatch(/"(answers|tally|state|token)"\s*:\s*[[{"]/);
  });
});
