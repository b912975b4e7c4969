import { afterEach, describe, expect, it } from 'vitest';
import { messageText } from '../../adapters/memory/platform.js';
import { ACTION, FORM } from '../../src/core/contract/ids.js';
import type { Message } from '../../src/core/contract/message.js';
import { createHarness, type Harness, scheduleSession, setUpGroup } from '../support/harness.js';
import {
  button,
  caseIdIn,
  caseValues,
  countRows,
  proposeCase,
  replyText,
  said,
  shown,
} from '../support/scenario.js';

let h: Harness;
afterEach(() => h?.close());

const lastMessage = (user: { lastReply?: unknown }): Message => {
  const reply = user.lastReply as { kind: string; message?: Message };
  if (reply?.kind !== 'message' || !reply.message) throw new Error(`not a message: ${JSON.stringify(reply)}`);
  return reply.message;
};

const TITLE = 'Comment puis-je recadrer un chef d’équipe sans le démotiver ?';

describe('case submission, in French', () => {
  it('the full form: one clear error per field, nothing stored until it is right', async () => {
    h = await createHarness();
    const { facilitator, users } = await setUpGroup(h);
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24');
    const alice = users[0]!;

    await alice.command('case');
    const form = alice.form!;
    expect(form.title).toBe('Proposer un cas');
    expect(form.fields.map((f) => [f.id, f.required])).toEqual([
      ['title', true],
      ['kind', true],
      ['situation', true],
      ['stakes', true],
      ['tried', true],
      ['expectations', true],
      ['urgency', true],
      ['visibility', true],
      ['charter', true],
    ]);
    expect(
      form.fields.filter((f) => f.kind === 'multiline').map((f) => f.kind === 'multiline' && f.maxLength),
    ).toEqual([3000, 3000, 3000, 3000]);
    expect(form.fields.find((f) => f.id === 'title')).toMatchObject({ maxLength: 150, initial: undefined });
    expect(form.fields.find((f) => f.id === 'visibility')?.initial).toBe('facilitator');

    await alice.submit({
      title: '   ',
      kind: '',
      situation: 'x'.repeat(3001),
      stakes: '',
      tried: 'Un échange informel.',
      expectations: 'é'.repeat(3000),
      charter: '',
    });
    expect(alice.lastReply?.kind).toBe('form.errors');
    expect(alice.formErrors).toEqual({
      title: 'Ce champ est obligatoire.',
      kind: 'Choisissez une des options proposées.',
      situation: '3000 caractères au maximum.',
      stakes: 'Ce champ est obligatoire.',
      charter: 'Cochez la charte de confidentialité pour envoyer votre cas.',
    });
    await alice.submit(caseValues({ title: 'Q'.repeat(151) }));
    expect(alice.formErrors).toEqual({ title: '150 caractères au maximum.' });
    await alice.submit(caseValues({ visibility: 'everyone', urgency: 'tomorrow' }));
    expect(alice.formErrors).toEqual({
      urgency: 'Choisissez une des options proposées.',
      visibility: 'Choisissez une des options proposées.',
    });
    await h.run();
    expect(countRows(h, 'cases')).toBe(0);
    expect(facilitator.directs).toEqual([]);
  });

  it('a member proposes a case: the facilitators get it in a direct message, the author a confirmation', async () => {
    h = await createHarness();
    const { facilitator, users, group } = await setUpGroup(h, {
      members: [
        ['U-ALICE', 'Alice Martin'],
        ['U-BRUNO', 'Bruno Petit'],
      ],
    });
    // A co-facilitator too.
    await facilitator.command('setup', { in: 'C-LYON' });
    await facilitator.submit({ facilitators: ['U-FAC', 'U-BRUNO'] } as never);
    await h.run();
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24');
    const alice = users[0]!;
    const bruno = users[1]!;

    await alice.command(`cas ${TITLE}`);
    expect(alice.form?.fields.find((f) => f.id === 'title')?.initial).toBe(TITLE);
    await alice.submit(caseValues({ title: TITLE }));
    expect(alice.lastReply?.kind).toBe('form.done');
    expect(replyText(alice.lastReply)).toBe(
      [
        `Merci, votre cas « ${TITLE} » est envoyé à l’animateur·rice.`,
        'Il est prévu pour la séance du mardi 24 mars 2026 à 14:00. Vous pouvez le modifier ou le retirer jusqu’au début de la séance.',
        '[Mes cas]',
      ].join('\n'),
    );
    await h.run();

    const stored = h.store.cases.listByAuthor(h.store.people.findByUserRef('memory', 'U-ALICE')!.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      groupId: group.id,
      status: 'submitted',
      title: TITLE,
      urgency: 'high',
    });

    for (const fac of [facilitator, bruno]) {
      expect(fac.directs).toHaveLength(1);
      const dm = fac.directs[0]!;
      expect(dm.fallbackText).toBe(`Nouveau cas de Alice Martin : ${TITLE}`);
      const text = shown(dm);
      expect(text).toContain('Auteur·rice: Alice Martin');
      expect(text).toContain('Nature: Un problème');
      expect(text).toContain('Urgence: Urgent');
      expect(text).toContain('Qui peut le lire avant la séance: L’animateur·rice seulement');
      expect(text).toContain(
        'La situation\nUn chef d’équipe arrive souvent en retard aux réunions de production.',
      );
      expect(text).toContain('Ce que j’attends du groupe\nDes façons d’ouvrir la conversation.');
    }
    // The author gets no direct message, other members nothing at all.
    expect(alice.directs).toEqual([]);
    expect(h.platform.deliveries.filter((d) => d.kind === 'direct')).toHaveLength(2);
    // The logs hold ids, never what Alice wrote.
    expect(h.logs.lines.length).toBeGreaterThan(5);
    for (const written of [
      TITLE,
      'retard aux réunions',
      'équipe de nuit',
      'Un échange informel',
      'Des façons',
    ]) {
      expect(h.logs.text).not.toContain(written);
    }
  });

  it('the author lists, edits and withdraws their case until the session starts, then it is locked', async () => {
    h = await createHarness();
    const { facilitator, users } = await setUpGroup(h);
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24');
    const alice = users[0]!;
    await proposeCase(alice, { title: TITLE });
    await proposeCase(alice, { title: 'Comment préparer un entretien annuel difficile ?', urgency: 'low' });
    await h.run();

    await alice.command('mes-cas');
    let list = lastMessage(alice);
    expect(shown(list)).toContain(`${TITLE} (Un problème, Urgent) — proposé`);
    expect(shown(list)).toContain(
      'Comment préparer un entretien annuel difficile ? (Un problème, Peut attendre) — proposé',
    );
    const caseId = caseIdIn(list, TITLE);

    // Edit: the form comes back filled, the charter already accepted.
    await alice.press(button(list, ACTION.caseEdit, caseId));
    expect(alice.form?.title).toBe('Modifier mon cas');
    const initial = Object.fromEntries(alice.form!.fields.map((f) => [f.id, f.initial]));
    expect(initial).toMatchObject({
      title: TITLE,
      urgency: 'high',
      visibility: 'facilitator',
      charter: true,
    });
    await alice.submit({ stakes: 'La confiance de l’équipe de nuit, et la mienne.', urgency: 'medium' });
    expect(replyText(alice.lastReply)).toBe(`Votre cas « ${TITLE} » est modifié.`);
    expect(h.store.cases.get(caseId)).toMatchObject({
      stakes: 'La confiance de l’équipe de nuit, et la mienne.',
      urgency: 'medium',
      status: 'submitted',
    });

    // Withdraw the other one: the facilitator is told.
    const other = caseIdIn(list, 'Comment préparer un entretien annuel difficile ?');
    await alice.press(button(list, ACTION.caseWithdraw, other));
    expect(said(alice)).toBe('Votre cas « Comment préparer un entretien annuel difficile ? » est retiré.');
    await h.run();
    expect(facilitator.directs.map((m) => m.fallbackText).at(-1)).toBe(
      'Alice Martin a retiré son cas « Comment préparer un entretien annuel difficile ? ».',
    );
    await alice.command('cases');
    list = lastMessage(alice);
    expect(shown(list)).not.toContain('entretien annuel');

    // The session starts: the case can no longer be changed.
    h.clock.set('2026-03-24T13:00:00Z');
    const locked = 'Ce cas ne peut plus être modifié : sa séance a commencé, ou il a été présenté ou retiré.';
    await alice.press({ action: ACTION.caseEdit, value: caseId });
    expect(said(alice)).toBe(locked);
    await alice.press({ action: ACTION.caseWithdraw, value: caseId });
    expect(said(alice)).toBe(locked);
    await alice.command('cases');
    expect(lastMessage(alice).blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []))).toEqual([
      { action: ACTION.caseView, label: 'Lire', value: caseId },
    ]);
    expect(h.store.cases.get(caseId)?.status).toBe('submitted');
  });

  it('an edit form submitted after the session started is refused and changes nothing', async () => {
    h = await createHarness();
    const { facilitator, users } = await setUpGroup(h);
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24');
    const alice = users[0]!;
    await proposeCase(alice, { title: TITLE });
    const caseId = h.store.cases.listByAuthor(h.store.people.findByUserRef('memory', 'U-ALICE')!.id)[0]!.id;
    // Opened an hour before the session (a form stays valid for a day), submitted once it has started.
    h.clock.set('2026-03-24T12:00:00Z');
    await alice.press({ action: ACTION.caseEdit, value: caseId });
    h.clock.set('2026-03-24T13:05:00Z');
    await alice.submit({ situation: 'Réécrit pendant la séance.' });
    expect(replyText(alice.lastReply)).toBe(
      'Ce cas ne peut plus être modifié : sa séance a commencé, ou il a été présenté ou retiré.',
    );
    expect(h.store.cases.get(caseId)?.situation).toBe(caseValues().situation);
  });

  it('the facilitator’s queue: select, postpone to the next session, mark presented', async () => {
    h = await createHarness();
    const { facilitator, users, group } = await setUpGroup(h);
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24', '14:00', { everyWeeks: '4', count: '2' });
    const [first, second] = h.store.sessions.listUpcoming(group.id, h.clock.now());
    const [alice, bruno, chloe] = users;
    await proposeCase(alice!, { title: 'Comment dire non à mon N+1 ?', visibility: 'group' });
    await proposeCase(bruno!, {
      title: 'Comment accueillir un nouvel adjoint ?',
      kind: 'project',
      urgency: 'low',
    });
    await proposeCase(chloe!, { title: 'Comment tenir le rythme ?', kind: 'concern' });

    await facilitator.command('dossiers');
    let queue = lastMessage(facilitator);
    const text = shown(queue);
    expect(text).toContain('File des cas pour la séance du mardi 24 mars 2026 à 14:00');
    expect(text).toContain(
      'Alice Martin : Comment dire non à mon N+1 ? (Un problème, Urgent) — proposé · Tout le groupe',
    );
    expect(text).toContain(
      'Bruno Petit : Comment accueillir un nouvel adjoint ? (Un projet, Peut attendre) — proposé · L’animateur·rice seulement',
    );
    expect(text).toContain('Chloé Durand : Comment tenir le rythme ? (Une préoccupation, Urgent) — proposé');
    const aliceCase = caseIdIn(queue, 'Comment dire non à mon N+1 ?');
    const brunoCase = caseIdIn(queue, 'Comment accueillir un nouvel adjoint ?');
    const chloeCase = caseIdIn(queue, 'Comment tenir le rythme ?');

    await facilitator.press(button(queue, ACTION.caseMark, `${aliceCase}:selected`));
    expect(said(facilitator)).toBe('« Comment dire non à mon N+1 ? » : retenu.');
    await facilitator.press(button(queue, ACTION.caseMark, `${brunoCase}:postponed`));
    expect(said(facilitator)).toBe('« Comment accueillir un nouvel adjoint ? » : reporté.');
    expect(h.store.cases.get(brunoCase)).toMatchObject({ status: 'postponed', sessionId: second!.id });
    expect(h.store.cases.get(aliceCase)).toMatchObject({ status: 'selected', sessionId: first!.id });

    await facilitator.command('cases');
    queue = lastMessage(facilitator);
    expect(shown(queue)).toContain('Comment dire non à mon N+1 ? (Un problème, Urgent) — retenu');
    expect(shown(queue)).not.toContain('nouvel adjoint');

    // After the first session: Alice's case presented, Chloé's postponed to the next one.
    h.clock.set('2026-03-24T17:00:00Z');
    await facilitator.press({ action: ACTION.caseMark, value: `${aliceCase}:presented` });
    expect(said(facilitator)).toBe('« Comment dire non à mon N+1 ? » : présenté.');
    await facilitator.press({ action: ACTION.caseMark, value: `${chloeCase}:postponed` });
    expect(h.store.cases.get(chloeCase)).toMatchObject({ status: 'postponed', sessionId: second!.id });

    await facilitator.command('cases');
    queue = lastMessage(facilitator);
    expect(shown(queue)).toContain('File des cas pour la séance du mardi 21 avril 2026 à 14:00');
    expect(shown(queue)).toContain(
      'Comment accueillir un nouvel adjoint ? (Un projet, Peut attendre) — reporté',
    );
    expect(shown(queue)).toContain('Comment tenir le rythme ? (Une préoccupation, Urgent) — reporté');
    expect(shown(queue)).not.toContain('N+1');
    // Bruno can still change his postponed case: its new session has not started.
    await bruno!.press({ action: ACTION.caseEdit, value: brunoCase });
    expect(bruno!.form?.title).toBe('Modifier mon cas');
  });

  it('a group-visible case can be read by the other members; a facilitator-only one cannot', async () => {
    h = await createHarness();
    const { facilitator, users } = await setUpGroup(h);
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24');
    const [alice, bruno, chloe] = users;
    await proposeCase(alice!, { title: 'Comment dire non à mon N+1 ?', visibility: 'group' });
    await proposeCase(chloe!, { title: 'Comment tenir le rythme ?', visibility: 'facilitator' });
    await facilitator.command('cases');
    const queue = lastMessage(facilitator);
    const aliceCase = caseIdIn(queue, 'Comment dire non à mon N+1 ?');
    const chloeCase = caseIdIn(queue, 'Comment tenir le rythme ?');

    await bruno!.command('cases');
    const list = lastMessage(bruno!);
    expect(shown(list)).toContain('Partagés avec le groupe pour la prochaine séance');
    expect(shown(list)).toContain('Alice Martin : Comment dire non à mon N+1 ? (Un problème, Urgent)');
    expect(shown(list)).not.toContain('rythme');
    await bruno!.press(button(list, ACTION.caseView, aliceCase));
    expect(said(bruno!)).toContain('La situation\nUn chef d’équipe arrive souvent en retard');
    expect(said(bruno!)).not.toContain('[Retenir]');

    await bruno!.press({ action: ACTION.caseView, value: chloeCase });
    expect(said(bruno!)).toBe('Ce cas n’existe pas, ou vous ne pouvez pas le lire.');
    // The facilitator and the author read it.
    await facilitator.press({ action: ACTION.caseView, value: chloeCase });
    expect(said(facilitator)).toContain('Comment tenir le rythme ?');
    await chloe!.press({ action: ACTION.caseView, value: chloeCase });
    expect(said(chloe!)).toContain('Comment tenir le rythme ?');

    // A withdrawn group case is no longer readable by the others.
    await alice!.press({ action: ACTION.caseWithdraw, value: aliceCase });
    await bruno!.press({ action: ACTION.caseView, value: aliceCase });
    expect(said(bruno!)).toBe('Ce cas n’existe pas, ou vous ne pouvez pas le lire.');
  });

  it('forged or replayed form state is refused and nothing is stored', async () => {
    h = await createHarness();
    const { facilitator, users } = await setUpGroup(h);
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24');
    const [alice, bruno] = users;
    await alice!.command('case');
    const state = alice!.form!.state;
    const expired =
      'Ce formulaire a expiré ou n’est plus valide : ouvrez-le à nouveau (relancez la commande ou le bouton).';

    // A state whose body was changed: the seal no longer holds.
    const [body, mac] = state.split('.');
    const payload = JSON.parse(Buffer.from(body!, 'base64url').toString('utf8'));
    payload.s.groupId = 'another-group';
    const forged = `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${mac}`;
    await alice!.submit(caseValues(), { formId: FORM.case, state: forged });
    expect(replyText(alice!.lastReply)).toBe(expired);
    await alice!.submit(caseValues(), { formId: FORM.case, state: 'not-a-state' });
    expect(replyText(alice!.lastReply)).toBe(expired);
    // Alice's genuine state, replayed by Bruno.
    await bruno!.submit(caseValues(), { formId: FORM.case, state });
    expect(replyText(bruno!.lastReply)).toBe(expired);
    // An unknown form.
    await alice!.submit(caseValues(), { formId: 'case.admin', state });
    expect(replyText(alice!.lastReply)).toBe('Ce formulaire n’est pas reconnu. Relancez la commande.');

    // Alice's own form, sent twice (a double tap on Submit, a replayed request): one case.
    await alice!.command('case');
    const once = { formId: FORM.case, state: alice!.form!.state };
    await alice!.submit(caseValues({ title: TITLE }));
    expect(alice!.lastReply?.kind).toBe('form.done');
    await alice!.submit(caseValues({ title: TITLE }), once);
    expect(replyText(alice!.lastReply)).toBe(expired);

    // An edit form replayed after the case was withdrawn.
    const caseId = h.store.cases.listByAuthor(h.store.people.findByUserRef('memory', 'U-ALICE')!.id)[0]!.id;
    await alice!.press({ action: ACTION.caseEdit, value: caseId });
    const editState = alice!.form!.state;
    await alice!.press({ action: ACTION.caseWithdraw, value: caseId });
    await alice!.submit(caseValues({ title: 'Réécrit' }), { formId: FORM.case, state: editState });
    expect(replyText(alice!.lastReply)).toBe(
      'Ce cas ne peut plus être modifié : sa séance a commencé, ou il a été présenté ou retiré.',
    );

    await h.run();
    expect(countRows(h, 'cases')).toBe(1);
    expect(h.store.cases.get(caseId)).toMatchObject({ title: TITLE, status: 'withdrawn' });
    // The case was withdrawn before its notification left: the facilitator heard of nothing.
    expect(facilitator.directs.map((m) => m.fallbackText)).toEqual([]);
  });

  it('a case proposed while no session is scheduled joins the next one scheduled', async () => {
    h = await createHarness();
    const { facilitator, users, group } = await setUpGroup(h);
    const alice = users[0]!;
    await proposeCase(alice, { title: TITLE });
    expect(replyText(alice.lastReply)).toContain(
      'Aucune séance n’est encore programmée : il sera proposé pour la prochaine.',
    );
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24');
    const session = h.store.sessions.listUpcoming(group.id, h.clock.now())[0]!;
    expect(h.store.cases.listBySession(session.id).map((c) => c.title)).toEqual([TITLE]);
  });

  it('a case never marked stays in the queue after its session, until the facilitator decides', async () => {
    h = await createHarness();
    const { facilitator, users } = await setUpGroup(h);
    await scheduleSession(facilitator, 'C-LYON', '2026-03-10');
    await scheduleSession(facilitator, 'C-LYON', '2026-04-07');
    await proposeCase(users[0]!, { title: TITLE });
    h.clock.set('2026-03-12T10:00:00Z');
    await facilitator.command('cases');
    expect(said(facilitator)).toContain(TITLE);
    const mark = button(lastMessage(facilitator), ACTION.caseMark);
    await facilitator.press({ action: ACTION.caseMark, value: mark.value.replace(/:.*/, ':presented') });
    await facilitator.command('cases');
    expect(said(facilitator)).not.toContain(TITLE);
  });
});

