import { join } from 'node:path';
import { type LoadResult, runLoad } from '../load.js';
import { slackHeaders } from '../slack-signing.js';
import { type Bench, pct, withDriverCpu } from '../support/context.js';
import { BENCH_TEAM, dmChannelOf } from '../support/fake-slack.js';
import { type Running, sleep } from '../support/processes.js';
import { cleanUp, openSeeder, scratchDir, seedSlackGroups } from '../support/seed.js';
import { SIGNING_SECRET, startBareBoltProcess, startCairn } from '../support/servers.js';
import { fmt, ms } from '../support/table.js';

const CONNECTIONS = 50;

/**
 * Scenario 1: signed `/cairn help` (an ephemeral answer through the response_url) and `/cairn case` (a
 * modal opened at the fake Slack API), 50 connections for 10 s each, against Cairn and the bare Bolt app.
 * Both run as their own process on the same CPU; members of 50 groups of 10 send the commands from their
 * DM with Cairn, so the core finds their group and opens the real case form.
 */
export async function acknowledgment(bench: Bench): Promise<void> {
  const seconds = bench.quick ? 3 : 10;
  const dir = scratchDir();
  const file = join(dir, 'cairn.db');
  const seeder = openSeeder(file);
  const users = seedSlackGroups(seeder, { groups: 50, size: 10, prefix: 'A', sessionInDays: 30 }).map(
    (m) => m.userId,
  );
  seeder.close();

  const commands = (text: string) => {
    const timestamp = Math.floor(Date.now() / 1000);
    return users.map((user, i) => {
      const body = new URLSearchParams({
        token: 'bench',
        team_id: BENCH_TEAM,
        team_domain: 'bench',
        channel_id: dmChannelOf(user),
        channel_name: 'directmessage',
        user_id: user,
        user_name: user.toLowerCase(),
        command: '/cairn',
        text,
        api_app_id: 'A0BENCH',
        is_enterprise_install: 'false',
        response_url: bench.slack.responseUrl(i),
        trigger_id: `${i}.1.bench`,
      }).toString();
      return { path: '/slack/events', headers: slackHeaders(SIGNING_SECRET, body, timestamp), body };
    });
  };

  const measure = async (server: Running, label: string) => {
    const origin = server.origin;
    // Warm-up: JIT, Cairn's user cache and prepared statements, for both commands and every user.
    const warm = [...commands('help'), ...commands('case')];
    await runLoad({
      origin,
      connections: CONNECTIONS,
      total: warm.length * 2,
      request: (i) => warm[i % warm.length]!,
    });
    const results: Record<string, LoadResult & { cpuPerRequest: number }> = {};
    for (const text of ['help', 'case']) {
      const requests = commands(text);
      bench.slack.reset();
      const cpu0 = server.cpuMs();
      const { value, driverCpu } = await withDriverCpu(() =>
        runLoad({
          origin,
          connections: CONNECTIONS,
          durationMs: seconds * 1000,
          request: (i) => requests[i % requests.length]!,
        }),
      );
      // Once the run ends, work it acknowledged but has not finished (answers to send) still counts.
      await sleep(1000);
      results[text] = { ...value, cpuPerRequest: (server.cpuMs() - cpu0) / value.requests };
      const followUps = text === 'help' ? bench.slack.count('response_url') : bench.slack.count('views.open');
      bench.log(
        `  ${label} /cairn ${text}: ${fmt(value.rps)} req/s, p50 ${ms(value.p50)}, p99 ${ms(value.p99)}, ` +
          `errors ${value.errors}, ${ms(results[text]!.cpuPerRequest)} CPU per request, driver CPU ${pct(driverCpu)}`,
      );
      if (label === 'Cairn')
        bench.notes.push(
          `1. Cairn /cairn ${text}: ${value.requests} acknowledged (${value.errors} errors), ` +
            `${followUps} ${text === 'help' ? 'answers at the response_url' : 'modals opened (views.open)'} ` +
            `during the run; load generator and fake at ${pct(driverCpu)} of their CPU.`,
        );
    }
    return results;
  };

  bench.log('1. acknowledgment: bare Bolt');
  const bare = await startBareBoltProcess(bench.slack);
  const baseline = await measure(bare, 'bare Bolt');
  await bare.stop();

  bench.log('1. acknowledgment: Cairn');
  const cairn = await startCairn({ db: file, slack: bench.slack, ...profile(bench, 'ack') });
  const measured = await measure(cairn, 'Cairn');
  await cairn.stop();
  cleanUp(dir);

  for (const text of ['help', 'case']) {
    const c = measured[text]!;
    const b = baseline[text]!;
    bench.rows.push(
      {
        scenario: `1. \`/cairn ${text}\` throughput (${CONNECTIONS} conn., ${seconds} s)`,
        cairn: `${fmt(c.rps)} req/s`,
        baseline: `${fmt(b.rps)} req/s`,
        ratio: c.rps / b.rps,
        goal: '≥ 0.8×',
        met: c.rps / b.rps >= 0.8 && c.errors === 0,
      },
      {
        scenario: `1. \`/cairn ${text}\` p50 latency`,
        cairn: ms(c.p50),
        baseline: ms(b.p50),
        ratio: c.p50 / b.p50,
        goal: '—',
        met: null,
      },
      {
        scenario: `1. \`/cairn ${text}\` CPU time per request (server process)`,
        cairn: ms(c.cpuPerRequest),
        baseline: ms(b.cpuPerRequest),
        ratio: c.cpuPerRequest / b.cpuPerRequest,
        goal: '—',
        met: null,
      },
      {
        scenario: `1. \`/cairn ${text}\` p99 latency`,
        cairn: ms(c.p99),
        baseline: ms(b.p99),
        ratio: c.p99 / b.p99,
        goal: '≤ 1.2×',
        met: c.p99 / b.p99 <= 1.2,
      },
    );
  }
}

export const profile = (bench: Bench, name: string) =>
  bench.profileDir ? { profileDir: join(bench.profileDir, name) } : {};
