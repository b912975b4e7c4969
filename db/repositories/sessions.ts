import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm';
import type { SessionRepository } from '../../src/core/ports/repositories/sessions.js';
import type { Db } from '../client.js';
import { prepared } from '../prepared.js';
import { sessions } from '../schema.js';

const scheduled = () => eq(sessions.status, 'scheduled');

export function createSessionRepository(db: Db): SessionRepository {
  const byId = prepared(() =>
    db
      .select()
      .from(sessions)
      .where(eq(sessions.id, sql.placeholder('id')))
      .prepare(),
  );
  const upcoming = prepared(() =>
    db
      .select()
      .from(sessions)
      .where(
        and(
          eq(sessions.groupId, sql.placeholder('groupId')),
          scheduled(),
          gte(sessions.startsAt, sql.placeholder('from')),
        ),
      )
      .orderBy(asc(sessions.startsAt), asc(sessions.id))
      .prepare(),
  );
  const startingBetween = prepared(() =>
    db
      .select()
      .from(sessions)
      .where(
        and(
          scheduled(),
          gte(sessions.startsAt, sql.placeholder('from')),
          lt(sessions.startsAt, sql.placeholder('to')),
        ),
      )
      .orderBy(asc(sessions.startsAt), asc(sessions.id))
      .prepare(),
  );
  return {
    get(id) {
      return byId().get({ id });
    },
    insert(session) {
      db.insert(sessions).values(session).run();
    },
    update(session) {
      const { id, ...rest } = session;
      db.update(sessions).set(rest).where(eq(sessions.id, id)).run();
    },
    listUpcoming(groupId, from) {
      return upcoming().all({ groupId, from: from.getTime() });
    },
    listPast(groupId, before, limit) {
      return db
        .select()
        .from(sessions)
        .where(and(eq(sessions.groupId, groupId), scheduled(), lt(sessions.startsAt, before)))
        .orderBy(desc(sessions.startsAt), desc(sessions.id))
        .limit(limit)
        .all();
    },
    listStartingBetween(from, to) {
      return startingBetween().all({ from: from.getTime(), to: to.getTime() });
    },
    deleteByGroup(groupId) {
      db.delete(sessions).where(eq(sessions.groupId, groupId)).run();
    },
  };
}