describe('case submission, in English', () => {
  it('a member of an English group proposes, edits and withdraws a case', async () => {
    h = await createHarness();
    const { facilitator, users } = await setUpGroup(h, { name: 'Leaders circle', language: 'en' });
    await scheduleSession(facilitator, 'C-LYON', '2026-03-24', '09:30');
    const alice = users[0]!;
    const title = 'How can I say no to my manager?';

    await alice.command(`case ${title}`);
    expect(alice.form?.title).toBe('Propose a case');
    await alice.submit({ kind: '', situation: '', charter: '' });
    expect(alice.formErrors).toEqual({
      kind: 'Choose one of the options offered.',
      situation: 'This field is required.',
      stakes: 'This field is required.',
      tried: 'This field is required.',
      expectations: 'This field is required.',
      charter: 'Tick the confidentiality charter to send your case.',
    });
    await alice.submit(
      caseValues({
        title,
        kind: 'concern',
        situation: 'My manager keeps adding projects.',
        stakes: 'My team’s health.',
        tried: 'Saying yes.',
        expectations: 'Ways to negotiate.',
        urgency: 'medium',
        visibility: 'group',
      }),
    );
    expect(replyText(alice.lastReply)).toBe(
      [
        `Thank you, your case "${title}" has been sent to the facilitator.`,
        'It is planned for the session of Tuesday 24 March 2026 at 09:30. You can edit or withdraw it until the session starts.',
        '[My cases]',
      ].join('\n'),
    );
    await h.run();
    expect(facilitator.directs).toHaveLength(1);
    expect(facilitator.directs[0]!.fallbackText).toBe(`New case from Alice Martin: ${title}`);
    expect(messageText(facilitator.directs[0]!)).toContain('Kind: A concern');
    expect(messageText(facilitator.directs[0]!)).toContain(
      'Who may read it before the session: The whole group',
    );

    await alice.command('cases');
    const list = lastMessage(alice);
    expect(shown(list)).toContain(`${title} (A concern, In the coming weeks) — proposed`);
    await alice.press(button(list, ACTION.caseEdit));
    await alice.submit({ urgency: 'high' });
    expect(replyText(alice.lastReply)).toBe(`Your case "${title}" is updated.`);
    await alice.press(button(list, ACTION.caseWithdraw));
    expect(said(alice)).toBe(`Your case "${title}" is withdrawn.`);
    await h.run();
    expect(facilitator.directs.at(-1)?.fallbackText).toBe(`Alice Martin withdrew their case "${title}".`);
  });
});

