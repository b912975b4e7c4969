import { afterAll, describe, expect, inject, it } from 'vitest';
import { openPgStore, type PgHandle } from '../../db/pg/store.js';
import { createSecrets } from '../../src/host/secrets.js';
import { caseTexts, submitCase } from '../support/cases.js';
import { answer, openRoundOf, scores } from '../support/checkins.js';
import { createHarness, type Harness, setUpGroup } from '../support/harness.js';
import { createTestDatabase, postgresAdminUrl } from '../support/pg-databases.js';
import { logicalCopy, physicalFiles } from './support/pg-copy.js';
import { foundAmong } from './support/raw-files.js';

const SECRET = 'deleted-attack-secret-that-is-long-enough';
const required = process.env.CAIRN_REQUIRE_POSTGRES === '1';

/**
 * Attack 3 on PostgreSQL — deleted means gone, in a logical copy (every table, as pg_dump or SQL reads
 * it): after a round closes (its participation tokens), after forget-me (the person's ids, name and
 * cases), after the workspace is uninstalled (everything of it). The physical files (data directory and
 * WAL, after Cairn's VACUUM and a CHECKPOINT) are measured and printed: PostgreSQL's WAL keeps what it
 * logged until its segments are recycled, which PRIVACY.md states as the limit on PostgreSQL.
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
    const check = (what: string, needles: string[]) => {
      const copy = JSON.stringify(logicalCopy(reader!));
      expect(foundAmong(Buffer.from(copy), needles), `${what}: logical copy`).toEqual([]);
      reader!.query('checkpoint');
      const base = foundAmong(physicalFiles(dataDir, oid, 'base'), needles).length;
      const wal = foundAmong(physicalFiles(dataDir, oid, 'wal'), needles).length;
      figures.push(`${what}: logical copy 0 of ${needles.length}; table files ${base}, WAL ${wal}`);
    };

    const { space, facilitator, users, group } = await setUpGroup(h, { language: 'en' });
    const [alice, ...others] = users as [(typeof users)[0], ...typeof users];
    const texts = caseTexts('PgAlice');
    await submitCase(alice, space, texts);
    await facilitator.command('checkin open', { in: space });
    await h.run();
    const round = openRoundOf(h, group.id);
    for (const user of [alice, ...others]) await answer(user, round.id, scores(3));
    const secrets = createSecrets(SECRET);
    const tokens = [alice, ...others].map((u) => secrets.participationToken(round.id, u.userRef));
    expect(foundAmong(Buffer.from(JSON.stringify(logicalCopy(reader))), tokens)).toHaveLength(tokens.length);

    await facilitator.command('checkin close', { in: space });
    await h.run();
    check('after close: the participation tokens', tokens);

    const person = h.store.people.findByUserRef('memory', alice.userRef)!;
    await alice.command('forget-me');
    await alice.submit({ confirm: 'true' });
    await h.run();
    check('after forget-me: her id, name and case', [
      person.id,
      alice.userRef,
      'Alice Martin',
      ...Object.values(texts),
    ]);

    await h.platform.uninstall();
    await h.run();
    const left = others.flatMap((u) => [u.userRef]);
    check('after the uninstall: the other members and the group', [...left, group.id, 'Groupe Lyon']);
    console.log(['Attack 3 on PostgreSQL — deleted means gone:', ...figures.map((f) => `  ${f}`)].join('\n'));
  }, 180_000);
});
