import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { installationQuery } from '../../adapters/slack/addresses.js';
import { EncryptedInstallationStore } from '../../adapters/slack/installation-store.js';
import { createSlackInstallationRepository } from '../../db/repositories/slack-installations.js';
import { message } from '../../src/core/contract/message.js';
import { deriveKey } from '../../src/host/secrets.js';
import { FakeSlack } from '../support/fake-slack.js';
import { install } from './support/install.js';
import { populate } from './support/scenario.js';
import { CAIRN_SECRET, type SlackCairn, startSlackCairn } from './support/slack-cairn.js';
import { eventually } from './support/slack-client.js';

const TEAM = 'T0CAIRN';

describe('Slack OAuth: several workspaces, tokens encrypted at rest, token rotation', () => {
  let fake: FakeSlack;
  let cairn: SlackCairn;
  beforeEach(async () => {
    fake = await FakeSlack.start();
    populate(fake);
    // Slack's rotating tokens live 12 h; Cairn refreshes them when less than 2 h remain.
    fake.tokenLifetime = 3600;
    cairn = await startSlackCairn(fake, { oauth: true });
  });
  afterEach(async () => {
    await cairn.close();
    await fake.close();
  });

  const rows = () => createSlackInstallationRepository(cairn.db.db).list();

  it('stores the installation encrypted and serves that workspace with its token', async () => {
    const done = await install(cairn, fake);
    expect(done.status).toBe(200);
    const [row] = rows();
    expect(row?.key).toBe(TEAM);
    expect(row!.data).not.toContain('xoxe');
    expect(row!.data).not.toContain(TEAM);
    const raw = cairn.db.sqlite.prepare('SELECT data FROM slack_installations').pluck().get() as string;
    expect(raw).toMatch(/^v1\./);

    // A command from that workspace refreshes the soon-expiring token, then uses the new one.
    const reply = await cairn.driver.as('UALICE').command('help');
    expect(reply.reply?.response_type).toBe('ephemeral');
    const refresh = fake.callsTo('oauth.v2.access').filter((c) => c.args.grant_type === 'refresh_token');
    expect(refresh).toHaveLength(1);
    expect(fake.callsTo('users.info').at(-1)?.token).toBe('xoxe.xoxb-2');
    expect(createSlackInstallationRepository(cairn.db.db).list()[0]!.data).not.toBe(row!.data);
  });

  it('refreshes for the outbox too, once for concurrent sends (refresh tokens are single-use)', async () => {
    await install(cairn, fake);
    const before = fake.callsTo('oauth.v2.access').length;
    const platform = cairn.slack.platform;
    await Promise.all([
      platform.sendDirect(`slack:${TEAM}:UALICE`, message('a')),
      platform.sendDirect(`slack:${TEAM}:UBRUNO`, message('b')),
    ]);
    expect(fake.callsTo('oauth.v2.access').length - before).toBe(1);
    expect(fake.callsTo('chat.postMessage').map((c) => c.token)).toEqual(['xoxe.xoxb-2', 'xoxe.xoxb-2']);
  });

  it('refuses to send for a workspace that never installed Cairn (permanent)', async () => {
    await expect(cairn.slack.platform.sendDirect('slack:T0OTHER:UX', message('x'))).rejects.toMatchObject({
      kind: 'permanent',
    });
  });

  it('forgets the tokens and the data of a workspace that uninstalls Cairn', async () => {
    await install(cairn, fake);
    await cairn.driver.as('UALICE').command('help');
    await cairn.driver.sendEvent({ type: 'app_uninstalled' });
    await eventually(() => rows().length === 0);
    await eventually(() => cairn.store.people.listByWorkspace('slack', TEAM).length === 0);
  });
});

describe('Slack OAuth across a rotation of CAIRN_SECRET', () => {
  it('an installation sealed with the previous secret still serves its workspace, and is sealed again with the new one', async () => {
    const fake = await FakeSlack.start();
    populate(fake);
    const dir = mkdtempSync(join(tmpdir(), 'cairn-rotation-'));
    const NEW_SECRET = 'a-new-secret-after-rotation-that-is-long-enough';
    let cairn = await startSlackCairn(fake, { oauth: true, dir });
    try {
      await install(cairn, fake);
      const sealedBefore = createSlackInstallationRepository(cairn.db.db).get(TEAM)!.data;
      await cairn.close();

      cairn = await startSlackCairn(fake, {
        oauth: true,
        dir,
        secret: NEW_SECRET,
        previousSecret: CAIRN_SECRET,
      });
      const reply = await cairn.driver.as('UALICE').command('help');
      expect(reply.reply?.response_type).toBe('ephemeral');
      // The token was not refreshed (12 h left): the row was sealed again because of the rotation.
      expect(fake.callsTo('oauth.v2.access').filter((c) => c.args.grant_type === 'refresh_token')).toEqual(
        [],
      );
      const records = createSlackInstallationRepository(cairn.db.db);
      expect(records.get(TEAM)!.data).not.toBe(sealedBefore);
      const newOnly = new EncryptedInstallationStore(records, deriveKey(NEW_SECRET, 'slack-installations'));
      expect((await newOnly.fetchInstallation(installationQuery(TEAM))).bot?.token).toMatch(/^xoxe\.xoxb-/);
      await cairn.close();

      // Once re-sealed, the previous secret is no longer needed.
      cairn = await startSlackCairn(fake, { oauth: true, dir, secret: NEW_SECRET });
      expect((await cairn.driver.as('UBRUNO').command('help')).reply?.response_type).toBe('ephemeral');
    } finally {
      await cairn.close();
      await fake.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('EncryptedInstallationStore', () => {
  it('round-trips, binds a ciphertext to its row and needs the right key', async () => {
    const fake = await FakeSlack.start();
    const cairn = await startSlackCairn(fake);
    try {
      const records = createSlackInstallationRepository(cairn.db.db);
      const store = new EncryptedInstallationStore(records, deriveKey(CAIRN_SECRET, 'slack-installations'));
      const installation = (team: string) => ({
        team: { id: team },
        enterprise: undefined,
        user: { id: 'U1', token: undefined, scopes: undefined },
        bot: { id: 'B1', userId: 'UB', token: `xoxb-secret-${team}`, scopes: ['commands'] },
        isEnterpriseInstall: false,
        authVersion: 'v2' as const,
      });
      await store.storeInstallation(installation('T1'));
      await store.storeInstallation(installation('T2'));
      expect((await store.fetchInstallation(installationQuery('T1'))).bot?.token).toBe('xoxb-secret-T1');
      expect(JSON.stringify(records.list())).not.toContain('xoxb-secret');

      // T2's ciphertext copied into T1's row does not decrypt there.
      records.put({ ...records.get('T1')!, data: records.get('T2')!.data });
      await expect(store.fetchInstallation(installationQuery('T1'))).rejects.toThrow();
      const otherKey = new EncryptedInstallationStore(
        records,
        deriveKey('another-secret-long-enough-000000', 'x'),
      );
      await expect(otherKey.fetchInstallation(installationQuery('T2'))).rejects.toThrow();
      await store.deleteInstallation(installationQuery('T2'));
      expect(records.get('T2')).toBeUndefined();
    } finally {
      await cairn.close();
      await fake.close();
    }
  });
});
