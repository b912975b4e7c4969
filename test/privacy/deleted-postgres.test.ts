import { afterAll, describe, expect, inject, it } from 'vitest';
import { WIPE_INTERVAL_MS } from '../../db/maintenance.js';
import { openPgStore, type PgHandle } from '../../db/pg/store.js';
import { createSecrets } from '../../src/host/secrets.js';
import { caseTexts, submitCase } from '../support/cases.js';
import { answer, openRoundOf, scores } from '../support/checkins.js';
import { createHarness, type Harness, setUpGroup } from '../support/harness.js';
import { createTestDatabase, postgresAdminUrl } from '../support/pg-databases.js';
import { analysedColumns, logicalCopy, PLANNER_STATISTICS, physicalFiles } from './support/pg-copy.js';
import { foundAmong } from './support/raw-files.js';

const SECRET = 'deleted-attack-secret-that-is-long-enough';
const required = process.env.CAIRN_REQUIRE_POSTGRES === '1';

/**
 * Attack 3 on PostgreSQL — deleted means gone, in a logical copy (every table, as pg_dump or SQL reads
 * it, and the planner statistics, pg_stats): after a round closes (its participation tokens), after
 * forget-me (the person's ids, name and cases), after the workspace is uninstalled (everything of it).
 * Before each deletion the database is analysed, as autovacuum may do at any moment: ANALYZE copies
 * sampled values (most common values, histogram bounds) into pg_statistic, and an emptied table is never
 * analysed again. The physical files (data directory and WAL, after Cairn's VACUUM and a CHECKPOINT) are
 * measured and printed: PostgreSQL's WAL keeps what it logged until its segments are recycled, which
 * PRIVACY.md states as the limit on PostgreSQL.
 */
describe.skipIf(!postgresAdminUrl() && !required)('attack 3 on PostgreSQL: deleted means gone', () => {
  let h: Harness | undefined;
  let reader: PgHandle | undefined;
  afterAll(() => {
    h?.close();
    reader?.close();
  });

  it('a closed round, forget-me and the uninstall leave nothing in a logical copy', async () => {
    const url = createTestDatabase('cairn_deleted');
    h = await createHarness({ secret: SECRET, databaseUrl: url });
    reader = openPgStore({ url, poolSize: 1, migrate: false });
    const oid = reader.query<{ oid: string }>(
      'select oid::text from pg_database where datname = current_database()',
    ).rows[0]!.oid;
    const dataDir = inject('postgresDataDir');
    const figures: string[] = [];
    /** Statistics taken while the data is there, as autovacuum may take them (the test can then fail). */
    const analyse = () => {
      reader!.query('analyze');
      // The ANALYZE took place: the columns the planner keeps statistics on have them.
      expect(analysedColumns(logicalCopy(reader!))).toEqual(
        expect.arrayContaining(['memberships.role', 'people.platform']),
      );
    };
    const check = async (what: string, needles: string[]) => {
      // Cairn's rewrite of the tables (VACUUM FULL) runs at the scheduler's tick at most every
      // WIPE_INTERVAL_MS: the clock is moved past it, so the table files are those after the rewrite.
      await h!.advance(WIPE_INTERVAL_MS + 60_000, 60_000);
      const copy = logicalCopy(reader!);
      const inCopy = foundAmong(Buffer.from(JSON.stringify(copy)), needles);
      const inStats = foundAmong(Buffer.from(JSON.stringify(copy[PLANNER_STATISTICS])), needles);
      // Soft: every stage is checked and reported, even when an earlier one leaves something.
      expect.soft(inCopy, `${what}: logical copy (pg_stats included)`).toEqual([]);
      reader!.query('checkpoint');
      const base = foundAmong(physicalFiles(dataDir, oid, 'base'), needles).length;
      const wal = foundAmong(physicalFiles(dataDir, oid, 'wal'), needles).length;
      expect.soft(base, `${what}: table files`).toBe(0);
      figures.push(
        `${what}: logical copy ${inCopy.length} of ${needles.length} (in pg_stats ${inStats.length}); table files ${base}, WAL ${wal}`,
      );
    };

    const { space, facilitator, users, group } = await setUpGroup(h, { language: 'en' });
    const [alice, ...others] = users as [(typeof users)[0], ...typeof users];
    // A second group in the workspace and a second case: ANALYZE keeps histogram bounds only for columns
    // with at least two distinct values, so that the group's name and Alice's texts can be sampled.
    const nantes = await setUpGroup(h, {
      space: 'C-NANTES',
      name: 'Groupe Nantes',
      language: 'en',
      facilitator: ['U-FAC-NANTES', 'Denis Animateur'],
      members: [
        ['U-FANNY', 'Fanny Roux'],
        ['U-GUY', 'Guy Blanc'],
        ['U-HUGO', 'Hugo Lemoine'],
      ],
    });
    const texts = caseTexts('PgAlice');
    await submitCase(alice, space, texts);
    await submitCase(others[0]!, space, caseTexts('PgBruno'));
    await facilitator.command('checkin open', { in: space });
    await h.run();
    const round = openRoundOf(h, group.id);
    for (const user of [alice, ...others]) await answer(user, round.id, scores(3));
    const secrets = createSecrets(SECRET);
    const tokens = [alice, ...others].map((u) => secrets.participationToken(round.id, u.userRef));
    expect(foundAmong(Buffer.from(JSON.stringify(logicalCopy(reader))), tokens)).toHaveLength(tokens.length);

    analyse();
    await facilitator.command('checkin close', { in: space });
    await h.run();
    await check('after close: the participation tokens', tokens);

    const person = h.store.people.findByUserRef('memory', alice.userRef)!;
    const hers = [person.id, alice.userRef, 'Alice Martin', ...Object.values(texts)];
    expect(foundAmong(Buffer.from(JSON.stringify(logicalCopy(reader))), hers)).toEqual(hers);
    analyse();
    await alice.command('forget-me');
    await alice.submit({ confirm: 'true' });
    await h.run();
    await check('after forget-me: her id, name and case', hers);

    const everyone = [...others, nantes.facilitator, ...nantes.users];
    const left = [
      ...everyone.map((u) => u.userRef),
      ...everyone.map((u) => h!.store.people.findByUserRef('memory', u.userRef)!.id),
      'Bruno Petit',
      'Fanny Roux',
      group.id,
      nantes.group.id,
      'Groupe Lyon',
      'Groupe Nantes',
    ];
    expect(foundAmong(Buffer.from(JSON.stringify(logicalCopy(reader))), left)).toEqual(left);
    analyse();
    await h.platform.uninstall();
    await h.run();
    await check('after the uninstall: the other members and the groups', left);
    console.log(['Attack 3 on PostgreSQL — deleted means gone:', ...figures.map((f) => `  ${f}`)].join('\n'));
  }, 180_000);
});
