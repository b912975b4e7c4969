import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTeamsAdapter } from '../../adapters/teams/index.js';
import { ManualClock } from '../../src/core/contract/clock.js';
import { silentLogger } from '../../src/core/contract/logger.js';
import { ConfigError, DEV_SECRET, loadConfig } from '../../src/host/config.js';
import { createSecrets } from '../../src/host/secrets.js';
import { fill } from './support/cards.js';
import { FakeIdentity, otherKey } from './support/fake-identity.js';
import { openFormByCommand, setUpGroupChat } from './support/flows.js';
import { startTeamsHarness, TENANT, type TeamsHarness } from './support/harness.js';
import { refusedHosts } from './support/local-only.js';

const APP_ID = '6a0e5d9c-1111-4222-8333-444455556666';

const stateOf = (h: TeamsHarness) => ({
  conversations: h.db.sqlite.prepare('select count(*) as n from teams_conversations').get(),
  people: h.db.sqlite.prepare('select count(*) as n from people').get(),
  events: h.db.sqlite.prepare('select count(*) as n from inbound_events').get(),
});

describe('Teams: authentication on', () => {
  let h: TeamsHarness;
  let identity: FakeIdentity;
  beforeEach(async () => {
    identity = await new FakeIdentity().start();
    h = await startTeamsHarness({
      env: {
        TEAMS_AUTH_DISABLED: '',
        TEAMS_APP_ID: APP_ID,
        TEAMS_APP_PASSWORD: 'not-a-real-secret',
        TEAMS_TENANT_ID: TENANT,
      },
      overrides: { openIdMetadataUrl: identity.metadataUrl },
    });
  });
  afterEach(async () => {
    await h.close();
    await identity.stop();
  });

  it('refuses activities without a valid Bot Framework token (401) and changes nothing', async () => {
    const claire = h.client.user('aad-claire', 'Claire Animatrice');
    const where = h.client.groupChat('19:lyon@thread.v2');
    const install = h.client.activity(claire, where, { type: 'installationUpdate', action: 'add' });
    const typed = h.client.activity(claire, h.client.personal(claire), { type: 'message', text: 'help' });
    const before = stateOf(h);
    const attempts: Record<string, string | undefined> = {
      none: undefined,
      garbage: 'Bearer not-a-token',
      'forged signature': `Bearer ${identity.token({ aud: APP_ID, serviceurl: h.fake.url }, otherKey())}`,
      'another bot': `Bearer ${identity.token({ aud: 'someone-else', serviceurl: h.fake.url })}`,
      'another service URL': `Bearer ${identity.token({ aud: APP_ID, serviceurl: 'https://evil.example/' })}`,
      'another issuer': `Bearer ${identity.token({ aud: APP_ID, serviceurl: h.fake.url, iss: 'https://evil.example' })}`,
    };
    for (const [what, authorization] of Object.entries(attempts)) {
      for (const activity of [install, typed]) {
        const answer = await h.client.post(activity, authorization ? { authorization } : {});
        expect({ what, status: answer.status }).toEqual({ what, status: 401 });
      }
    }
    expect(stateOf(h)).toEqual(before);
    expect(h.fake.requests).toEqual([]);

    // The same activity with a token the Bot Connector would send is accepted.
    const valid = `Bearer ${identity.token({ aud: APP_ID, serviceurl: h.fake.url })}`;
    expect((await h.client.post(install, { authorization: valid })).status).toBe(200);
    const keys = h.db.sqlite.prepare('select key from teams_conversations').all() as { key: string }[];
    expect(keys.map((k) => k.key)).toContain(`teams:${TENANT}:19:lyon@thread.v2`);
  });

  it('answers 401 to an unauthenticated request whatever tenant it claims (nothing tells which are allowed)', async () => {
    const mallory = h.client.user('aad-mallory', 'Mallory');
    const where = h.client.groupChat('19:elsewhere@thread.v2');
    const before = stateOf(h);
    for (const tenant of [TENANT, 'f00dbabe-0000-4000-8000-000000000000']) {
      const activity = h.client.activity(mallory, where, { type: 'message', text: 'help' }, tenant);
      for (const authorization of [undefined, 'Bearer not-a-token']) {
        const answer = await h.client.post(activity, authorization ? { authorization } : {});
        expect({ tenant, status: answer.status }).toEqual({ tenant, status: 401 });
      }
    }
    expect(stateOf(h)).toEqual(before);
    expect(h.logs.text).toMatch(/"reason":"unauthenticated"/);
  });

  it('refuses a tenant that is not allowed, even with a valid token', async () => {
    const mallory = h.client.user('aad-mallory', 'Mallory');
    const where = h.client.groupChat('19:elsewhere@thread.v2');
    const activity = h.client.activity(
      mallory,
      where,
      { type: 'installationUpdate', action: 'add' },
      'f00dbabe-0000-4000-8000-000000000000',
    );
    const valid = `Bearer ${identity.token({ aud: APP_ID, serviceurl: h.fake.url })}`;
    const answer = await h.client.post(activity, { authorization: valid });
    expect(answer.status).toBe(403);
    expect(stateOf(h).conversations).toEqual({ n: 0 });
  });
});

