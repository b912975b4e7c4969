import { join } from 'node:path';
import { heading, message, text } from '../../src/core/contract/message.js';
import { enqueueDirect, enqueueSpacePost } from '../../src/core/delivery/enqueue.js';
import type { Bench } from '../support/context.js';
import { sleep, waitUntil } from '../support/processes.js';
import {
  cleanUp,
  openSeeder,
  type SeededMember,
  type Seeder,
  scratchDir,
  seedGroups,
  seedTeamsConversations,
} from '../support/seed.js';
import { startCairn } from '../support/servers.js';
import { fmt } from '../support/table.js';
import type { DeliveryLog } from '../support/window.js';
import { profile } from './acknowledgment.js';

/** The platforms' documented pace, and the ceilings configured on both sides (Cairn's defaults). */
const SLACK_PER_CHANNEL = 1;
const SLACK_WORKSPACE = 20;
const TEAMS_PER_CONVERSATION = 7;
const TEAMS_TENANT = 30;

type Stream = {
  label: string;
  /** Which conversations of the fake's log belong to the stream. */
  match: string;
  log: () => DeliveryLog;
  /** The platform's limit, per second. */
  limit: number;
  /** 'aggregate': one ceiling over all the stream's conversations; 'each': a limit per conversation. */
  bound: 'aggregate' | 'each';
  expected: number;
};

/**
 * Scenario 4: one Cairn process serving Slack and Teams sends four streams at once, each held by a
 * different limit the fakes enforce (429 + Retry-After beyond it):
 * - Slack DMs to 500 people of one workspace: the workspace ceiling (20/s, SLACK_WORKSPACE_RATE);
 * - Slack posts, 25 in each of 4 channels of another workspace: 1 per second per channel;
 * - Teams 1:1 messages to 750 people of one tenant: the tenant ceiling (30/s, TEAMS_TENANT_RATE);
 * - Teams posts, 175 in each of 3 group chats of another tenant: 7 per second per conversation.
 * The rows are enqueued through the core's enqueue functions in shuffled order, as a scheduler tick
 * mixing platforms would leave them. Each stream alone takes about 25 s at its allowed rate.
 */
export async function limits(bench: Bench): Promise<void> {
  const scale = bench.quick ? 5 : 1;
  const dir = scratchDir();
  const file = join(dir, 'cairn.db');
  const seeder = await openSeeder(file);
  const jobs: (() => void)[] = [];
  const slackDms = seedGroups(seeder, {
    platform: 'slack',
    workspace: 'TSDM',
    groups: 50 / scale,
    size: 10,
    prefix: 'SDM',
  });
  const slackChannels = seedGroups(seeder, {
    platform: 'slack',
    workspace: 'TSCH',
    groups: 4,
    size: 1,
    prefix: 'SCH',
  });
  const teamsDms = seedGroups(seeder, {
    platform: 'teams',
    workspace: 'tenant-dm',
    groups: 75 / scale,
    size: 10,
    prefix: 'TDM',
  });
  const teamsChats = seedGroups(seeder, {
    platform: 'teams',
    workspace: 'tenant-ch',
    groups: 3,
    size: 1,
    prefix: 'TCH',
  });
  seedTeamsConversations(seeder, 'tenant-dm', bench.connector.url, teamsDms);
  seedTeamsConversations(seeder, 'tenant-ch', bench.connector.url, teamsChats);
  directs(seeder, jobs, 'slack-dm', slackDms);
  posts(seeder, jobs, 'slack-channel', slackChannels, 25 / scale);
  directs(seeder, jobs, 'teams-dm', teamsDms);
  posts(seeder, jobs, 'teams-chat', teamsChats, 175 / scale);
  shuffle(jobs);
  seeder.deps.store.transaction(() => {
    for (const job of jobs) job();
  });
  seeder.close();

  const streams: Stream[] = [
    {
      label: `Slack DMs, ${slackDms.length} people, workspace ceiling ${SLACK_WORKSPACE}/s`,
      match: 'SDM',
      log: () => bench.slack.deliveries,
      limit: SLACK_WORKSPACE,
      bound: 'aggregate',
      expected: slackDms.length,
    },
    {
      label: `Slack channel posts, 4 × ${25 / scale}, ${SLACK_PER_CHANNEL}/s per channel`,
      match: 'SCH',
      log: () => bench.slack.deliveries,
      limit: SLACK_PER_CHANNEL,
      bound: 'each',
      expected: (4 * 25) / scale,
    },
    {
      label: `Teams 1:1 messages, ${teamsDms.length} people, tenant ceiling ${TEAMS_TENANT}/s`,
      match: 'TDM',
      log: () => bench.connector.deliveries,
      limit: TEAMS_TENANT,
      bound: 'aggregate',
      expected: teamsDms.length,
    },
    {
      label: `Teams group-chat posts, 3 × ${175 / scale}, ${TEAMS_PER_CONVERSATION}/s per conversation`,
      match: 'TCH',
      log: () => bench.connector.deliveries,
      limit: TEAMS_PER_CONVERSATION,
      bound: 'each',
      expected: (3 * 175) / scale,
    },
  ];
  const expected = streams.reduce((n, s) => n + s.expected, 0);

  bench.slack.reset();
  bench.connector.deliveries.reset();
  bench.slack.setLimits({
    perChannel: SLACK_PER_CHANNEL,
    workspaceCeiling: SLACK_WORKSPACE,
    workspaceOf: (channel) => (channel.includes('SDM') ? 'TSDM' : 'TSCH'),
  });
  bench.connector.setLimits({
    perConversation: TEAMS_PER_CONVERSATION,
    tenantCeiling: TEAMS_TENANT,
    tenantOf: (conversation) => (conversation.includes('TDM') ? 'tenant-dm' : 'tenant-ch'),
  });
  bench.log(`4. fan-out under the platforms' limits: ${expected} messages in four streams`);
  const cairn = await startCairn({
    db: file,
    slack: bench.slack,
    env: {
      // Teams without Microsoft's authentication (the fake connector on 127.0.0.1): accepted under
      // NODE_ENV=test only, with a loopback HOST.
      NODE_ENV: 'test',
      TEAMS_AUTH_DISABLED: '1',
      SLACK_WORKSPACE_RATE: String(SLACK_WORKSPACE),
      TEAMS_TENANT_RATE: String(TEAMS_TENANT),
    },
    ...profile(bench, 'limits'),
  });
  const delivered = () => bench.slack.deliveries.distinct + bench.connector.deliveries.distinct;
  const finished = await waitUntil(() => delivered() >= expected, 120_000 / scale, 50);
  await sleep(2000); // a message sent twice would arrive by now
  await cairn.stop();
  bench.slack.setLimits(null);
  bench.connector.setLimits(null);
  cleanUp(dir);
  if (!finished) bench.notes.push(`4. **not everything arrived within ${120 / scale} s**.`);

  for (const stream of streams) {
    const { achieved, allowed } = achievedRate(stream.log(), stream.match, stream.bound, stream.limit);
    const ratio = achieved / allowed;
    bench.log(`  ${stream.label}: ${fmt(achieved, 2)}/s of ${fmt(allowed, 2)}/s allowed, ${fmt(ratio, 3)}`);
    bench.rows.push({
      scenario: `4. ${stream.label}`,
      cairn: `${fmt(achieved, 2)}/s`,
      baseline: `${fmt(allowed, 2)}/s allowed`,
      ratio,
      goal: '≥ 0.95×',
      met: ratio >= 0.95,
    });
  }
  for (const [platform, log, matches] of [
    ['Slack', bench.slack.deliveries, ['SDM', 'SCH']],
    ['Teams', bench.connector.deliveries, ['TDM', 'TCH']],
  ] as const) {
    const want = streams
      .filter((s) => (matches as readonly string[]).includes(s.match))
      .reduce((n, s) => n + s.expected, 0);
    const lost = want - log.distinct;
    bench.rows.push({
      scenario: `4. ${platform}: 429s received / messages lost / duplicates`,
      cairn: `${log.refused} / ${lost} / ${log.duplicates}`,
      baseline: '— / 0 / 0',
      ratio: null,
      goal: 'lost 0, duplicates 0',
      met: lost === 0 && log.duplicates === 0,
    });
  }
}

