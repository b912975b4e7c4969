import { FakeSlack } from '../../support/fake-slack.js';
import { FakeConnector } from '../../teams/support/fake-connector.js';
import type { FakeSide } from './crash.js';
import type { Seeded } from './seed.js';

export const CAIRN_SECRET = 'a-fault-test-secret-that-is-long-enough-for-cairn';
export const SIGNING_SECRET = 'signing-secret-for-the-fault-tests';

/** Cairn's environment for Slack (one workspace, bot token) against the fake Web API. */
export function slackEnv(
  fake: FakeSlack,
  db: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  return {
    CAIRN_DB: db,
    CAIRN_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-test',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    ...extra,
  };
}

/** Cairn's environment for Teams (authentication off: local tests only) against the fake Bot Connector. */
export function teamsEnv(db: string, extra: Record<string, string> = {}): Record<string, string> {
  return { CAIRN_DB: db, CAIRN_SECRET, TEAMS_AUTH_DISABLED: '1', ...extra };
}

/**
 * A fake Slack that knows every seeded person (DMs are opened with conversations.open) and every group's
 * private channel with its people and Cairn (what the start-up reconciliation asks it).
 */
export async function slackFor(seeded: Seeded): Promise<FakeSlack> {
  const fake = await FakeSlack.start();
  for (const m of seeded.members) fake.addUser(m.id, `Membre ${m.id}`);
  for (const f of seeded.facilitators) fake.addUser(f.id, `Membre ${f.id}`);
  for (const group of seeded.groups) {
    const people = [...seeded.facilitators, ...seeded.members].filter((p) => p.groupId === group.id);
    fake.addChannel(group.spaceAddress.split(':')[2]!, [...people.map((p) => p.id), fake.botUserId]);
  }
  return fake;
}

/** Slack DMs: chat.postMessage calls to a D… channel that took effect, by user id. */
export function slackSide(fake: FakeSlack): FakeSide {
  return {
    deliveries: () =>
      fake
        .callsTo('chat.postMessage')
        .filter((c) => c.ok && String(c.args.channel).startsWith('D'))
        .map((c) => ({ recipient: String(c.args.channel).slice(1), at: c.at, answeredAt: c.answeredAt })),
    hold: () => fake.holdAnswers(),
    release: (drop) => fake.releaseAnswers(drop),
    recipientOf: (address) => address.split(':')[2] ?? '',
  };
}

export async function teamsConnector(): Promise<FakeConnector> {
  return new FakeConnector().start();
}

/** Teams 1:1 messages (sendToConversation to `a:dm-<id>`) that took effect, by person id. */
export function teamsSide(fake: FakeConnector): FakeSide {
  return {
    deliveries: () =>
      fake.requests
        .filter(
          (r) =>
            r.kind === 'send' && r.status >= 200 && r.status < 300 && r.conversationId?.startsWith('a:dm-'),
        )
        .map((r) => ({
          recipient: r.conversationId!.slice('a:dm-'.length),
          at: r.at,
          answeredAt: r.answeredAt,
        })),
    hold: () => fake.holdAnswers(),
    release: (drop) => fake.releaseAnswers(drop),
    recipientOf: (address) => address.split(':').slice(2).join(':'),
  };
}
