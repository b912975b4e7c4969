import { join } from 'node:path';
import { type LoadRequest, runLoad } from './load.js';
import { slackHeaders } from './slack-signing.js';
import { BENCH_TEAM, BenchSlack, dmChannelOf } from './support/fake-slack.js';
import { pinSelf, ROOT, type Running, sleep } from './support/processes.js';
import { sameWorkReplies, writeSameWork } from './support/same-work.js';
import { cleanUp, openSeeder, scratchDir, seedSlackGroups } from './support/seed.js';
import {
  compileBenchScripts,
  SIGNING_SECRET,
  startCairn,
  startSameWorkBoltProcess,
} from './support/servers.js';

/**
 * One command at a time, each in fresh processes of Cairn and of the same-work Bolt app with V8's CPU
 * profiler on, so that a profile holds one command's work only (scenario 1's `--profile` mixes help and
 * case in one process). Prints CPU per request; the profiles go to bench/results/profiles/<command>-*.
 *
 *   npm run build && npx tsx bench/profile-commands.ts      then: npx tsx bench/profile-parts.ts <folder>
 */
const SECONDS = 6;
const out = join(ROOT, 'bench', 'results', 'profiles');

pinSelf();
await compileBenchScripts();
const slack = await BenchSlack.start();
const dir = scratchDir();
const file = join(dir, 'cairn.db');
const seeder = await openSeeder(file);
const users = seedSlackGroups(seeder, { groups: 50, size: 10, prefix: 'A', sessionInDays: 30 }).map(
  (m) => m.userId,
);
seeder.close();
const work = writeSameWork(dir, await sameWorkReplies());

for (const text of ['help', 'case']) {
  const timestamp = Math.floor(Date.now() / 1000);
  const requests: LoadRequest[] = users.map((user, i) => {
    const body = new URLSearchParams({
      team_id: BENCH_TEAM,
      channel_id: dmChannelOf(user),
      user_id: user,
      command: '/cairn',
      text,
      api_app_id: 'A0BENCH',
      response_url: slack.responseUrl(i),
      trigger_id: `${i}.1.bench`,
    }).toString();
    return { path: '/slack/events', headers: slackHeaders(SIGNING_SECRET, body, timestamp), body };
  });
  const starts: [string, () => Promise<Running>][] = [
    ['cairn', () => startCairn({ db: file, slack, profileDir: join(out, `${text}-cairn`) })],
    [
      'same-work',
      () => startSameWorkBoltProcess(slack, work, join(dir, 'same-work.db'), join(out, `${text}-same-work`)),
    ],
  ];
  for (const [name, start] of starts) {
    const server = await start();
    const request = (i: number) => requests[i % requests.length]!;
    await runLoad({ origin: server.origin, connections: 50, total: 2000, request });
    const cpu0 = server.cpuMs();
    const r = await runLoad({ origin: server.origin, connections: 50, durationMs: SECONDS * 1000, request });
    await sleep(300);
    const cpu = (server.cpuMs() - cpu0) / r.requests;
    process.stdout.write(
      `/cairn ${text}, ${name}: ${Math.round(r.rps)} req/s, ${cpu.toFixed(2)} ms CPU per request, ` +
        `p99 ${r.p99.toFixed(1)} ms, ${r.errors} errors\n`,
    );
    await server.stop();
  }
}
await slack.close();
cleanUp(dir);
