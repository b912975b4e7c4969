import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import type { FakeSlack } from '../../support/fake-slack.js';
import type { FakeConnector } from '../../teams/support/fake-connector.js';
import { CairnProcess, killStarted, waitFor } from '../support/cairn-process.js';
import { outboxSettled } from '../support/crash.js';
import { slackEnv, slackFor, slackSide, teamsConnector, teamsEnv, teamsSide } from '../support/fakes.js';
import { duplicatesIn, report, tally } from '../support/figures.js';
import { seedGroups } from '../support/seed.js';

afterAll(killStarted);

/** The built app's clock runs this many times faster than real time: 30 minutes of outage in one. */
const SPEED = 30;
const OUTAGE_CLOCK_MS = 30 * 60_000;

/**
 * Issue 16 §1, long version, on the built app (`node dist/src/host/main.js`) with a compressed clock
 * (CAIRN_FAKE_SPEED=30) and the production retry settings. Slack answers 500 to every call (the Bot
 * Connector 502 to every message) for 30 minutes (of Cairn's clock) from the first one on. Cairn starts at 09:00:30 (Paris) on 17 March, after a downtime:
 * 20 groups get the 7-day reminder of a session on the 24th (useful: delivered after the outage, once); 20
 * groups get the catch-up reminder of a session starting at 09:20 that day, and their facilitators its
 * digest (useless once it starts, 20 minutes into the outage: dropped, never delivered).
 */
describe('a 30-minute outage, compressed', () => {
  it.concurrent.each([['slack'], ['teams']] as const)(
    '%s: nothing lost, nothing twice, nothing useless delivered, nothing dead; probed, not hammered',
    async (platform) => {
      const dir = mkdtempSync(join(tmpdir(), 'cairn-outage30-'));
      const db = join(dir, 'cairn.db');
      let fake: FakeSlack | undefined;
      let teams: FakeConnector | undefined;
      try {
        const slack = platform === 'slack';
        teams = slack ? undefined : await teamsConnector();
        const seed = (sessionAt: string, idPrefix: string) =>
          seedGroups(db, {
            platform,
            groups: 20,
            membersPerGroup: 8,
            sessionAt: new Date(sessionAt),
            idPrefix,
            ...(teams ? { serviceUrl: teams.url } : {}),
          });
        const useful = seed('2026-03-24T13:00:00Z', 'A');
        const useless = seed('2026-03-17T08:20:00Z', 'B');
        const outageRealMs = OUTAGE_CLOCK_MS / SPEED;
        const failing = () =>
          fake ? fake.calls.filter((c) => c.status === 500) : teams!.requests.filter((r) => r.status === 502);
        if (slack) {
          fake = await slackFor({
            groups: [...useful.groups, ...useless.groups],
            members: [...useful.members, ...useless.members],
            facilitators: [...useful.facilitators, ...useless.facilitators],
            sessions: [],
          });
          fake.failFor('*', { status: 500 }, outageRealMs);
        } else teams!.failFor(outageRealMs, 502, { match: (r) => r.kind === 'send' || r.kind === 'create' });
        const extra = { CAIRN_FAKE_NOW: '2026-03-17T08:00:30Z', CAIRN_FAKE_SPEED: String(SPEED) };
        const cairn = await CairnProcess.start(
          fake
            ? slackEnv(fake, db, { ...extra, SLACK_WORKSPACE_RATE: '60' })
            : teamsEnv(db, { ...extra, TEAMS_TENANT_RATE: '60' }),
        );
        const side = fake ? slackSide(fake) : teamsSide(teams!);
        // DMs start with opening a conversation: the first call that fails opens the window.
        const first = await waitFor(() => failing()[0], 30_000, 'the outage');
        const outageEnd = first.at + outageRealMs;
        const delivered = () => side.deliveries().map((d) => ({ to: d.recipient, at: d.at }));
        const usefulIds = new Set(useful.members.map((m) => m.id));
        await waitFor(
          () =>
            tally(
              delivered()
                .filter((d) => usefulIds.has(d.to))
                .map((d) => d.to),
            ).size === usefulIds.size,
          outageRealMs + 60_000,
          'every useful reminder delivered',
        );
        await waitFor(() => outboxSettled(db), 30_000, 'outbox settled');
        expect((await cairn.terminate()).code).toBe(0);

        const all = delivered();
        const counts = tally(all.filter((d) => usefulIds.has(d.to)).map((d) => d.to));
        const uselessIds = new Set([...useless.members, ...useless.facilitators].map((m) => m.id));
        const sqlite = new Database(db, { readonly: true });
        const rows = sqlite
          .prepare(
            'SELECT status, last_error AS error, count(*) AS n FROM outbox GROUP BY 1, 2 ORDER BY 1, 2',
          )
          .all() as { status: string; error: string | null; n: number }[];
        sqlite.close();
        const failedCalls = failing().length;
        const figures = {
          outageClockMinutes: OUTAGE_CLOCK_MS / 60_000,
          useful: usefulIds.size,
          lost: usefulIds.size - counts.size,
          duplicates: duplicatesIn(counts),
          uselessDelivered: all.filter((d) => uselessIds.has(d.to)).length,
          expiredUnsent: rows.find((r) => r.status === 'cancelled' && r.error === 'expired')?.n ?? 0,
          dead: rows.find((r) => r.status === 'dead')?.n ?? 0,
          failedCalls,
          deliveredBeforeOutageEnd: all.filter((d) => d.at < outageEnd).length,
          lastDeliveryAfterOutageClockS: Math.round(
            ((Math.max(...all.map((d) => d.at)) - outageEnd) * SPEED) / 1000,
          ),
        };
        report(`30-minute ${slack ? 'Slack 500' : 'Teams 502'} outage (compressed ×30)`, figures);
        expect(figures.lost).toBe(0);
        expect(figures.duplicates).toBe(0);
        expect(figures.uselessDelivered).toBe(0);
        expect(figures.dead).toBe(0);
        // The 8 reminders and 1 digest of each useless group's session, dropped.
        expect(figures.expiredUnsent).toBe(20 * 9);
        expect(figures.deliveredBeforeOutageEnd).toBe(0);
        // Before: every message tried 8 times, then dead. Now: a few failures, then one probe now and then.
        expect(failedCalls).toBeLessThanOrEqual(100);
      } finally {
        await fake?.close();
        await teams?.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    },
    300_000,
  );
});
