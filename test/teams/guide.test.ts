import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttonsOf, type Card, cardOf, cardText, inputsOf } from './support/cards.js';
import {
  dialogCard,
  findCard,
  type GroupChat,
  openFormByCommand,
  personalOf,
  press,
  scheduleSession,
  setUpGroupChat,
  submit,
} from './support/flows.js';
import { startTeamsHarness, type TeamsHarness } from './support/harness.js';

const MINUTE = 60_000;
const CASE = {
  title: 'Comment puis-je passer la main à l’équipe de nuit ?',
  kind: 'problem',
  situation: 'Je quitte l’équipe de nuit le mois prochain.',
  stakes: 'La confiance de l’équipe.',
  tried: 'Un premier échange avec mon successeur.',
  expectations: 'Des pistes pour la passation.',
  visibility: 'group',
  charter: true,
};

/**
 * A whole session with the guide on Teams: the real teams-ai stack over HTTP, the fake Bot Connector. The
 * live message is one Adaptive Card in the group chat, updated in place (PUT on the same activity).
 */
describe('Teams: a session run with the guide', () => {
  let h: TeamsHarness;
  let g: GroupChat;
  beforeEach(async () => {
    h = await startTeamsHarness({ start: '2026-03-02T08:00:00Z' });
    g = await setUpGroupChat(h);
    await scheduleSession(h, g, '2026-03-05');
  });
  afterEach(async () => {
    await h.close();
  });

  const guideCards = (): Card[] =>
    h.fake
      .messagesIn(g.chatId)
      .filter((a) => a.attachments?.[0]?.content)
      .map((a) => cardOf(a))
      .filter((c) => /Guide de séance/.test(cardText(c)));
  const guideCard = (): Card => {
    const cards = guideCards();
    expect(cards).toHaveLength(1);
    return cards[0]!;
  };
  const updates = () => h.fake.requests.filter((r) => r.kind === 'update' && r.conversationId === g.chatId);
  /** A press in the group chat: the small dialog Teams shows only to the person who pressed. */
  const pressInChat = async (who: (typeof g.members)[number], title: RegExp) => {
    const task = await press(h, who, guideCard(), title, g.where);
    await h.run();
    return task;
  };

  it('posts one card, updates it in place every minute and at each press, and ends as a record', async () => {
    const [alice, bruno] = g.members;
    const claire = g.facilitator;
    const caseForm = await openFormByCommand(h, alice!, 'cas');
    await submit(h, alice!, caseForm, CASE);
    const [c] = h.store.cases.listBySession(h.store.sessions.listUpcoming(g.groupId, h.clock.now())[0]!.id);
    await h.client.say(claire, 'dossiers', h.client.personal(claire));
    const queue = findCard(h, personalOf(h, claire), /File des cas/);
    await press(h, claire, queue, /^Retenir$/);
    expect(h.store.cases.get(c!.id)?.status).toBe('selected');

    h.clock.set(new Date('2026-03-05T12:45:00Z'));
    await h.run();
    const form = await openFormByCommand(h, claire, 'animer', g.where);
    expect(inputsOf(form).map((i) => i.id)).toContain('f.case');
    const started = await submit(h, claire, form, {});
    expect(cardText(dialogCard(started))).toContain('Le guide a démarré');
    await h.run();
    let card = guideCard();
    expect(cardText(card)).toContain(`Guide de séance — « ${CASE.title} »`);
    expect(cardText(card)).toContain('Client : Alice Martin');
    expect(cardText(card)).toContain('▶ Étape 1/6 — Exposé — reste 10 min');
    expect(buttonsOf(card).map((b) => b.title)).toEqual(['Étape suivante', '+5 min', 'Pause', 'Terminer']);

    // Each minute, the same card is updated in place.
    await h.advance(3 * MINUTE, MINUTE);
    expect(updates()).toHaveLength(3);
    expect(cardText(guideCard())).toContain('Exposé — reste 7 min');

    // A member's press: the dialog says who leads; nothing changed.
    const refused = dialogCard(await pressInChat(bruno!, /Étape suivante/));
    expect(cardText(refused)).toContain('Seul·e l’animateur·rice mène la séance.');
    expect(updates()).toHaveLength(3);

    // The facilitator leads: each press updates the card.
    const next = await pressInChat(claire, /Étape suivante/);
    expect(next).toMatchObject({ type: 'message', value: 'C’est fait.' });
    expect(cardText(guideCard())).toContain('▶ Étape 2/6 — Questions de clarification — reste 10 min');
    await pressInChat(claire, /Pause/);
    expect(cardText(guideCard())).toContain('en pause (reste 10 min)');
    await pressInChat(claire, /Reprendre/);
    await pressInChat(claire, /Étape suivante/);

    // Contract: the client records the request in a dialog.
    const requestForm = dialogCard(await press(h, alice!, guideCard(), /Noter la demande/, g.where));
    await submit(h, alice!, requestForm, { request: 'M’aider à préparer la première réunion.' }, g.where);
    await h.run();
    expect(cardText(guideCard())).toContain(
      'Demande du client : « M’aider à préparer la première réunion. »',
    );

    await pressInChat(claire, /Étape suivante/);
    await pressInChat(claire, /Étape suivante/);
    expect(cardText(findCard(h, personalOf(h, alice!), /Votre plan d’action|Vous avez présenté/))).toContain(
      `Vous avez présenté « ${CASE.title} »`,
    );
    await pressInChat(claire, /Étape suivante/);
    for (const member of g.members)
      expect(findCard(h, personalOf(h, member), /Qu’est-ce que je retiens de cette séance/)).toBeTruthy();

    const end = dialogCard(await pressInChat(claire, /Terminer/));
    expect(cardText(end)).toContain('Le guide est terminé');
    card = guideCard();
    expect(buttonsOf(card)).toEqual([]);
    expect(cardText(card)).toContain(`Guide de séance — « ${CASE.title} » (terminé)`);
    expect(cardText(card)).toContain('1. Exposé : 3 min (prévu 10 min)');
    expect(h.store.cases.get(c!.id)?.status).toBe('presented');
    // One card in the chat all along: every change was an update of the same activity.
    expect(new Set(updates().map((r) => r.activityId)).size).toBe(1);

    const prompt = findCard(h, personalOf(h, claire), /Rédiger la synthèse/);
    const synthesis = dialogCard(await press(h, claire, prompt, /Rédiger la synthèse/));
    expect(inputsOf(synthesis).find((i) => i.id === 'f.themes')?.value).toBe(CASE.title);
  });
});
