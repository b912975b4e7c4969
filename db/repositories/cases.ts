import { and, asc, eq, exists, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import type { CaseRepository } from '../../src/core/ports/repositories/cases.js';
import type { Db } from '../client.js';
import { prepared } from '../prepared.js';
import { cases, sessions } from '../schema.js';

export function createCaseRepository(db: Db): CaseRepository {
  const oldestFirst = [asc(cases.createdAt), asc(cases.id)] as const;
  const ofSession = prepared(() =>
    db
      .select()
      .from(cases)
      .where(eq(cases.sessionId, sql.placeholder('sessionId')))
      .orderBy(...oldestFirst)
      .prepare(),
  );

  // Run for every group once a day, in the scheduler's first tick of the day.
  const expired = prepared(() => {
    const before = sql.placeholder('before');
    // Retention counts from the session the case was for; a case never scheduled counts from its creation.
    const sessionIsPast = exists(
      db
        .select({ one: sql`1` })
        .from(sessions)
        .where(and(eq(sessions.id, cases.sessionId), lt(sessions.startsAt, before))),
    );
    return db
      .delete(cases)
      .where(
        and(
          eq(cases.groupId, sql.placeholder('groupId')),
          or(
            and(isNotNull(cases.sessionId), sessionIsPast),
            and(isNull(cases.sessionId), lt(cases.createdAt, before)),
          ),
        ),
      )
      .prepare();
  });

  return {
    get(id) {
      return db.select().from(cases).where(eq(cases.id, id)).get();
    },
    insert(c) {
      db.insert(cases).values(c).run();
    },
    update(c) {
      const { id, ...rest } = c;
      db.update(cases).set(rest).where(eq(cases.id, id)).run();
    },
    listByAuthor(authorId) {
      return db
        .select()
        .from(cases)
        .where(eq(cases.authorId, authorId))
        .orderBy(...oldestFirst)
        .all();
    },
    listBySession(sessionId) {
      return ofSession().all({ sessionId });
    },
    listUnscheduled(groupId) {
      return db
        .select()
        .from(cases)
        .where(and(eq(cases.groupId, groupId), isNull(cases.sessionId)))
        .orderBy(...oldestFirst)
        .all();
    },
    deleteByAuthor(authorId) {
      return db.delete(cases).where(eq(cases.authorId, authorId)).run().changes;
    },
    deleteExpired(groupId, before) {
      return expired().run({ groupId, before: before.getTime() }).changes;
    },
    deleteByGroup(groupId) {
      db.delete(cases).where(eq(cases.groupId, groupId)).run();
    },
  };
}
