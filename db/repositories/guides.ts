import { and, asc, eq } from 'drizzle-orm';
import { type Guide, guideMinutesSchema, spentSecondsSchema } from '../../src/core/domain/guide.js';
import type { GuideRepository } from '../../src/core/ports/repositories/guides.js';
import type { Db } from '../client.js';
import { prepared } from '../prepared.js';
import { guides } from '../schema.js';

type Row = typeof guides.$inferSelect;

/** Maps a row to a Guide, validating its JSON columns (a bad value must not reach the minute tick). */
export function toGuide(row: Row): Guide {
  return {
    ...row,
    minutes: guideMinutesSchema.parse(JSON.parse(row.minutes)),
    spentSeconds: spentSecondsSchema.parse(JSON.parse(row.spentSeconds)),
  };
}

/** Maps a Guide to its row (shared with the PostgreSQL twin). */
export const toGuideRow = (g: Guide): Row => ({
  ...g,
  minutes: JSON.stringify(guideMinutesSchema.parse(g.minutes)),
  spentSeconds: JSON.stringify(spentSecondsSchema.parse(g.spentSeconds)),
});

export function createGuideRepository(db: Db): GuideRepository {
  const running = prepared(() =>
    db.select().from(guides).where(eq(guides.status, 'running')).orderBy(asc(guides.startedAt)).prepare(),
  );
  return {
    get(id) {
      const row = db.select().from(guides).where(eq(guides.id, id)).get();
      return row && toGuide(row);
    },
    insert(g) {
      // The partial unique index (one running guide per group) turns a second one into no row.
      return db.insert(guides).values(toGuideRow(g)).onConflictDoNothing().run().changes === 1;
    },
    update(g) {
      const { id, ...rest } = toGuideRow(g);
      db.update(guides).set(rest).where(eq(guides.id, id)).run();
    },
    findRunning(groupId) {
      const row = db
        .select()
        .from(guides)
        .where(and(eq(guides.groupId, groupId), eq(guides.status, 'running')))
        .get();
      return row && toGuide(row);
    },
    listRunning() {
      return running().all().map(toGuide);
    },
    listByGroup(groupId) {
      return db.select().from(guides).where(eq(guides.groupId, groupId)).all().map(toGuide);
    },
    listBySession(sessionId) {
      return db
        .select()
        .from(guides)
        .where(eq(guides.sessionId, sessionId))
        .orderBy(asc(guides.startedAt), asc(guides.id))
        .all()
        .map(toGuide);
    },
  };
}
