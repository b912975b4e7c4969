import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { message } from '../../src/core/contract/message.js';
import { FakeSlack } from '../support/fake-slack.js';
import { createTestDatabase, postgresAdminUrl } from '../support/pg-databases.js';
import { install } from './support/install.js';
import { populate } from './support/scenario.js';
import { type SlackCairn, startSlackCairn } from './support/slack-cairn.js';

const TEAM = 'T0CAIRN';
const required = process.env.CAIRN_REQUIRE_POSTGRES === '1';

/**
 * Slack's refresh tokens are single-use: two instances refreshing the same workspace's token at once would
 * both spend it. On PostgreSQL the refresh runs under a database lock, and the instance that waited uses
 * the token the other stored.
 */
describe.skipIf(!postgresAdminUrl() && !required)(
  'Slack token rotation across instances (PostgreSQL)',
  () => {
    let fake: FakeSlack;
    let instances: SlackCairn[] = [];
    beforeEach(async () => {
      fake = await FakeSlack.start();
      populate(fake);
      fake.tokenLifetime = 3600;
      const databaseUrl = createTestDatabase('cairn_slack');
      instances = [
        await startSlackCairn(fake, { oauth: true, databaseUrl }),
        await startSlackCairn(fake, { oauth: true, databaseUrl }),
      ];
    });
    afterEach(async () => {
      for (const cairn of instances) await cairn.close();
      await fake.close();
    });

    it('two instances sending at once for a workspace whose token expires refresh it once', async () => {
      const [a, b] = instances as [SlackCairn, SlackCairn];
      await install(a, fake);
      // The installed token expires within the hour; the refreshed one lives 12 hours, as Slack's do.
      fake.tokenLifetime = 12 * 3600;
      const refreshes = () =>
        fake.callsTo('oauth.v2.access').filter((c) => c.args.grant_type === 'refresh_token').length;
      expect(refreshes()).toBe(0);
      await Promise.all([
        a.slack.platform.sendDirect(`slack:${TEAM}:UALICE`, message('a')),
        b.slack.platform.sendDirect(`slack:${TEAM}:UBRUNO`, message('b')),
        a.slack.platform.sendDirect(`slack:${TEAM}:UCHLOE`, message('c')),
        b.slack.platform.sendDirect(`slack:${TEAM}:UDAVID`, message('d')),
      ]);
      expect(refreshes()).toBe(1);
      expect(fake.callsTo('chat.postMessage').map((c) => c.token)).toEqual(Array(4).fill('xoxe.xoxb-2'));
    });
  },
);
