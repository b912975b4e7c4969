import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { CairnProcess, waitFor } from './cairn-process.js';
import { outboxSettled } from './crash.js';
import { slackEnv, slackFor, slackSide, teamsConnector, teamsEnv, teamsSide } from './fakes.js';
import { duplicatesIn, report, tally } from './figures.js';
import { seedGroups } from './seed.js';

export type OutageOptions = {
  platform: 'slack' | 'teams';
  /** How long every message is answered 500 (Slack) or 502 (Teams). */
  outageMs: number;
  groups: number;
  perGroup: number;
  /** Extra environment (e.g. CAIRN_OUTBOX_BACKOFF_MS for the short version). */
  env?: Record<string, string>;
  timeoutMs: number;
};

/**
 * The platform answers 500 (Slack, every Web API method) or 502 (Teams) for `outageMs` from the first
 * message of a fan-out on: the outbox backs off (it does not hammer the platform) and, once the platform
 * is back, delivers every message once. No row ends dead.
 */
export async function outageScenario(options: OutageOptions): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cairn-outage-'));
  const db = join(dir, 'cairn.db');
  const slack = options.platform === 'slack';
  const teams = slack ? undefined : await teamsConnector();
  const seeded = seedGroups(db, {
    platform: options.platform,
    groups: options.groups,
    membersPerGroup: options.perGroup,
    sessionAt: new Date(slack ? '2026-03-24T13:00:00Z' : '2026-03-10T13:00:00Z'),
    ...(teams ? { serviceUrl: teams.url } : {}),
  });
  const fake = slack ? await slackFor(seeded) : undefined;
  try {
    const now = slack ? '2026-03-17T08:00:30Z' : '2026-03-11T08:00:30Z';
    let outageStart = 0;
    if (fake) fake.failFor('*', { status: 500 }, options.outageMs);
    teams?.failFor(options.outageMs, 502, { match: (r) => r.kind === 'send' });
    const env = fake
      ? slackEnv(fake, db, { CAIRN_FAKE_NOW: now, SLACK_WORKSPACE_RATE: '60', ...options.env })
      : teamsEnv(db, { CAIRN_FAKE_NOW: now, TEAMS_TENANT_RATE: '60', ...options.env });
    const cairn = await CairnProcess.start(env);
    const side = fake ? slackSide(fake) : teamsSide(teams!);
    // Failed calls, each with who it was for.
    const failed = (): { at: number; recipient: string }[] =>
      fake
        ? fake.calls
            .filter((c) => c.status === 500)
            .map((c) => ({ at: c.at, recipient: String(c.args.users ?? c.args.channel ?? '') }))
        : teams!.requests
            .filter((r) => r.status === 502)
            .map((r) => ({ at: r.at, recipient: r.conversationId ?? '' }));
    outageStart = (await waitFor(() => failed()[0], 30_000, 'the outage')).at;
    const expected = seeded.members.map((m) => m.id);
    const reached = () => tally(side.deliveries().map((d) => d.recipient));
    await waitFor(() => reached().size === expected.length, options.timeoutMs, 'every member reached').catch(
      (err: unknown) => {
        const sqlite = new Database(db, { readonly: true });
        const rows = sqlite
          .prepare('SELECT status, attempts, last_error AS error, count(*) AS n FROM outbox GROUP BY 1, 2, 3')
          .all();
        sqlite.close();
        const { exitCode, signalCode } = cairn.child;
        const state =
          exitCode === null && signalCode === null ? 'running' : `exited (${exitCode ?? signalCode})`;
        throw new Error(
          `${String(err)}; Cairn ${state}; outbox: ${JSON.stringify(rows)}; log: ${cairn.output().slice(-2000)}`,
        );
      },
    );
    await waitFor(() => outboxSettled(db), 30_000, 'outbox empty');
    expect((await cairn.terminate()).code).toBe(0);

    const outageEnd = outageStart + options.outageMs;
    const lastDelivery = Math.max(...side.deliveries().map((d) => d.at));
    const failures = failed();
    const perRecipient = tally(failures.map((f) => f.recipient));
    const counts = reached();
    const figures = {
      members: expected.length,
      outageMs: options.outageMs,
      failedCalls: failures.length,
      mostAttemptsDuringOutage: Math.max(...perRecipient.values()),
      deliveredAfterOutageWithinMs: lastDelivery - outageEnd,
      lost: expected.filter((m) => !counts.has(m)).length,
      duplicates: duplicatesIn(counts),
      dead: deadRows(db),
    };
    report(`${slack ? 'Slack 500' : 'Teams 502'} outage`, figures);
    expect(figures.lost).toBe(0);
    expect(figures.duplicates).toBe(0);
    expect(figures.dead).toBe(0);
    // Backing off: each message was tried a handful of times during the outage, not hammered.
    expect(figures.mostAttemptsDuringOutage).toBeLessThanOrEqual(7);
    expect(side.deliveries().every((d) => d.at >= outageEnd)).toBe(true);
  } finally {
    await fake?.close();
    await teams?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

function deadRows(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare("SELECT count(*) AS n FROM outbox WHERE status = 'dead'").get() as { n: number }).n;
  } finally {
    db.close();
  }
}