/**
 * The rate a stream achieved and the rate the limit allowed it, over the same messages. A limit of N per
 * second lets n messages arrive, at best, in (⌈n / N⌉ − 1) seconds from the first to the last (bursts of
 * N a second apart), so the allowed rate is (n − 1) over that and the achieved one (n − 1) over the time
 * it took. For a limit per conversation, the ratio is the mean over the conversations.
 */
function achievedRate(
  log: DeliveryLog,
  match: string,
  bound: Stream['bound'],
  perSecond: number,
): { achieved: number; allowed: number } {
  const conversations = [...log.byConversation.entries()]
    .filter(([id]) => id.includes(match))
    .map(([, t]) => t);
  const rates = (times: number[]) => {
    const sorted = [...times].sort((a, b) => a - b);
    const n = sorted.length;
    const span = sorted[n - 1]! - sorted[0]!;
    const fastest = (Math.ceil(n / perSecond) - 1) * 1000;
    return { achieved: ((n - 1) / span) * 1000, allowed: ((n - 1) / fastest) * 1000 };
  };
  if (bound === 'aggregate') return rates(conversations.flat());
  const each = conversations.filter((t) => t.length > perSecond).map(rates);
  const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
  return { achieved: mean(each.map((r) => r.achieved)), allowed: mean(each.map((r) => r.allowed)) };
}

function directs(seeder: Seeder, jobs: (() => void)[], stream: string, members: SeededMember[]): void {
  const { deps } = seeder;
  members.forEach((m, i) => {
    jobs.push(() => {
      const person = deps.store.people.get(m.personId)!;
      enqueueDirect(deps, `bench:${stream}:${i}`, person, benchMessage(stream, i));
    });
  });
}

function posts(
  seeder: Seeder,
  jobs: (() => void)[],
  stream: string,
  members: SeededMember[],
  each: number,
): void {
  const { deps } = seeder;
  for (const m of members) {
    for (let i = 0; i < each; i++) {
      jobs.push(() =>
        enqueueSpacePost(deps, `bench:${stream}:${m.group.id}:${i}`, m.group, benchMessage(stream, i)),
      );
    }
  }
}

const benchMessage = (stream: string, i: number) =>
  message(
    `Bench ${stream} #${i}`,
    heading(`Bench message ${i}`),
    text('A message of about the size of a reminder, to see the pace the platform allows.'),
  );

/** A fixed shuffle (the same order on every run). */
function shuffle<T>(items: T[]): void {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
}
