import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spaceAddressOf, userRefOf } from '../../adapters/teams/addresses.js';
import { cardOf, cardText, elementsOf } from './support/cards.js';
import {
  casesOf,
  dialogCard,
  findCard,
  type GroupChat,
  lastIn,
  openFormByCommand,
  personalOf,
  setUpGroupChat,
  submit,
} from './support/flows.js';
import { startTeamsHarness, TENANT, type TeamsHarness } from './support/harness.js';

const CASE = {
  title: 'Comment puis-je dire non à mon directeur ?',
  kind: 'problem',
  situation: 'Situation-très-personnelle-42',
  stakes: 'Ma santé.',
  tried: 'Rien encore.',
  expectations: 'Du recul.',
  charter: true,
};

const conversationKeys = (h: TeamsHarness) =>
  (h.db.sqlite.prepare('select key from teams_conversations order by key').all() as { key: string }[]).map(
    (r) => r.key,
  );

describe('Teams: my data, forget me, members, uninstall', () => {
  let h: TeamsHarness;
  let g: GroupChat;
  beforeEach(async () => {
    h = await startTeamsHarness();
    g = await setUpGroupChat(h);
  });
  afterEach(async () => {
    await h.close();
  });

  it('my-data: a 1:1 message with the summary and the full export behind a button', async () => {
    const alice = g.members[0]!;
    await submit(h, alice, await openFormByCommand(h, alice, 'case'), CASE);
    await h.client.say(alice, 'mes-données', g.where);
    expect(lastIn(h, g.chatId).text).toMatch(/conversation privée/);
    expect(cardText(findCard(h, personalOf(h, alice), /envoyé vos données/))).toBeTruthy();
    await h.run();
    const data = findCard(h, personalOf(h, alice), /Tout ce que Cairn garde/);
    expect(cardText(data)).toMatch(/Groupe Lyon/);
    const exported = elementsOf(data).find((e) => e.type === 'Action.ShowCard');
    expect(exported?.title).toBe('cairn-my-data.json');
    expect(JSON.stringify(exported?.card)).toContain('Situation-très-personnelle-42');
    // Nothing of it reached the group chat.
    expect(JSON.stringify(h.fake.messagesIn(g.chatId))).not.toContain('Situation-très-personnelle-42');
  });

  it('forget-me: after the confirmation, the person is nowhere in the database file, adapter state included', async () => {
    const alice = g.members[0]!;
    await submit(h, alice, await openFormByCommand(h, alice, 'case'), CASE);
    expect(conversationKeys(h)).toContain(userRefOf(TENANT, alice.aadObjectId));

    const confirm = await openFormByCommand(h, alice, 'oubliez-moi');
    const refused = dialogCard(await submit(h, alice, confirm, {}));
    expect(cardText(refused)).toMatch(/Cochez/);
    expect(casesOf(h, g.groupId)).toHaveLength(1);
    const done = dialogCard(await submit(h, alice, refused, { confirm: true }));
    expect(cardText(done)).toMatch(/effacées/);
    await h.run();

    expect(casesOf(h, g.groupId)).toHaveLength(0);
    expect(conversationKeys(h)).not.toContain(userRefOf(TENANT, alice.aadObjectId));
    // No checkpoint here: the bytes must be gone as soon as forget-me answers (secure_delete and its own checkpoint).
    const bytes = Buffer.concat([readFileSync(h.file), readFileSync(`${h.file}-wal`, { flag: 'a+' })]);
    expect(bytes.includes(Buffer.from(alice.aadObjectId))).toBe(false);
    expect(bytes.includes(Buffer.from('Situation-très-personnelle-42'))).toBe(false);
    // Others are untouched.
    expect(conversationKeys(h)).toContain(userRefOf(TENANT, g.facilitator.aadObjectId));
  });

  it('people added to or removed from the group chat join or leave the group', async () => {
    const emma = h.client.user('aad-emma', 'Emma Laurent');
    await h.client.membersAdded(g.facilitator, g.where, [emma]);
    const names = () => h.store.memberships.listByGroup(g.groupId).map((m) => m.person.displayName);
    expect(names()).toContain('Emma Laurent');
    await h.client.membersRemoved(g.facilitator, g.where, [g.members[1]!]);
    expect(names()).not.toContain('Bruno Petit');
    expect(names()).toHaveLength(5);
  });

  it('Cairn removed from a group chat suspends its group; removed from every conversation, the tenant is purged', async () => {
    const other = await setUpGroupChat(h, {
      chatId: '19:grenoble@thread.v2',
      name: 'Groupe Grenoble',
      facilitator: h.client.user('aad-gaston', 'Gaston Animateur'),
      members: [h.client.user('aad-helene', 'Hélène Roy')],
    });
    const alice = g.members[0]!;
    await submit(h, alice, await openFormByCommand(h, alice, 'case'), CASE);
    await h.run();

    const answer = await h.client.uninstall(g.facilitator, g.where);
    expect(answer.status).toBe(200);
    await h.run();
    // Suspended, not deleted: its data waits for the grace period; its facilitator is told in their 1:1 chat.
    expect(h.store.groups.suspensionOf(g.groupId)).toMatchObject({ reason: 'space' });
    expect(casesOf(h, g.groupId)).toHaveLength(1);
    expect(cardText(findCard(h, personalOf(h, g.facilitator), /suspendu/))).toMatch(/effacées le/);
    expect(h.store.groups.findBySpace(spaceAddressOf(TENANT, other.chatId))).toBeDefined();
    expect(conversationKeys(h)).not.toContain(spaceAddressOf(TENANT, g.chatId));
    // Removing Cairn does not post anything in the chat it was removed from.
    const posted = h.fake.messagesIn(g.chatId).length;

    // Cairn added back within the grace period: the group resumes.
    await h.client.install(g.facilitator, g.where);
    await h.run();
    expect(h.store.groups.suspensionOf(g.groupId)).toBeUndefined();
    expect(cardText(findCard(h, personalOf(h, g.facilitator), /rajouté/))).toMatch(/rien ne sera effacé/);

    // The app removed from the tenant: Teams removes it from every conversation; the last one purges all.
    for (const [who, where] of [
      [g.facilitator, g.where],
      [other.facilitator, other.where],
    ] as const)
      await h.client.uninstall(who, where);
    expect(h.store.groups.listAll()).toHaveLength(2);
    for (const key of conversationKeys(h)) {
      const person = [g.facilitator, ...g.members, other.facilitator, ...other.members].find(
        (u) => userRefOf(TENANT, u.aadObjectId) === key,
      );
      if (person) await h.client.uninstall(person, h.client.personal(person));
    }
    expect(h.store.groups.listAll()).toHaveLength(0);
    expect(conversationKeys(h)).toEqual([]);
    expect(h.store.people.listByWorkspace('teams', TENANT)).toHaveLength(0);
    expect(h.fake.messagesIn(g.chatId).length).toBeGreaterThanOrEqual(posted);
  });

  it('a personal uninstall forgets only that 1:1 chat', async () => {
    const alice = g.members[0]!;
    await h.client.say(alice, 'aide');
    expect(cardOf(lastIn(h, personalOf(h, alice)))).toBeTruthy();
    await h.client.uninstall(alice, h.client.personal(alice));
    expect(conversationKeys(h)).not.toContain(userRefOf(TENANT, alice.aadObjectId));
    expect(h.store.groups.findBySpace(g.address)).toBeDefined();
  });
});
