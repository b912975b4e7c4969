import { and, asc, desc, eq, like, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Synthesis } from '../../src/core/domain/synthesis.js';
import type { SynthesisRepository } from '../../src/core/ports/repositories/syntheses.js';
import type { Db } from '../client.js';
import { syntheses, synthesisPosts } from '../schema.js';

const targetsSchema = z.array(z.string());
type Row = typeof syntheses.$inferSelect;

export const toSynthesis = (row: Row): Synthesis => ({
  ...row,
  targetGroups: targetsSchema.parse(JSON.parse(row.targetGroups)),
});
export const toSynthesisRow = (s: Synthesis): Row => ({
  ...s,
  targetGroups: JSON.stringify(targetsSchema.parse(s.targetGroups)),
});

export function createSynthesisRepository(db: Db): SynthesisRepository {
  return {
    get(id) {
      const row = db.select().from(syntheses).where(eq(syntheses.id, id)).get();
      return row ? toSynthesis(row) : undefined;
    },
    insert(s) {
      db.insert(syntheses).values(toSynthesisRow(s)).run();
    },
    update(s) {
      const { id, ...rest } = toSynthesisRow(s);
      db.update(syntheses).set(rest).where(eq(syntheses.id, id)).run();
    },
    addPost(post) {
      db.insert(synthesisPosts).values(post).onConflictDoNothing().run();
    },
    listPosts(synthesisId) {
      return db
        .select()
        .from(synthesisPosts)
        .where(eq(synthesisPosts.synthesisId, synthesisId))
        .orderBy(asc(synthesisPosts.postedAt), asc(synthesisPosts.groupId))
        .all();
    },
    listForGroup(groupId, limit) {
      return db
        .select({ s: syntheses })
        .from(synthesisPosts)
        .innerJoin(syntheses, eq(syntheses.id, synthesisPosts.synthesisId))
        .where(and(eq(synthesisPosts.groupId, groupId), eq(syntheses.status, 'posted')))
        .orderBy(desc(synthesisPosts.postedAt))
        .limit(limit)
        .all()
        .map((r) => toSynthesis(r.s));
    },
    delete(id) {
      db.delete(syntheses).where(eq(syntheses.id, id)).run();
    },
    deleteDraftsBefore(before) {
      return db
        .delete(syntheses)
        .where(and(eq(syntheses.status, 'draft'), lt(syntheses.updatedAt, before)))
        .run().changes;
    },
    deleteDraftsByAuthor(authorId) {
      return db
        .delete(syntheses)
        .where(and(eq(syntheses.status, 'draft'), eq(syntheses.authorId, authorId)))
        .run().changes;
    },
    detachGroup(groupId) {
      // target_groups is a JSON array of ids: a LIKE narrows the rows, the parsed list decides.
      const rows = db
        .select()
        .from(syntheses)
        .where(like(syntheses.targetGroups, `%${JSON.stringify(groupId)}%`))
        .all()
        .map(toSynthesis);
      for (const s of rows) {
        const targets = s.targetGroups.filter((g) => g !== groupId);
        if (targets.length === s.targetGroups.length) continue;
        if (targets.length === 0) db.delete(syntheses).where(eq(syntheses.id, s.id)).run();
        else
          db.update(syntheses)
            .set({ targetGroups: JSON.stringify(targets) })
            .where(eq(syntheses.id, s.id))
            .run();
      }
    },
    listByAuthor(authorId) {
      return db
        .select()
        .from(syntheses)
        .where(eq(syntheses.authorId, authorId))
        .orderBy(desc(syntheses.createdAt))
        .all()
        .map(toSynthesis);
    },
  };
}
