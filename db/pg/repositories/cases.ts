import { and, asc, eq, exists, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { CaseRepository } from '../../../src/core/ports/repositories/cases.js';
import { type Async, bin, changed, type KeyLock, noLock, type PgDb } from '../db.js';
import { cases, sessions } from '../schema.js';

export function createPgCaseRepository(db: PgDb, lock: KeyLock = noLock): Async<CaseRepository> {
  const oldestFirst = [asc(cases.createdAt), asc(bin(cases.id))];
  return {
    async get(id) {
      await lock(`cases:${id}`);
      const [row] = await db.select().from(cases).where(eq(cases.id, id));
      return row;
    },
    async insert(c) {
      await db.insert(cases).values(c);
    },
    async update(c) {
      const { id, ...rest } = c;
      await db.update(cases).set(rest).where(eq(cases.id, id));
    },
    async listByAuthor(authorId) {
      return db
        .select()
        .from(cases)
        .where(eq(cases.authorId, authorId))
        .orderBy(...oldestFirst);
    },
    async listBySession(sessionId) {
      return db
        .select()
        .from(cases)
        .where(eq(cases.sessionId, sessionId))
        .orderBy(...oldestFirst);
    },
    async listUnscheduled(groupId) {
      return db
        .select()
        .from(cases)
        .where(and(eq(cases.groupId, groupId), isNull(cases.sessionId)))
        .orderBy(...oldestFirst);
    },
    async deleteByAuthor(authorId) {
      return changed(await db.delete(cases).where(eq(cases.authorId, authorId)));
    },
    async deleteExpired(groupId, before) {
      // Retention counts from the session the case was for; a case never scheduled counts from its creation.
      const sessionIsPast = exists(
        db
          .select({ one: sql`1` })
          .from(sessions)
          .where(and(eq(sessions.id, cases.sessionId), lt(sessions.startsAt, before))),
      );
      return changed(
        await db
          .delete(cases)
          .where(
            and(
              eq(cases.groupId, groupId),
              or(
                and(isNotNull(cases.sessionId), sessionIsPast),
                and(isNull(cases.sessionId), lt(cases.createdAt, before)),
              ),
            ),
          ),
      );
    },
    async deleteByGroup(groupId) {
      await db.delete(cases).where(eq(cases.groupId, groupId));
    },
  };
}