describe('a postponed case goes to the session after the one it was postponed from', () => {
  const TITLE_P = 'Comment accueillir un nouvel adjoint ?';
  const postponedOnly = async () => {
    h = await createHarness();
    const g = await setUpGroup(h);
    await scheduleSession(g.facilitator, 'C-LYON', '2026-03-24');
    const [first] = h.store.sessions.listUpcoming(g.group.id, h.clock.now());
    await proposeCase(g.users[1]!, { title: TITLE_P });
    await g.facilitator.command('cases');
    const caseId = caseIdIn(lastMessage(g.facilitator), TITLE_P);
    return { ...g, first: first!, caseId };
  };

  it('postponed before the only session: once the next is scheduled it waits for that one, not the same again', async () => {
    const { facilitator, group, first, caseId } = await postponedOnly();
    await facilitator.press({ action: ACTION.caseMark, value: `${caseId}:postponed` });
    expect(h.store.cases.get(caseId)).toMatchObject({ status: 'postponed', sessionId: null });

    await scheduleSession(facilitator, 'C-LYON', '2026-04-21');
    const second = h.store.sessions.listUpcoming(group.id, h.clock.now()).find((s) => s.id !== first.id);
    expect(h.store.cases.get(caseId)).toMatchObject({ status: 'postponed', sessionId: second!.id });
    expect(h.store.cases.listBySession(first.id)).toEqual([]);
    await facilitator.command('cases');
    expect(shown(lastMessage(facilitator))).toContain('File des cas pour la séance du mardi 24 mars 2026');
    expect(shown(lastMessage(facilitator))).not.toContain(TITLE_P);
  });

  it('a session scheduled before the one it was postponed from does not take it either', async () => {
    const { facilitator, group, first, caseId } = await postponedOnly();
    await facilitator.press({ action: ACTION.caseMark, value: `${caseId}:postponed` });
    await scheduleSession(facilitator, 'C-LYON', '2026-03-17');
    expect(h.store.cases.get(caseId)).toMatchObject({ status: 'postponed', sessionId: null });
    await scheduleSession(facilitator, 'C-LYON', '2026-04-21');
    const last = h.store.sessions.listUpcoming(group.id, h.clock.now()).at(-1)!;
    expect(last.id).not.toBe(first.id);
    expect(h.store.cases.get(caseId)).toMatchObject({ status: 'postponed', sessionId: last.id });
  });

  it('postponed after its session took place: the next session scheduled takes it', async () => {
    const { facilitator, group, caseId } = await postponedOnly();
    h.clock.set('2026-03-24T17:00:00Z');
    await facilitator.press({ action: ACTION.caseMark, value: `${caseId}:postponed` });
    expect(h.store.cases.get(caseId)).toMatchObject({ status: 'postponed', sessionId: null });
    await scheduleSession(facilitator, 'C-LYON', '2026-04-21');
    const [next] = h.store.sessions.listUpcoming(group.id, h.clock.now());
    expect(h.store.cases.get(caseId)).toMatchObject({ status: 'postponed', sessionId: next!.id });
  });

  it('postponed to a session that is cancelled: it goes to the next session, now or once scheduled', async () => {
    const { facilitator, group, first, caseId } = await postponedOnly();
    await scheduleSession(facilitator, 'C-LYON', '2026-04-21');
    const second = h.store.sessions.listUpcoming(group.id, h.clock.now()).find((s) => s.id !== first.id)!;
    await facilitator.press({ action: ACTION.caseMark, value: `${caseId}:postponed` });
    expect(h.store.cases.get(caseId)).toMatchObject({ status: 'postponed', sessionId: second.id });

    await facilitator.press({ action: ACTION.sessionCancel, value: second.id });
    expect(h.store.cases.get(caseId)).toMatchObject({ status: 'postponed', sessionId: null });
    await scheduleSession(facilitator, 'C-LYON', '2026-05-19');
    const third = h.store.sessions.listUpcoming(group.id, h.clock.now()).at(-1)!;
    expect(third.id).not.toBe(first.id);
    expect(h.store.cases.get(caseId)).toMatchObject({ status: 'postponed', sessionId: third.id });
  });

  it('postponed to a session that never got to it: it stays in the facilitator’s queue', async () => {
    const { facilitator, group, first, caseId } = await postponedOnly();
    await scheduleSession(facilitator, 'C-LYON', '2026-04-21');
    const second = h.store.sessions.listUpcoming(group.id, h.clock.now()).find((s) => s.id !== first.id)!;
    await facilitator.press({ action: ACTION.caseMark, value: `${caseId}:postponed` });
    expect(h.store.cases.get(caseId)).toMatchObject({ status: 'postponed', sessionId: second.id });

    h.clock.set('2026-04-21T17:00:00Z');
    await facilitator.command('cases');
    expect(shown(lastMessage(facilitator))).toContain(`${TITLE_P} (Un problème, Urgent) — reporté`);
  });
});