describe('Teams: tenants and channels admitted', () => {
  let h: TeamsHarness;
  beforeEach(async () => {
    h = await startTeamsHarness({
      env: { TEAMS_ALLOWED_TENANTS: `${TENANT.toUpperCase()}, 0b5c1e7a-0000-4000-8000-000000000001` },
    });
  });
  afterEach(async () => {
    await h.close();
  });

  it('serves allowed tenants and refuses others, whatever they claim where', async () => {
    const g = await setUpGroupChat(h);
    const before = stateOf(h);
    const intruder = h.client.user('aad-mallory', 'Mallory');
    const other = 'f00dbabe-0000-4000-8000-000000000000';
    const typed = h.client.activity(intruder, g.where, { type: 'message', text: 'setup' }, other);
    expect((await h.client.post(typed)).status).toBe(403);
    // An allowed tenant in channelData but another in the conversation is refused too.
    const mixed = h.client.activity(intruder, g.where, { type: 'message', text: 'help' });
    mixed.conversation.tenantId = other;
    expect((await h.client.post(mixed)).status).toBe(403);
    // No tenant at all, or not Teams.
    const anonymous = h.client.activity(intruder, g.where, { type: 'message', text: 'help' });
    anonymous.channelData = {};
    delete anonymous.conversation.tenantId;
    expect((await h.client.post(anonymous)).status).toBe(403);
    const emulator = h.client.activity(intruder, g.where, {
      type: 'message',
      text: 'help',
      channelId: 'emulator',
    });
    expect((await h.client.post(emulator)).status).toBe(403);
    expect(stateOf(h)).toEqual(before);
    expect(h.logs.text).toMatch(/Teams activity refused/);
  });
});

