import { and, asc, desc, eq, lt, sql } from 'drizzle-orm';
import type { SynthesisRepository } from '../../../src/core/ports/repositories/syntheses.js';
import { toSynthesis, toSynthesisRow } from '../../repositories/syntheses.js';
import { type Async, bin, changed, type KeyLock, noLock, type PgDb } from '../db.js';
import { syntheses, synthesisPosts } from '../schema.js';

export function createPgSynthesisRepository(db: PgDb, lock: KeyLock = noLock): Async<SynthesisRepository> {
  return {
    async get(id) {
      await lock(`syntheses:${id}`);
      const [row] = await db.select().from(syntheses).where(eq(syntheses.id, id));
      return row ? toSynthesis(row) : undefined;
    },
    async insert(s) {
      await db.insert(syntheses).values(toSynthesisRow(s));
    },
    async update(s) {
      const { id, ...rest } = toSynthesisRow(s);
      await db.update(syntheses).set(rest).where(eq(syntheses.id, id));
    },
    async addPost(post) {
      await db.insert(synthesisPosts).values(post).onConflictDoNothing();
    },
    async listPosts(synthesisId) {
      return db
        .select()
        .from(synthesisPosts)
        .where(eq(synthesisPosts.synthesisId, synthesisId))
        .orderBy(asc(synthesisPosts.postedAt), asc(bin(synthesisPosts.groupId)));
    },
    async listForGroup(groupId, limit) {
      const rows = await db
        .select({ s: syntheses })
        .from(synthesisPosts)
        .innerJoin(syntheses, eq(syntheses.id, synthesisPosts.synthesisId))
        .where(and(eq(synthesisPosts.groupId, groupId), eq(syntheses.status, 'posted')))
        .orderBy(desc(synthesisPosts.postedAt))
        .limit(limit);
      return rows.map((r) => toSynthesis(r.s));
    },
    async delete(id) {
      await db.delete(syntheses).where(eq(syntheses.id, id));
    },
    async deleteDraftsBefore(before) {
      return changed(
        await db.delete(syntheses).where(and(eq(syntheses.status, 'draft'), lt(syntheses.updatedAt, before))),
      );
    },
    async deleteDraftsByAuthor(authorId) {
      return changed(
        await db
          .delete(syntheses)
          .where(and(eq(syntheses.status, 'draft'), eq(syntheses.authorId, authorId))),
      );
    },
    async detachGroup(groupId) {
      // target_groups is a JSON array of ids: strpos narrows the rows, the parsed list decides. FOR UPDATE:
      // another instance editing one of these syntheses meanwhile waits rather than being overwritten.
      const rows = await db
        .select()
        .from(syntheses)
        .where(sql`strpos(${syntheses.targetGroups}, ${JSON.stringify(groupId)}) > 0`)
        .for('update');
      for (const s of rows.map(toSynthesis)) {
        const targets = s.targetGroups.filter((g) => g !== groupId);
        if (targets.length === s.targetGroups.length) continue;
        if (targets.length === 0) await db.delete(syntheses).where(eq(syntheses.id, s.id));
        else
          await db
            .update(syntheses)
            .set({ targetGroups: JSON.stringify(targets) })
            .where(eq(syntheses.id, s.id));
      }
    },
    async listByAuthor(authorId) {
      const rows = await db
        .select()
        .from(syntheses)
        .where(eq(syntheses.authorId, authorId))
        .orderBy(desc(syntheses.createdAt));
      return rows.map(toSynthesis);
    },
  };
}
