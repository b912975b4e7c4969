import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { findPgMigrationsFolder } from '../../db/pg/migrations.js';
import { openPgStore, type PgHandle } from '../../db/pg/store.js';
import { createTestDatabase, postgresAdminUrl } from '../support/pg-databases.js';
import { analysedColumns, logicalCopy, PLANNER_STATISTICS } from './support/pg-copy.js';
import { foundAmong } from './support/raw-files.js';

const required = process.env.CAIRN_REQUIRE_POSTGRES === '1';

/**
 * The text columns that keep planner statistics: keys of things (sessions, cases, rounds, notes, plans…),
 * statuses, kinds, platforms, languages, settings. Every other text column holds a name, an identifier
 * of a person, a group, a workspace or a conversation, or what someone wrote, and has none
 * (db/pg/migrations/0002_column_statistics.sql). A new text column fails here until it is put on one side.
 */
const KEPT = [
  'groups.platform',
  'groups.language',
  'groups.time_zone',
  'groups.reminder_offsets',
  'groups.guide_minutes',
  'people.platform',
  'people.language',
  'memberships.role',
  'sessions.id',
  'sessions.status',
  'sessions.series_id',
  'cases.id',
  'cases.session_id',
  'cases.kind',
  'cases.urgency',
  'cases.visibility',
  'cases.status',
  'reminder_opt_outs.session_id',
  'occurrences.outcome',
  'outbox.platform',
  'outbox.kind',
  'outbox.status',
  'outbox.last_error',
  'outbox.audience',
  'outbox.claim',
  'inbound_events.event_id',
  'leases.name',
  'leases.holder',
  'checkin_rounds.id',
  'checkin_rounds.status',
  'checkin_rounds.source',
  'checkin_rounds.after_session_id',
  'checkin_participation.round_id',
  'checkin_tally.round_id',
  'checkin_tally.question',
  'syntheses.id',
  'syntheses.session_id',
  'syntheses.status',
  'synthesis_posts.synthesis_id',
  'teams_conversations.kind',
  'group_suspensions.reason',
  'guides.id',
  'guides.session_id',
  'guides.case_id',
  'guides.status',
  'guides.minutes',
  'guides.spent_seconds',
  'guides.ended_by',
  'guides.post_id',
  'guides.edit_id',
  'guides.shown',
  'notes.id',
  'notes.session_id',
  'notes.kind',
  'action_plans.id',
  'action_plans.case_id',
  'action_plans.visibility',
  'action_plans.follow_up_on',
  'action_plans.follow_up',
  'action_plans.outcome',
  'action_plans.share',
  'action_plans.digested_for',
  'case_choice_settings.cycle_starts_on',
  'case_vote_rounds.id',
  'case_vote_rounds.session_id',
  'case_vote_rounds.status',
  'case_vote_participation.round_id',
  'case_vote_tally.round_id',
  'case_vote_tally.case_id',
];

/** Columns of another type without statistics: the anonymous counters (0001). */
const COUNTERS = ['case_vote_tally.count', 'checkin_tally.count'];

type Column = { name: string; type: string; target: number };

function columns(reader: PgHandle): Column[] {
  return reader.query<Column>(
    `select c.relname || '.' || a.attname as name, format_type(a.atttypid, a.atttypmod) as type,
            a.attstattarget as target
       from pg_attribute a
       join pg_class c on c.oid = a.attrelid
       join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' and a.attnum > 0 and not a.attisdropped
      order by 1`,
  ).rows;
}

/** Where each table lies on disk, and what each index and constraint is. */
function layout(reader: PgHandle) {
  const files = reader.query<{ name: string; file: string }>(
    `select c.relname as name, c.relfilenode::text as file from pg_class c
       join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r' order by 1`,
  ).rows;
  const indexes = reader.query<{ def: string }>(
    "select indexdef as def from pg_indexes where schemaname = 'public' order by 1",
  ).rows;
  const constraints = reader.query<{ def: string }>(
    `select conrelid::regclass::text || ' ' || conname || ' ' || pg_get_constraintdef(oid) as def
       from pg_constraint where connamespace = 'public'::regnamespace order by 1`,
  ).rows;
  return { files, indexes, constraints };
}

/**
 * Planner statistics (pg_statistic, read as pg_stats) keep sampled values of every analysed column — most
 * common values, histogram bounds — after the rows are gone: an emptied table is never analysed again,
 * and VACUUM (FULL, ANALYZE) leaves them. Every column that holds a name, an identifier of a person, a
 * group, a workspace or a conversation, or what someone wrote has none (SET STATISTICS 0), and on an
 * installation that already had some, migration 0002 drops them (a column's type changed to the same
 * type) without rewriting a table. The deletions themselves are attacked with the statistics taken
 * before them in deleted-postgres.test.ts and deleted-notes-postgres.test.ts.
 */
