import { and, eq, sql } from 'drizzle-orm';
import type { ReminderOptOutRepository } from '../../src/core/ports/repositories/reminders.js';
import type { Db } from '../client.js';
import { prepared } from '../prepared.js';
import { reminderOptOuts } from '../schema.js';

export function createReminderOptOutRepository(db: Db): ReminderOptOutRepository {
  const find = prepared(() =>
    db
      .select({ sessionId: reminderOptOuts.sessionId })
      .from(reminderOptOuts)
      .where(
        and(
          eq(reminderOptOuts.sessionId, sql.placeholder('sessionId')),
          eq(reminderOptOuts.personId, sql.placeholder('personId')),
        ),
      )
      .prepare(),
  );
  return {
    add(sessionId, personId) {
      // Saying "not this time" twice is not an error.
      db.insert(reminderOptOuts).values({ sessionId, personId }).onConflictDoNothing().run();
    },
    has(sessionId, personId) {
      return find().get({ sessionId, personId }) !== undefined;
    },
    listByPerson(personId) {
      return db
        .select({ sessionId: reminderOptOuts.sessionId })
        .from(reminderOptOuts)
        .where(eq(reminderOptOuts.personId, personId))
        .orderBy(reminderOptOuts.sessionId)
        .all()
        .map((r) => r.sessionId);
    },
    deleteByPerson(personId) {
      db.delete(reminderOptOuts).where(eq(reminderOptOuts.personId, personId)).run();
    },
  };
}
