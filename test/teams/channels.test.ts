import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { spaceAddressOf } from '../../adapters/teams/addresses.js';
import { loadConfig } from '../../src/host/config.js';
import { startCairn } from '../../src/host/main.js';
import { button, cardOf, cardText } from './support/cards.js';
import { FakeConnector } from './support/fake-connector.js';
import {
  dialogCard,
  lastIn,
  openFormByCommand,
  personalOf,
  setUpGroupChat,
  submit,
} from './support/flows.js';
import { startTeamsHarness, TENANT, type TeamsHarness } from './support/harness.js';
import { TeamsClient } from './support/teams-client.js';

describe('Teams: a standard channel of a team, and typed commands', () => {
  let h: TeamsHarness;
  beforeEach(async () => {
    h = await startTeamsHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('binds a standard channel (not the thread) and takes the team members; posts start their own thread', async () => {
    const { client, fake } = h;
    const team = '19:team-general@thread.tacv2';
    const channel = '19:groupe-nantes@thread.tacv2';
    const claire = client.user('aad-claire', 'Claire Animatrice');
    const people = [
      claire,
      client.user('aad-alice', 'Alice Martin'),
      client.user('aad-bruno', 'Bruno Petit'),
    ];
    fake.setMembers(team, people);
    await client.install(claire, client.channel(team, team));
    // `setup` typed in a reply thread of the channel.
    const inThread = client.channel(team, channel, '1717000000000');
    const form = await openFormByCommand(h, claire, 'configurer', inThread);
    await submit(h, claire, form, { name: 'Groupe Nantes' });
    await h.run();

    const group = h.store.groups.findBySpace(spaceAddressOf(TENANT, channel));
    expect(group?.name).toBe('Groupe Nantes');
    expect(h.store.memberships.listByGroup(group!.id)).toHaveLength(3);
    const welcome = h.fake.requests.find((r) => r.kind === 'send' && r.conversationId === channel);
    expect(welcome?.path).toBe(`/v3/conversations/${encodeURIComponent(channel)}/activities`);
    expect(cardText(cardOf(welcome?.body))).toMatch(/Groupe Nantes/);

    // Someone joins the team: they join the group bound to its channel.
    const emma = client.user('aad-emma', 'Emma Laurent');
    await client.membersAdded(claire, client.channel(team, team), [emma]);
    expect(h.store.memberships.listByGroup(group!.id).map((m) => m.person.displayName)).toContain(
      'Emma Laurent',
    );

    // The channel is deleted (Teams lets an owner restore it for a while): the group is suspended, kept for
    // the grace period.
    await client.post(
      client.activity(claire, client.channel(team, team), {
        type: 'conversationUpdate',
        channelData: {
          tenant: { id: TENANT },
          team: { id: team },
          channel: { id: channel },
          eventType: 'channelDeleted',
        },
      }),
    );
    expect(h.store.groups.suspensionOf(group!.id)).toMatchObject({ reason: 'space' });
  });

  it('matches commands as whole first words (French aliases, accents, mention stripped), nothing else', async () => {
    const g = await setUpGroupChat(h);
    const alice = g.members[0]!;
    await h.client.say(alice, 'Aide');
    expect(cardText(cardOf(lastIn(h, personalOf(h, alice))))).toMatch(/Cairn/);
    // "cases" is not "case", and "showcase" is no command at all.
    const form = await openFormByCommand(h, alice, 'cas Comment puis-je mieux déléguer ?');
    expect(dialogCard({ type: 'continue', value: { card: { content: form } } })).toBeTruthy();
    expect(form.body.find((e: { id?: string }) => e.id === 'f.title')?.value).toBe(
      'Comment puis-je mieux déléguer ?',
    );
    await h.client.say(alice, 'showcase');
    expect(cardText(cardOf(lastIn(h, personalOf(h, alice))))).toMatch(/showcase/);
    await h.client.say(alice, '  SÉANCES  ', g.where);
    // In a group chat the answer goes to the 1:1 chat; the group reads only that.
    expect(lastIn(h, g.chatId).text).toMatch(/conversation privée/);
    expect(cardText(cardOf(lastIn(h, personalOf(h, alice))))).toMatch(/Groupe Lyon/);
  });
});

describe('Teams: replies, welcome and forms opened from a chat', () => {
  let h: TeamsHarness;
  beforeEach(async () => {
    h = await startTeamsHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('welcomes a person who installs Cairn for themselves', async () => {
    const alice = h.client.user('aad-alice', 'Alice Martin');
    await h.client.install(alice, h.client.personal(alice));
    const posted = h.fake.messagesIn(personalOf(h, alice));
    expect(posted).toHaveLength(1);
    expect(cardText(cardOf(posted[0]))).toMatch(/Cairn/);
  });

  it('answers a plain card button (no dialog) in the 1:1 chat', async () => {
    const alice = h.client.user('aad-alice', 'Alice Martin');
    const answer = await h.client.post(
      h.client.activity(alice, h.client.personal(alice), {
        type: 'message',
        value: { verb: 'cairn.action', action: 'help', value: '' },
      }),
    );
    expect(answer.status).toBe(200);
    expect(cardText(cardOf(lastIn(h, personalOf(h, alice))))).toMatch(/Cairn/);
  });

  it('tells the group, and nothing more, when it cannot answer someone privately', async () => {
    const g = await setUpGroupChat(h);
    const bruno = g.members[1]!;
    h.fake.unreachable.add(bruno.aadObjectId);
    await h.client.say(bruno, 'cases', g.where);
    expect(lastIn(h, g.chatId).text).toMatch(/n’arrive pas à vous écrire en privé/);
    expect(h.fake.messagesIn(g.chatId).filter((a) => a.attachments)).toHaveLength(1);
  });

  it('a form prepared for one person opens for them only, and not after it is gone', async () => {
    const g = await setUpGroupChat(h);
    const [alice, bruno] = g.members;
    await h.client.say(alice!, 'case');
    const open = button(cardOf(lastIn(h, personalOf(h, alice!))), /./);
    expect(open.verb).toBe('cairn.open');
    // Another person replaying the button gets nothing of it.
    const stolen = await h.client.fetchTask(bruno!, open, h.client.personal(bruno!));
    expect(stolen).toEqual({ type: 'message', value: expect.stringMatching(/plus disponible/) });
    const forged = await h.client.fetchTask(alice!, { ...open, token: 'made-up' });
    expect(forged.type).toBe('message');
    expect((await h.client.fetchTask(alice!, open)).type).toBe('continue');
  });
});

describe('Teams: wired by the host (src/host/assemble.ts)', () => {
  it('serves /api/messages on the shared server next to /healthz', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cairn-teams-main-'));
    const fake = await new FakeConnector().start();
    const cairn = await startCairn(
      loadConfig({
        NODE_ENV: 'test',
        TEAMS_AUTH_DISABLED: '1',
        CAIRN_DB: join(dir, 'cairn.db'),
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'silent',
      }),
    );
    try {
      const url = cairn.url.replace('localhost', '127.0.0.1');
      const client = new TeamsClient(url, fake, TENANT);
      const alice = client.user('aad-alice', 'Alice Martin');
      expect((await client.say(alice, 'help')).status).toBe(200);
      expect(fake.messagesIn(fake.personalChatOf(alice))).toHaveLength(1);
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      // The JSON parser is on the Teams route only: a body it did not read is no activity.
      const raw = await fetch(`${url}/api/messages`, {
        method: 'POST',
        body: 'not json',
        headers: { 'content-type': 'text/plain' },
      });
      expect(raw.status).toBe(400);
    } finally {
      await cairn.stop();
      await fake.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
