import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardOf, cardText, elementsOf, errorUnder, inputsOf } from './support/cards.js';
import {
  dialogCard,
  findCard,
  type GroupChat,
  lastIn,
  openFormByCommand,
  personalOf,
  press,
  setUpGroupChat,
  submit,
} from './support/flows.js';
import { startTeamsHarness, type TeamsHarness } from './support/harness.js';

const TRICKY = 'Voir [le guide](https://evil.example/x) **urgent** <at>Bruno</at> _fin_ # titre';

describe('Teams: a synthesis broadcast to two groups, then edited', () => {
  let h: TeamsHarness;
  let lyon: GroupChat;
  let grenoble: GroupChat;
  beforeEach(async () => {
    h = await startTeamsHarness();
    const claire = h.client.user('aad-claire', 'Claire Animatrice');
    lyon = await setUpGroupChat(h, {
      chatId: '19:lyon@thread.v2',
      name: 'Groupe Lyon',
      facilitator: claire,
      members: [h.client.user('aad-alice', 'Alice Martin'), h.client.user('aad-bruno', 'Bruno Petit')],
    });
    grenoble = await setUpGroupChat(h, {
      chatId: '19:grenoble@thread.v2',
      name: 'Groupe Grenoble',
      facilitator: claire,
      members: [h.client.user('aad-chloe', 'Chloé Durand'), h.client.user('aad-david', 'David Moreau')],
    });
  });
  afterEach(async () => {
    await h.close();
  });

  it('posts the same synthesis in both group chats, escaped, and an edit updates both posts in place', async () => {
    const claire = lyon.facilitator;
    const form = await openFormByCommand(h, claire, 'synthese');
    const groups = inputsOf(form).find((i) => i.id === 'f.groups');
    expect(groups?.isMultiSelect).toBe(true);
    const preview = dialogCard(
      await submit(h, claire, form, {
        groups: [lyon.groupId, grenoble.groupId],
        themes: `La délégation. ${TRICKY}`,
        learned: 'Nommer ce qui ne se négocie pas.',
      }),
    );
    expect(cardText(preview)).toMatch(/Groupe Lyon, Groupe Grenoble/);
    const posted = dialogCard(await submit(h, claire, preview, {}));
    expect(cardText(posted)).toMatch(/2/);
    await h.run();

    const before = {
      lyon: h.fake.messagesIn(lyon.chatId).length,
      grenoble: h.fake.messagesIn(grenoble.chatId).length,
    };
    for (const chat of [lyon.chatId, grenoble.chatId]) {
      const card = cardOf(lastIn(h, chat));
      expect(cardText(card)).toContain(TRICKY);
      // What people wrote cannot become a link, emphasis or a mention: every markup character is escaped.
      const raw = elementsOf(card)
        .filter((e) => e.type === 'TextBlock')
        .map((e) => e.text as string)
        .join('\n');
      expect(raw).toContain('\\[le guide\\]\\(https://evil.example/x\\)');
      expect(raw).toContain('\\*\\*urgent\\*\\*');
      expect(raw).toContain('\\<at\\>Bruno\\</at\\>');
      expect(raw).not.toMatch(/(^|[^\\])[[\]()*_<>#]/m);
      expect(lastIn(h, chat).entities).toBeUndefined();
    }

    await h.client.say(claire, 'syntheses', h.client.personal(claire));
    const list = findCard(h, personalOf(h, claire), /Modifier/);
    const edit = dialogCard(await press(h, claire, list, /^Modifier$/));
    expect(inputsOf(edit).find((i) => i.id === 'f.learned')?.value).toBe('Nommer ce qui ne se négocie pas.');
    const warned = dialogCard(await submit(h, claire, edit, { themes: 'La délégation, avec Alice Martin.' }));
    expect(cardText(warned)).toMatch(/Alice Martin/);
    const refused = dialogCard(await submit(h, claire, warned, {}));
    expect(errorUnder(refused, 'confirmNames')).toBeTruthy();
    const updated = dialogCard(await submit(h, claire, refused, { confirmNames: true }));
    expect(cardText(updated)).toMatch(/2/);
    await h.run();

    const updates = h.fake.requests.filter((r) => r.kind === 'update' && r.status === 200);
    expect(new Set(updates.map((r) => r.conversationId))).toEqual(new Set([lyon.chatId, grenoble.chatId]));
    expect(h.fake.messagesIn(lyon.chatId)).toHaveLength(before.lyon);
    expect(h.fake.messagesIn(grenoble.chatId)).toHaveLength(before.grenoble);
    for (const written of ['La délégation', 'Nommer ce qui ne se négocie pas', 'evil.example'])
      expect(h.logs.text).not.toContain(written);
    for (const chat of [lyon.chatId, grenoble.chatId]) {
      const text = cardText(cardOf(lastIn(h, chat)));
      expect(text).toMatch(/avec Alice Martin/);
      expect(text).not.toContain('evil.example');
    }
  });
});
