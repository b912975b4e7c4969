import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spaceAddressOf } from '../../adapters/teams/addresses.js';
import { cardOf, cardText, errorUnder, inputsOf } from './support/cards.js';
import {
  dialogCard,
  lastIn,
  openFormByCommand,
  personalOf,
  setUpGroupChat,
  submit,
} from './support/flows.js';
import { startTeamsHarness, TENANT, type TeamsHarness } from './support/harness.js';

describe('Teams: setting a group up in a group chat', () => {
  let h: TeamsHarness;
  beforeEach(async () => {
    h = await startTeamsHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('opens the setup dialog from the chat, shows field errors, then binds the chat and its members', async () => {
    const { client, fake } = h;
    const claire = client.user('aad-claire', 'Claire Animatrice');
    const alice = client.user('aad-alice', 'Alice Martin');
    const bruno = client.user('aad-bruno', 'Bruno Petit');
    const chat = '19:lyon@thread.v2';
    fake.setMembers(chat, [claire, alice, bruno]);
    const where = client.groupChat(chat);
    await client.install(claire, where);

    const form = await openFormByCommand(h, claire, 'setup', where);
    // The group only reads that the answer went to the private chat.
    expect(lastIn(h, chat).text).toMatch(/conversation privée/);
    expect(inputsOf(form).map((i) => i.id)).toContain('f.name');
    const facilitators = inputsOf(form).find((i) => i.id === 'f.facilitators');
    expect(facilitators?.isMultiSelect).toBe(true);
    expect(facilitators?.choices.map((c: { title: string }) => c.title)).toEqual([
      'Alice Martin',
      'Bruno Petit',
      'Claire Animatrice',
    ]);

    const invalid = dialogCard(await submit(h, claire, form, { name: '', timeZone: 'Mars/Olympus' }));
    expect(errorUnder(invalid, 'name')).toBeTruthy();
    expect(errorUnder(invalid, 'timeZone')).toBeTruthy();
    expect(errorUnder(invalid, 'language')).toBeUndefined();
    expect(inputsOf(invalid).find((i) => i.id === 'f.timeZone')?.value).toBe('Mars/Olympus');
    expect(h.store.groups.findBySpace(spaceAddressOf(TENANT, chat))).toBeUndefined();

    const done = dialogCard(
      await submit(h, claire, invalid, { name: 'Groupe Lyon', timeZone: 'Europe/Paris' }),
    );
    expect(cardText(done)).toMatch(/Groupe Lyon/);
    await h.run();

    const group = h.store.groups.findBySpace(spaceAddressOf(TENANT, chat));
    expect(group?.name).toBe('Groupe Lyon');
    const members = h.store.memberships.listByGroup(group!.id);
    expect(members.map((m) => [m.person.displayName, m.role]).sort()).toEqual([
      ['Alice Martin', 'member'],
      ['Bruno Petit', 'member'],
      ['Claire Animatrice', 'facilitator'],
    ]);
    expect(cardText(cardOf(lastIn(h, chat)))).toMatch(/Groupe Lyon/);
  });

  it('a helper sets up a whole group', async () => {
    const g = await setUpGroupChat(h);
    expect(h.store.memberships.listByGroup(g.groupId)).toHaveLength(5);
    expect(personalOf(h, g.facilitator)).toMatch(/^a:dm-/);
  });
});
