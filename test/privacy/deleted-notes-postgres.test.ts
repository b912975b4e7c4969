import { afterAll, describe, expect, inject, it } from 'vitest';
import type { MemoryUser } from '../../adapters/memory/platform.js';
import { openPgStore, type PgHandle } from '../../db/pg/store.js';
import { ACTION } from '../../src/core/contract/ids.js';
import { createHarness, DAY, type Harness, HOUR, setUpGroup } from '../support/harness.js';
import { createTestDatabase, postgresAdminUrl } from '../support/pg-databases.js';
import { analysedColumns, logicalCopy, PLANNER_STATISTICS, physicalFiles } from './support/pg-copy.js';
import { foundAmong } from './support/raw-files.js';

const required = process.env.CAIRN_REQUIRE_POSTGRES === '1';

/**
 * Attack 3 on PostgreSQL for the notebook and action plans (the twin of the memory adapter's notebook
 * attack in deleted.test.ts): a note deleted with *Delete*, a note past its author's keeping period,
 * forget-me (notes, a takeaway sent to the facilitator, a plan and its report carried by the digest), and
 * the group removed at the end of its grace period. Each is searched for in a logical copy (every row of
 * every table, system columns included, and the planner statistics, pg_stats) before — so the search can
 * find it — and after, where nothing may be left. The database is analysed just before each deletion, as
 * autovacuum may do at any moment (ANALYZE copies sampled values into pg_statistic; an emptied table is
 * never analysed again); Bruno's note and plan, kept until the group goes, give the notes and plans
 * tables two distinct values, the least ANALYZE needs to keep histogram bounds. The table files after
 * Cairn's VACUUM FULL must hold nothing either, and the WAL, after a
 * CHECKPOINT, is measured and printed, the limit PRIVACY.md states for PostgreSQL. The logs are searched
 * too: a note is its author's alone.
 */
