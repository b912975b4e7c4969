import { join } from 'node:path';
import Database from 'better-sqlite3';
import { renderForm } from '../../adapters/slack/render-form.js';
import { TALLY_BASE } from '../../db/repositories/checkins.js';
import { ACTION, FORM } from '../../src/core/contract/ids.js';
import { CHECKIN_QUESTIONS } from '../../src/core/domain/checkin.js';
import { createSecrets } from '../../src/host/secrets.js';
import { type LoadRequest, runLoad } from '../load.js';
import { slackHeaders } from '../slack-signing.js';
import { type Bench, pct } from '../support/context.js';
import { BENCH_TEAM } from '../support/fake-slack.js';
import { interleave, ROUNDS } from '../support/interleave.js';
import { sameWorkReplies, writeSameWork } from '../support/same-work.js';
import {
  BENCH_SECRET,
  cleanUp,
  openSeeder,
  type SeededMember,
  type Seeder,
  scratchDir,
  seedSlackGroups,
} from '../support/seed.js';
import {
  SIGNING_SECRET,
  startBareBoltProcess,
  startCairn,
  startSameWorkBoltProcess,
} from '../support/servers.js';
import { fmt, ms } from '../support/table.js';
import { profile } from './acknowledgment.js';

const CONNECTIONS = 50;

/**
 * Scenario 2: signed view_submissions of the check-in form from 10,000 distinct members (1,000 groups of
 * 10, each with an open round), each answering once, against the same-work Bolt app (one durable SQLite
 * insert in its own transaction, then the same thanks in its acknowledgment) and, for reference, a Bolt
 * app that only acknowledges the same 10,000 submissions. Each form's sealed state is the one the real
 * core puts in the form it opens for that member (checked on a sample through `core.handle`); afterwards
 * the database must hold exactly the answers the load generator saw accepted.
 */
export async function checkinSubmission(bench: Bench): Promise<void> {
  const groups = bench.quick ? 100 : 1000;
  const dir = scratchDir();
  const file = join(dir, 'cairn.db');
  const seeder = await openSeeder(file);
  const members = seedSlackGroups(seeder, {
    groups,
    size: 10,
    prefix: 'B',
    sessionInDays: 30,
    openRounds: true,
  });
  const forms = await formsOf(seeder.core, members);
  seeder.close();

  const submissions = () => {
    const timestamp = Math.floor(Date.now() / 1000);
    return members.map((m, i): LoadRequest => {
      const body = `payload=${encodeURIComponent(JSON.stringify(viewSubmission(m, i, forms.view, forms.state(m))))}`;
      return { path: '/slack/events', headers: slackHeaders(SIGNING_SECRET, body, timestamp), body };
    });
  };
  const outcomes = { thanks: 0, other: 0 };
  bench.log(`2. check-in submissions (${members.length} members): starting the Bolt apps and Cairn`);
  const work = await sameWorkReplies();
  const sameDb = join(dir, 'same-work.db');
  const targets = {
    bare: await startBareBoltProcess(bench.slack),
    same: await startSameWorkBoltProcess(
      bench.slack,
      writeSameWork(dir, work),
      sameDb,
      profile(bench, 'checkin-same-work').profileDir,
    ),
    cairn: await startCairn({ db: file, slack: bench.slack, ...profile(bench, 'checkin') }),
  };
  bench.slack.reset();
  // All run cold on the same 10,000 submissions (a warm-up on other members would leave Cairn nothing
  // to compare with), cut into slices that alternate between them: slice k of each is the same members.
  const requests = submissions();
  const chunk = Math.ceil(requests.length / ROUNDS);
  const results = await interleave(targets, (name, round) => {
    const mine = requests.slice(round * chunk, (round + 1) * chunk);
    return runLoad({
      origin: targets[name].origin,
      connections: CONNECTIONS,
      total: mine.length,
      durationMs: 60_000,
      request: (i) => mine[i]!,
      ...(name === 'cairn'
        ? {
            inspect: {
              pick: (i: number) => i % 50 === 0,
              body: (_i: number, status: number, text: string) => {
                if (status === 200 && text.includes('"response_action":"update"')) outcomes.thanks++;
                else outcomes.other++;
              },
            },
          }
        : {}),
    });
  });
  for (const server of Object.values(targets)) await server.stop();
  const { cairn: measured, same: baseline, bare } = results;
  for (const [label, r] of [
    ['bare-ack Bolt', bare],
    ['same-work Bolt', baseline],
    ['Cairn', measured],
  ] as const) {
    bench.log(
      `  ${label}: ${r.requests} submissions, ${fmt(r.rps)} req/s, p50 ${ms(r.p50)}, p99 ${ms(r.p99)}, ` +
        `errors ${r.errors}, ${ms(r.cpuPerRequest)} CPU per request, waited for its CPU ${pct(r.cpuWait)} ` +
        `of the time, driver CPU ${pct(r.driverCpu)}`,
    );
  }
  const sameRows = countRows(sameDb);

  const stored = await countAnswers(file);
  cleanUp(dir);
  const accepted = measured.requests - measured.errors;
  const consistent = stored.participations === accepted && stored.tallies.every((n) => n === accepted);
  bench.notes.push(
    `2. ${accepted} answers accepted; the database holds ${stored.participations} participation tokens and ` +
      `${stored.tallies.join('/')} counted answers per question (${consistent ? 'consistent' : '**inconsistent**'}); ` +
      `of ${outcomes.thanks + outcomes.other} sampled responses ${outcomes.thanks} closed the form with ` +
      `the thanks; Cairn made ${bench.slack.count('users.info')} users.info calls. The same-work app ` +
      `stored ${sameRows} rows for ${baseline.requests - baseline.errors} accepted. Waited for their CPU: ` +
      `Cairn ${pct(measured.cpuWait)}, same-work ${pct(baseline.cpuWait)}, bare-ack ${pct(bare.cpuWait)}.`,
  );
  const ratio = measured.rps / baseline.rps;
  bench.rows.push(
    {
      scenario: `2. check-in submissions, ${members.length} members (${CONNECTIONS} conn.)`,
      cairn: `${fmt(measured.rps)} req/s`,
      baseline: `${fmt(baseline.rps)} req/s`,
      ratio,
      goal: '≥ 0.5×',
      met: ratio >= 0.5 && consistent && measured.errors === 0,
    },
    {
      scenario: '2. check-in submission CPU time per request (server process)',
      cairn: ms(measured.cpuPerRequest),
      baseline: ms(baseline.cpuPerRequest),
      ratio: measured.cpuPerRequest / baseline.cpuPerRequest,
      goal: '—',
      met: null,
    },
    {
      scenario: '2. check-in submission p99 latency',
      cairn: ms(measured.p99),
      baseline: ms(baseline.p99),
      ratio: measured.p99 / baseline.p99,
      goal: '—',
      met: null,
    },
    {
      scenario: '2. check-in submissions against a Bolt app that only acks (reference)',
      cairn: `${fmt(measured.rps)} req/s`,
      baseline: `${fmt(bare.rps)} req/s`,
      ratio: measured.rps / bare.rps,
      goal: '—',
      met: null,
    },
  );
}