describe.skipIf(!postgresAdminUrl() && !required)('PostgreSQL planner statistics', () => {
  const handles: PgHandle[] = [];
  const dirs: string[] = [];
  afterAll(() => {
    for (const handle of handles) handle.close();
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('every text column is either kept for the planner or has no statistics', () => {
    const reader = openPgStore({ url: createTestDatabase('cairn_stats_columns'), poolSize: 1 });
    handles.push(reader);
    const all = columns(reader);
    const none = all.filter((c) => c.target === 0).map((c) => c.name);
    const unclassified = all
      .filter((c) => c.type === 'text' && c.target !== 0 && !KEPT.includes(c.name))
      .map((c) => c.name);
    expect(unclassified, 'text columns with statistics, neither kept nor zeroed').toEqual([]);
    expect(
      KEPT.filter((name) => !all.some((c) => c.name === name && c.target !== 0)),
      'kept columns that do not exist or have no statistics',
    ).toEqual([]);
    expect(
      all.filter((c) => c.type !== 'text' && c.target === 0).map((c) => c.name),
      'other columns without statistics',
    ).toEqual([...COUNTERS].sort());
    console.log(
      `Planner statistics on PostgreSQL: ${none.length} of ${all.length} columns have none (${none.length - COUNTERS.length} text columns and the ${COUNTERS.length} anonymous counters); ${KEPT.length} text columns kept`,
    );
  });

  it('an existing installation loses the statistics already taken, and no table is rewritten', async () => {
    const url = createTestDatabase('cairn_stats_upgrade');
    // The database as 0001 left it: migrated by drizzle from a copy of the folder without the later ones.
    const folder = mkdtempSync(join(tmpdir(), 'cairn-pg-migrations-'));
    dirs.push(folder);
    cpSync(findPgMigrationsFolder(), folder, { recursive: true });
    const journalFile = join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
    const upTo = journal.entries.findIndex((e) => e.tag === '0002_column_statistics');
    expect(upTo).toBeGreaterThan(0);
    journal.entries = journal.entries.slice(0, upTo);
    writeFileSync(journalFile, JSON.stringify(journal));
    const pool = new pg.Pool({ connectionString: url, max: 1 });
    try {
      await migrate(drizzle({ client: pool }), {
        migrationsFolder: folder,
        migrationsTable: '__drizzle_migrations',
      });
    } finally {
      await pool.end();
    }

    const reader = openPgStore({ url, poolSize: 1, migrate: false });
    handles.push(reader);
    const people = [
      ['p-3f0c2a77', 'U-ALICE-STATS', 'Alice Martin-Stats'],
      ['p-91be4d05', 'U-BRUNO-STATS', 'Bruno Petit-Stats'],
      ['p-c4d19e3b', 'U-CHLOE-STATS', 'Chloé Durand-Stats'],
    ];
    const notes = people.map(([id]) => `Note-Stats de ${id}: mon N+1 a repris mon équipe en direct.`);
    for (const [i, [id, ref, name]] of people.entries()) {
      reader.query(
        `insert into people (id, platform, workspace, user_ref, display_name, created_at)
         values ($1, 'slack', 'T-STATS', $2, $3, now())`,
        [id, ref, name],
      );
      reader.query(
        `insert into notes (id, author_id, kind, text, noticed, created_at)
         values ($1, $2, 'note', $3, '', now())`,
        [`n-${i}`, id, notes[i]],
      );
    }
    reader.query(
      `insert into slack_installations (key, team_id, data, updated_at) values
         ('T-STATS', 'T-STATS', 'xoxb-installation-one', now()),
         ('T-OTHER', 'T-OTHER', 'xoxb-installation-two', now())`,
    );
    const needles = [...people.flat(), ...notes, 'xoxb-installation-one', 'xoxb-installation-two', 'T-STATS'];
    reader.query('analyze');
    const before = logicalCopy(reader)[PLANNER_STATISTICS];
    // Analysed before the migration, the statistics hold all of it: the search can find it.
    expect(foundAmong(Buffer.from(JSON.stringify(before)), needles)).toEqual(needles);
    const was = layout(reader);

    // Cairn starts with the new migration.
    const upgraded = openPgStore({ url, poolSize: 1 });
    handles.push(upgraded);
    expect(upgraded.migrations?.applied).toBe(1);
    const after = logicalCopy(reader);
    expect(foundAmong(Buffer.from(JSON.stringify(after[PLANNER_STATISTICS])), needles)).toEqual([]);
    // Statistics of the kept columns stay; the rows, the tables' files, indexes and constraints too (an
    // index may be built anew: the partial one on guides.group_id is, the others keep their files).
    expect(analysedColumns(after)).toEqual(expect.arrayContaining(['people.platform', 'notes.kind']));
    expect(after.people).toHaveLength(people.length);
    expect(layout(reader)).toEqual(was);

    // Analysed again, as autovacuum will: still nothing of them.
    reader.query('analyze');
    const again = logicalCopy(reader);
    expect(foundAmong(Buffer.from(JSON.stringify(again[PLANNER_STATISTICS])), needles)).toEqual([]);
    expect(analysedColumns(again)).toEqual(expect.arrayContaining(['people.platform', 'notes.kind']));
    console.log(
      `Planner statistics on an existing installation: before migration 0002, ${needles.length} of ${needles.length} names, ids and texts in pg_stats; after it, and after a new ANALYZE, 0; no table file rewritten`,
    );
  });
});
