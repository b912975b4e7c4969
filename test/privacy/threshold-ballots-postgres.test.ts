import { afterAll, describe, expect, it, vi } from 'vitest';
import { openPgStore } from '../../db/pg/store.js';
import { TALLY_BASE } from '../../db/repositories/checkins.js';
import { createSecrets } from '../../src/host/secrets.js';
import { createHarness, scheduleSession, setUpGroup } from '../support/harness.js';
import { createTestDatabase, postgresAdminUrl } from '../support/pg-databases.js';
import { proposeCase } from '../support/scenario.js';
import { ballotCounts, openBallotOf, vote } from '../support/votes.js';
import { foundAmong } from './support/raw-files.js';

const required = process.env.CAIRN_REQUIRE_POSTGRES === '1';

// Attack 2 on ballots (no vote count below 3 voters), again with Cairn on PostgreSQL.
if (postgresAdminUrl() || required) {
  process.env.CAIRN_TEST_ENGINE = 'postgres';
  // Six groups' votes through the worker take about 20 s on a loaded machine: more than the default.
  vi.setConfig({ testTimeout: 180_000 });
  // The variable must not outlive this file (a worker process may run other files after it).
  afterAll(() => {
    delete process.env.CAIRN_TEST_ENGINE;
  });
  await import('./threshold-ballots.test.js');
} else {
  describe.skip('ballot threshold on PostgreSQL (PostgreSQL not installed)', () => it('skipped', () => {}));
}

const SECRET = 'ballot-stats-secret-that-is-long-enough';

/**
 * PostgreSQL's planner statistics (pg_statistic, read as pg_stats by any reader with full rights, and
 * dumped by pg_dump from version 18) sample column values when a table is analysed — by autovacuum, at
 * any moment, or by an operator. Analysed while a vote is open, they kept its tokens and the share of
 * counters above zero after the round had deleted them (an empty table is never analysed again), for a
 * round closed below the threshold too. The anonymous columns have no statistics (SET STATISTICS 0,
 * db/pg/migrations/0001_features_and_durability.sql): this fails without it.
 */
describe.skipIf(!postgresAdminUrl() && !required)(
  'attack 2 on ballots on PostgreSQL: planner statistics',
  () => {
    it('statistics taken mid-vote keep neither the tokens nor the counts of 2 voters once the vote closes', async () => {
      const url = createTestDatabase('cairn_ballot_stats');
      const h = await createHarness({ start: '2026-03-02T08:00:00Z', secret: SECRET, databaseUrl: url });
      const reader = openPgStore({ url, poolSize: 1, migrate: false });
      try {
        const { facilitator, space, users, group } = await setUpGroup(h, { language: 'en' });
        await scheduleSession(facilitator, space, '2026-03-12');
        for (const [i, author] of users.slice(0, 3).entries()) {
          h.clock.advance(60_000);
          await proposeCase(author, { title: `Case ${i}: how can I…?`, visibility: 'group' });
        }
        await h.advanceTo('2026-03-09T08:00:00Z');
        const round = openBallotOf(h, group.id);
        const [first] = h.store.votes.ballotCases(round.id);
        for (const voter of users.slice(0, 2)) {
          const { submitted } = await vote(voter, round.id, [first!]);
          expect(submitted?.kind).toBe('form.done');
        }
        const secrets = createSecrets(SECRET);
        const tokens = users.slice(0, 2).map((u) => secrets.ballotTokens(round.id, u.userRef)[0]!);
        const stats = () =>
          reader.query<{
            attname: string;
            vals: string | null;
            freqs: number[] | null;
            bounds: string | null;
          }>(
            `select attname, most_common_vals::text as vals, most_common_freqs as freqs, histogram_bounds::text as bounds
             from pg_stats where schemaname = 'public' and tablename like 'case_vote_%'`,
          ).rows;
        /** What the statistics tell of the counters: every value seen, and the share of the commonest. */
        const counters = (rows: ReturnType<typeof stats>) => {
          const row = rows.find((r) => r.attname === 'count');
          const values = `${row?.vals ?? ''} ${row?.bounds ?? ''}`.match(/\d{13,}/g) ?? [];
          return { counts: values.map((v) => Number(v) - TALLY_BASE), commonest: row?.freqs?.[0] ?? 1 };
        };

        // Analysed mid-vote, as autovacuum may: the statistics take nothing of the tokens or the counters.
        reader.query('analyze');
        const during = stats();
        expect(during.map((r) => r.attname)).toContain('case_id');
        expect(foundAmong(Buffer.from(JSON.stringify(during)), tokens), 'tokens in pg_stats').toEqual([]);
        expect(counters(during), 'counters in pg_stats').toEqual({ counts: [], commonest: 1 });

        await h.advanceTo('2026-03-11T08:00:00Z');
        expect(h.store.votes.getRound(round.id)).toMatchObject({
          status: 'closed',
          voters: null,
          released: false,
        });
        expect(Object.values(ballotCounts(h, round.id)).every((n) => n === 0)).toBe(true);
        const after = stats();
        expect(foundAmong(Buffer.from(JSON.stringify(after)), tokens), 'tokens in pg_stats').toEqual([]);
        expect(counters(after), 'counters in pg_stats').toEqual({ counts: [], commonest: 1 });
      } finally {
        reader.close();
        h.close();
      }
    });
  },
);