type Core = Seeder['core'];

/**
 * The check-in modal as Slack would hold it, and each member's sealed form state. The state is sealed as
 * src/core/kernel/form-state.ts does; for a sample of members the real core opens the form (the button of the
 * prompt) and its state must be the same string, so the bench cannot drift from the product silently.
 */
async function formsOf(core: Core, members: SeededMember[]) {
  const secrets = createSecrets(BENCH_SECRET);
  // The state carries when it was issued (forms expire after a day): the core's own issue time is reused.
  let issuedAt = Date.now();
  const envelope = (m: SeededMember, t: number) =>
    JSON.stringify({ u: m.userRef, t, s: { roundId: m.roundId } });
  const state = (m: SeededMember) => secrets.seal(envelope(m, issuedAt));
  let view: ReturnType<typeof renderForm> | undefined;
  const step = Math.max(1, Math.floor(members.length / 20));
  for (let i = 0; i < members.length; i += step) {
    const m = members[i]!;
    const reply = await core.handle({
      kind: 'action',
      actor: { platform: 'slack', userRef: m.userRef, displayName: '', workspace: BENCH_TEAM },
      place: { kind: 'direct' },
      action: ACTION.checkinOpen,
      value: m.roundId!,
    });
    if (reply.kind !== 'form') throw new Error(`the core did not open the check-in form (${reply.kind})`);
    const opened = JSON.parse(secrets.unseal(reply.form.state) ?? '{}') as { t?: number };
    issuedAt = opened.t ?? issuedAt;
    if (reply.form.state !== state(m)) throw new Error('the bench seals check-in forms unlike the core');
    view ??= renderForm(reply.form);
  }
  return { view: view!, state };
}

/** Answers spread over the scale, with a hard "overall" now and then (which adds the support block). */
const answerOf = (i: number, q: number): string =>
  q === 3 && i % 50 === 0 ? '1' : String(2 + ((i * 7 + q * 3) % 4));

function viewSubmission(m: SeededMember, i: number, view: ReturnType<typeof renderForm>, state: string) {
  const values = Object.fromEntries(
    CHECKIN_QUESTIONS.map((q, qi) => [
      q,
      { value: { type: 'static_select', selected_option: { value: answerOf(i, qi) } } },
    ]),
  );
  return {
    type: 'view_submission',
    team: { id: BENCH_TEAM, domain: 'bench' },
    user: {
      id: m.userId,
      username: m.userId.toLowerCase(),
      name: m.userId.toLowerCase(),
      team_id: BENCH_TEAM,
    },
    api_app_id: 'A0BENCH',
    token: 'bench',
    trigger_id: `${i}.2.bench`,
    is_enterprise_install: false,
    enterprise: null,
    view: {
      ...view,
      id: `VB${i}`,
      team_id: BENCH_TEAM,
      private_metadata: state,
      callback_id: FORM.checkin,
      state: { values },
      hash: `${i}.hash`,
      root_view_id: `VB${i}`,
      previous_view_id: null,
      app_id: 'A0BENCH',
      external_id: '',
      app_installed_team_id: BENCH_TEAM,
      bot_id: 'B0CAIRN',
      clear_on_close: false,
      notify_on_close: false,
    },
    response_urls: [],
  };
}

/** The answers the same-work app stored, read back from its file after the run. */
function countRows(file: string): number {
  const db = new Database(file, { readonly: true });
  const n = (db.prepare('SELECT count(*) AS n FROM answers').get() as { n: number }).n;
  db.close();
  return n;
}

/** Participation tokens and per-question counters, read back from the file after the run. */
async function countAnswers(file: string): Promise<{ participations: number; tallies: number[] }> {
  const seeder = await openSeeder(file);
  const { sqlite } = seeder.db;
  const participations = (
    sqlite.prepare('SELECT count(*) AS n FROM checkin_participation').get() as { n: number }
  ).n;
  const tallies = CHECKIN_QUESTIONS.map(
    (q) =>
      (
        sqlite
          .prepare(
            `SELECT coalesce(sum(count - ${TALLY_BASE}), 0) AS n FROM checkin_tally WHERE question = ?`,
          )
          .get(q) as {
          n: number;
        }
      ).n,
  );
  seeder.close();
  return { participations, tallies };
}
