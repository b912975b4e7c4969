import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lt, max } from 'drizzle-orm';
import type { NoteRepository } from '../../src/core/ports/repositories/notes.js';
import type { Db } from '../client.js';
import { notebookSettings, notes } from '../schema.js';

export function createNoteRepository(db: Db): NoteRepository {
  const newestFirst = [desc(notes.createdAt), desc(notes.id)] as const;
  return {
    get(id) {
      return db.select().from(notes).where(eq(notes.id, id)).get();
    },
    insert(note) {
      db.insert(notes).values(note).run();
    },
    delete(id) {
      return db.delete(notes).where(eq(notes.id, id)).run().changes > 0;
    },
    listByAuthor(authorId, options = {}) {
      const where = options.sessionId
        ? and(eq(notes.authorId, authorId), eq(notes.sessionId, options.sessionId))
        : eq(notes.authorId, authorId);
      const query = db
        .select()
        .from(notes)
        .where(where)
        .orderBy(...newestFirst);
      return options.limit ? query.limit(options.limit).all() : query.all();
    },
    countByAuthor(authorId, since, kind) {
      const own = and(eq(notes.authorId, authorId), kind ? eq(notes.kind, kind) : undefined);
      const row = db
        .select({ n: count() })
        .from(notes)
        .where(since ? and(own, gte(notes.createdAt, since)) : own)
        .get();
      return row?.n ?? 0;
    },
    takeawaySessions(authorId) {
      return db
        .select({ sessionId: notes.sessionId, count: count(), latest: max(notes.createdAt) })
        .from(notes)
        .where(and(eq(notes.authorId, authorId), eq(notes.kind, 'takeaway'), isNotNull(notes.sessionId)))
        .groupBy(notes.sessionId)
        .orderBy(desc(max(notes.createdAt)))
        .all()
        .map((r) => ({ sessionId: r.sessionId!, count: r.count }));
    },
    listShared(sessionIds) {
      if (sessionIds.length === 0) return [];
      return db
        .select()
        .from(notes)
        .where(
          and(eq(notes.kind, 'takeaway'), inArray(notes.sessionId, sessionIds), isNotNull(notes.sharedAt)),
        )
        .orderBy(asc(notes.createdAt), asc(notes.id))
        .all();
    },
    listAuthorGroups() {
      return db.selectDistinct({ authorId: notes.authorId, groupId: notes.groupId }).from(notes).all();
    },
    deleteOlderThan(authorId, groupId, before) {
      return db
        .delete(notes)
        .where(
          and(
            eq(notes.authorId, authorId),
            groupId === null ? isNull(notes.groupId) : eq(notes.groupId, groupId),
            lt(notes.createdAt, before),
          ),
        )
        .run().changes;
    },
    deleteByAuthor(authorId) {
      db.delete(notebookSettings).where(eq(notebookSettings.personId, authorId)).run();
      return db.delete(notes).where(eq(notes.authorId, authorId)).run().changes;
    },
    keepMonths(personId) {
      return (
        db
          .select({ months: notebookSettings.keepMonths })
          .from(notebookSettings)
          .where(eq(notebookSettings.personId, personId))
          .get()?.months ?? null
      );
    },
    setKeepMonths(personId, months) {
      if (months === null) {
        db.delete(notebookSettings).where(eq(notebookSettings.personId, personId)).run();
        return;
      }
      db.insert(notebookSettings)
        .values({ personId, keepMonths: months })
        .onConflictDoUpdate({ target: notebookSettings.personId, set: { keepMonths: months } })
        .run();
    },
  };
}