describe.skipIf(!postgresAdminUrl() && !required)(
  'attack 3 on PostgreSQL: the notebook and action plans',
  () => {
    let h: Harness | undefined;
    let reader: PgHandle | undefined;
    afterAll(() => {
      h?.close();
      reader?.close();
    });

    it('a deleted note, an expired one, forget-me (notes, a shared takeaway, a plan and its report), a removed group', async () => {
      const url = createTestDatabase('cairn_deleted_notes');
      h = await createHarness({ start: '2026-03-02T08:00:00Z', databaseUrl: url });
      reader = openPgStore({ url, poolSize: 1, migrate: false });
      const oid = reader.query<{ oid: string }>(
        'select oid::text from pg_database where datname = current_database()',
      ).rows[0]!.oid;
      const dataDir = inject('postgresDataDir');
      const copy = () => Buffer.from(JSON.stringify(logicalCopy(reader!)));
      const figures: string[] = [];
      const written: string[] = [];
      const gone = async (label: string, needles: string[], erase: () => Promise<void>) => {
        written.push(...needles);
        expect(foundAmong(copy(), needles), `${label}: the search finds them before`).toEqual(needles);
        // Statistics taken while the data is there, as autovacuum may take them.
        reader!.query('analyze');
        expect(analysedColumns(logicalCopy(reader!)), `${label}: analysed`).toEqual(
          expect.arrayContaining(['notes.kind', 'people.platform']),
        );
        await erase();
        const after = logicalCopy(reader!);
        const inCopy = foundAmong(Buffer.from(JSON.stringify(after)), needles);
        const inStats = foundAmong(Buffer.from(JSON.stringify(after[PLANNER_STATISTICS])), needles);
        // Soft: every stage is checked and reported, even when an earlier one leaves something.
        expect.soft(inCopy, `${label}: logical copy (pg_stats included)`).toEqual([]);
        reader!.query('checkpoint');
        const base = foundAmong(physicalFiles(dataDir, oid, 'base'), needles).length;
        const wal = foundAmong(physicalFiles(dataDir, oid, 'wal'), needles).length;
        // The deletion asks for the tables to be rewritten (store.checkpoint), done at the scheduler's tick.
        expect.soft(base, `${label}: table files`).toBe(0);
        figures.push(
          `${label}: logical copy ${inCopy.length} of ${needles.length} (in pg_stats ${inStats.length}); table files ${base}, WAL ${wal}`,
        );
      };

      const lyon = await setUpGroup(h, { language: 'en' });
      const [alice, bruno, chloe] = lyon.users as [MemoryUser, MemoryUser, MemoryUser];
      const { facilitator } = lyon;
      for (const date of ['2026-03-05', '2026-04-02', '2026-04-30']) {
        await facilitator.command('session', { in: 'C-LYON' });
        await facilitator.submit({ date, time: '14:00', place: 'Salle' });
      }
      const idOf = (u: MemoryUser) => h!.store.people.findByUserRef('memory', u.userRef)!.id;
      // Bruno's note in the group, there until the group goes.
      const kept = 'Note-Bruno-Gardée-PG: un budget gelé sans explication.';
      await bruno.command(`note ${kept}`, { in: 'C-LYON' });

      // "Delete" on a note.
      const deleted = 'Note-Supprimée-PG: une dispute au poste de garde.';
      await alice.command(`note ${deleted}`);
      await gone('after "Delete": the note', [deleted], async () => {
        await alice.press({
          action: ACTION.noteDelete,
          value: h!.store.notes.listByAuthor(idOf(alice))[0]!.id,
        });
        await h!.run();
      });

      // Chloé keeps her notes one month only.
      const expired = 'Note-Expirée-PG: un retour de congé difficile.';
      await chloe.command(`note ${expired}`);
      await chloe.press({ action: ACTION.notesKeep, value: '' });
      await chloe.submit({ months: '1' });
      expect(h.store.notes.keepMonths(idOf(chloe))).toBe(1);

      // Alice's notebook, a takeaway sent to the facilitator, her plan and her report carried by the digest.
      const texts = {
        note: 'Note-Alice-PG: mon N+1 a repris mon équipe en direct.',
        takeaway: 'Retenu-Alice-PG: je peux demander un cadre avant de répondre.',
        plan: 'Plan-Alice-PG: un entretien avec mon N+1 sur nos rôles.',
        happened: 'Compte-Rendu-Alice-PG: il a accepté un point mensuel.',
      };
      await alice.command(`note ${texts.note}`);
      await alice.command('case');
      await alice.submit({
        title: 'Comment puis-je retrouver ma place ?',
        kind: 'problem',
        situation: 'Une situation.',
        stakes: 'Des enjeux.',
        tried: 'Des essais.',
        expectations: 'Des attentes.',
        urgency: 'medium',
        visibility: 'group',
        charter: 'true',
      });
      // Bruno's case and plan too, there until the group goes.
      const brunoPlan = 'Plan-Bruno-PG: demander un arbitrage écrit sur le budget.';
      await bruno.command('case');
      await bruno.submit({
        title: 'Comment obtenir un budget clair ?',
        kind: 'problem',
        situation: 'Une autre situation.',
        stakes: 'D’autres enjeux.',
        tried: 'D’autres essais.',
        expectations: 'D’autres attentes.',
        urgency: 'low',
        visibility: 'group',
        charter: 'true',
      });
      const session = h.store.sessions.listUpcoming(lyon.group.id, h.clock.now())[0]!;
      await h.advanceTo('2026-03-05T17:00:00Z', 6 * HOUR);
      const c = h.store.cases.listByAuthor(idOf(alice))[0]!;
      const cb = h.store.cases.listByAuthor(idOf(bruno))[0]!;
      await facilitator.press({ action: ACTION.caseMark, value: `${c.id}:presented` });
      await facilitator.press({ action: ACTION.caseMark, value: `${cb.id}:presented` });
      await h.advanceTo('2026-03-06T09:00:00Z', HOUR);
      await bruno.press({ action: ACTION.planWrite, value: cb.id });
      await bruno.submit({ what: brunoPlan, followUpOn: '2026-03-27', visibility: 'facilitators' });
      expect(h.store.plans.getByCase(cb.id)?.what).toBe(brunoPlan);
      await alice.press({ action: ACTION.takeawayWrite, value: session.id });
      await alice.submit({ text: texts.takeaway, share: 'true' });
      await alice.press({ action: ACTION.planWrite, value: c.id });
      await alice.submit({ what: texts.plan, followUpOn: '2026-03-20', visibility: 'facilitators' });
      await h.advanceTo('2026-03-20T09:00:00Z', 12 * HOUR);
      await alice.press({ action: ACTION.planReport, value: h.store.plans.getByCase(c.id)!.id });
      await alice.submit({ outcome: 'tried', happened: texts.happened, share: 'facilitators' });
      await h.advanceTo('2026-04-01T08:00:00Z', 12 * HOUR);
      expect(facilitator.directs.map((m) => JSON.stringify(m)).join()).toContain(texts.happened);
      expect(h.store.notes.listShared([session.id]).map((n) => n.text)).toEqual([texts.takeaway]);
      await gone(
        'after forget-me: her notes, a takeaway sent to the facilitator, her plan and report',
        Object.values(texts),
        async () => {
          await alice.command('forget-me');
          await alice.submit({ confirm: 'true' });
          await h!.run();
        },
      );

      // A note past its author's own keeping period: the daily job deletes it.
      await gone('after the keeping period: the note', [expired], async () => {
        await h!.advanceTo('2026-04-03T08:00:00Z', DAY);
      });

      // Cairn removed from the group's space and not added back: at the end of the grace period the notes
      // written in it go with the group.
      const inGroup = 'Note-Bruno-PG: la grève de l’équipe de nuit.';
      await bruno.command(`note ${inGroup}`, { in: 'C-LYON' });
      await gone(
        'after the group is removed: the notes written in it, a plan',
        [inGroup, kept, brunoPlan],
        async () => {
          await h!.platform.dispatch({ kind: 'space.removed', platform: 'memory', space: 'C-LYON' });
          await h!.advance(7 * DAY + HOUR, DAY);
        },
      );
      const rows = (table: string) => Number(h!.query(`select count(*) as n from ${table}`)[0]!.n);
      expect(rows('notes')).toBe(0);
      expect(rows('action_plans')).toBe(0);
      expect(rows('notebook_settings')).toBe(1);

      // Nothing anyone wrote ever reached a log line.
      expect(foundAmong(Buffer.from(h.logs.text), written)).toEqual([]);
      console.log(
        ['Attack 3 on PostgreSQL — the notebook and action plans:', ...figures.map((f) => `  ${f}`)].join(
          '\n',
        ),
      );
    }, 180_000);
  },
);
