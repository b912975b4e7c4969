import { and, asc, count, desc, eq, gte, inArray, isNotNull, isNull, lt, max } from 'drizzle-orm';
import type { NoteRepository } from '../../../src/core/ports/repositories/notes.js';
import { type Async, bin, changed, type KeyLock, noLock, type PgDb } from '../db.js';
import { notebookSettings, notes } from '../schema.js';

// A note is its author's alone: nothing here logs, and a deletion is a DELETE (no soft delete, no copy).
// The notebook's settings (notebook_settings, a member's own keeping period) belong to this repository.
export function createPgNoteRepository(db: PgDb, lock: KeyLock = noLock): Async<NoteRepository> {
  const newestFirst = [desc(notes.createdAt), desc(bin(notes.id))];
  return {
    async get(id) {
      // "Not stored yet, store it": a form sent twice, on two instances, stores one note.
      await lock(`notes:${id}`);
      const [row] = await db.select().from(notes).where(eq(notes.id, id));
      return row;
    },
    async insert(note) {
      await db.insert(notes).values(note);
    },
    async delete(id) {
      return changed(await db.delete(notes).where(eq(notes.id, id))) > 0;
    },
    async listByAuthor(authorId, options = {}) {
      const where = options.sessionId
        ? and(eq(notes.authorId, authorId), eq(notes.sessionId, options.sessionId))
        : eq(notes.authorId, authorId);
      const query = db
        .select()
        .from(notes)
        .where(where)
        .orderBy(...newestFirst);
      return options.limit ? query.limit(options.limit) : query;
    },
    async countByAuthor(authorId, since, kind) {
      const own = and(eq(notes.authorId, authorId), kind ? eq(notes.kind, kind) : undefined);
      const [row] = await db
        .select({ n: count() })
        .from(notes)
        .where(since ? and(own, gte(notes.createdAt, since)) : own);
      return row?.n ?? 0;
    },
    async takeawaySessions(authorId) {
      const rows = await db
        .select({ sessionId: notes.sessionId, count: count() })
        .from(notes)
        .where(and(eq(notes.authorId, authorId), eq(notes.kind, 'takeaway'), isNotNull(notes.sessionId)))
        .groupBy(notes.sessionId)
        // SQLite groups in session order, then sorts stably: the session id breaks a tie the same way.
        .orderBy(desc(max(notes.createdAt)), asc(bin(notes.sessionId)));
      return rows.map((r) => ({ sessionId: r.sessionId!, count: r.count }));
    },
    async listShared(sessionIds) {
      if (sessionIds.length === 0) return [];
      return db
        .select()
        .from(notes)
        .where(
          and(eq(notes.kind, 'takeaway'), inArray(notes.sessionId, sessionIds), isNotNull(notes.sharedAt)),
        )
        .orderBy(asc(notes.createdAt), asc(bin(notes.id)));
    },
    async listAuthorGroups() {
      // In no particular order, as on SQLite: retention walks them all.
      return db.selectDistinct({ authorId: notes.authorId, groupId: notes.groupId }).from(notes);
    },
    async deleteOlderThan(authorId, groupId, before) {
      return changed(
        await db
          .delete(notes)
          .where(
            and(
              eq(notes.authorId, authorId),
              groupId === null ? isNull(notes.groupId) : eq(notes.groupId, groupId),
              lt(notes.createdAt, before),
            ),
          ),
      );
    },
    async deleteByAuthor(authorId) {
      await db.delete(notebookSettings).where(eq(notebookSettings.personId, authorId));
      return changed(await db.delete(notes).where(eq(notes.authorId, authorId)));
    },
    async keepMonths(personId) {
      const [row] = await db
        .select({ months: notebookSettings.keepMonths })
        .from(notebookSettings)
        .where(eq(notebookSettings.personId, personId));
      return row?.months ?? null;
    },
    async setKeepMonths(personId, months) {
      if (months === null) {
        await db.delete(notebookSettings).where(eq(notebookSettings.personId, personId));
        return;
      }
      await db
        .insert(notebookSettings)
        .values({ personId, keepMonths: months })
        .onConflictDoUpdate({ target: notebookSettings.personId, set: { keepMonths: months } });
    },
  };
}