describe('Teams: where replies go, which retries are dropped, who sets a chat up', () => {
  let h: TeamsHarness;
  afterEach(async () => {
    await h.close();
  });

  it('refuses an activity whose service URL is not a Bot Framework host, and remembers nothing of it', async () => {
    h = await startTeamsHarness();
    const mallory = h.client.user('aad-mallory', 'Mallory');
    const before = stateOf(h);
    for (const serviceUrl of [
      'https://evil.example/',
      'http://10.0.0.7:3978/',
      'https://smba.trafficmanager.net.evil.example/',
    ]) {
      const activity = h.client.activity(mallory, h.client.personal(mallory), {
        type: 'message',
        text: 'help',
        serviceUrl,
      });
      expect((await h.client.post(activity)).status).toBe(403);
    }
    expect(stateOf(h)).toEqual(before);
    expect(h.fake.requests).toEqual([]);
    expect(h.logs.text).toMatch(/service URL not a Bot Framework host/);
    // The tests' own fake connector on 127.0.0.1 is accepted under NODE_ENV=test only.
    expect((await h.client.say(mallory, 'help')).status).toBe(200);
  });

  it('two chats getting the same activity id are both answered (ids are unique per conversation only)', async () => {
    h = await startTeamsHarness();
    const alice = h.client.user('aad-alice', 'Alice Martin');
    const bruno = h.client.user('aad-bruno', 'Bruno Petit');
    const id = '1727000000000';
    for (const user of [alice, bruno]) {
      const activity = h.client.activity(user, h.client.personal(user), {
        type: 'message',
        text: 'help',
        id,
      });
      expect((await h.client.post(activity)).status).toBe(200);
    }
    expect(h.fake.messagesIn(h.fake.personalChatOf(alice))).toHaveLength(1);
    expect(h.fake.messagesIn(h.fake.personalChatOf(bruno))).toHaveLength(1);
    // The same activity delivered again in the same chat is still dropped.
    const again = h.client.activity(alice, h.client.personal(alice), { type: 'message', text: 'help', id });
    expect((await h.client.post(again)).status).toBe(200);
    expect(h.fake.messagesIn(h.fake.personalChatOf(alice))).toHaveLength(1);
    // The stored keys name no conversation (a personal chat's id stands for a person).
    const keys = h.db.sqlite.prepare('SELECT * FROM inbound_events').all();
    expect(JSON.stringify(keys)).not.toMatch(/dm-|aad-/);
  });

  it('a set-up state forged with the secret, submitted by someone outside the chat, makes nobody facilitator', async () => {
    // As if Cairn ran on the public development secret: the forgery still fails, because set-up asks
    // Teams who is in the chat.
    h = await startTeamsHarness({ env: { CAIRN_SECRET: DEV_SECRET } });
    const claire = h.client.user('aad-claire', 'Claire Animatrice');
    const alice = h.client.user('aad-alice', 'Alice Martin');
    const lyon = '19:lyon-group@thread.v2';
    h.fake.setMembers(lyon, [claire, alice]);
    await h.client.install(claire, h.client.groupChat(lyon));
    // Mallory has a chat of her own with Cairn, where she may open the set-up dialog.
    const mallory = h.client.user('aad-mallory', 'Mallory');
    const hers = '19:mallory@thread.v2';
    h.fake.setMembers(hers, [mallory]);
    await h.client.install(mallory, h.client.groupChat(hers));
    const card = await openFormByCommand(h, mallory, 'setup', h.client.groupChat(hers));
    const forged = createSecrets(DEV_SECRET).seal(
      JSON.stringify({
        u: `teams:${TENANT}:aad-mallory`,
        t: h.clock.now().getTime(),
        s: { space: `teams:${TENANT}:${lyon}` },
      }),
    );
    const data = { ...fill(card, { name: 'Pris par Mallory', language: 'fr' }), state: forged };
    await h.client.submitTask(mallory, data, h.client.personal(mallory));
    await h.run();
    expect(h.store.groups.findBySpace(`teams:${TENANT}:${lyon}`)).toBeUndefined();
    expect(h.store.people.findByUserRef('teams', `teams:${TENANT}:aad-mallory`)).toBeUndefined();
  });
});

describe('Teams: TEAMS_AUTH_DISABLED in production', () => {
  it('stops the start with a clear error', () => {
    const env = {
      NODE_ENV: 'production',
      CAIRN_SECRET: 'a-production-secret-that-is-long-enough-for-cairn',
      TEAMS_APP_ID: APP_ID,
      TEAMS_APP_PASSWORD: 'secret',
      TEAMS_TENANT_ID: TENANT,
      TEAMS_AUTH_DISABLED: '1',
    };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(/TEAMS_AUTH_DISABLED/);
    // And the adapter refuses on its own, should it ever be built without the configuration check.
    expect(() =>
      createTeamsAdapter(
        {
          allowedTenants: new Set(),
          authDisabled: true,
          production: true,
          tenantRate: 30,
          defaultLanguage: 'fr',
          bodyLimit: 1_000_000,
        },
        {
          core: { handle: async () => ({ kind: 'none' }) },
          records: {
            get: () => undefined,
            put() {},
            delete() {},
            deleteByTenant() {},
            markUnreachableReported: () => false,
            listByTenant: () => [],
            listTenants: () => [],
          },
          logger: silentLogger,
          clock: new ManualClock('2026-01-01T00:00:00Z'),
        },
      ),
    ).toThrow(/TEAMS_AUTH_DISABLED/);
  });

  it('warns at start when authentication is disabled outside production', async () => {
    const h = await startTeamsHarness();
    try {
      expect(h.logs.text).toMatch(/Teams authentication is DISABLED/);
    } finally {
      await h.close();
    }
  });
});

describe('Teams: the suite stays on 127.0.0.1', () => {
  it('refuses any other host, which is how the tests above prove they reach none', async () => {
    const before = refusedHosts.length;
    await expect(fetch('http://login.botframework.com/v1/.well-known/openidconfiguration')).rejects.toThrow();
    expect(refusedHosts.slice(before)).toContain('login.botframework.com');
    expect(refusedHosts.slice(0, before)).toEqual([]);
  });
});
