import { and, eq } from 'drizzle-orm';
import type { ReminderOptOutRepository } from '../../src/core/ports/repositories/reminders.js';
import type { Db } from '../client.js';
import { reminderOptOuts } from '../schema.js';

export function createReminderOptOutRepository(db: Db): ReminderOptOutRepository {
  return {
    add(sessionId, personId) {
      // Saying "not this time" twice is not an error.
      db.insert(reminderOptOuts).values({ sessionId, personId }).onConflictDoNothing().run();
    },
    has(sessionId, personId) {
      const row = db
        .select({ sessionId: reminderOptOuts.sessionId })
        .from(reminderOptOuts)
        .where(and(eq(reminderOptOuts.sessionId, sessionId), eq(reminderOptOuts.personId, personId)))
        .get();
      return row !== undefined;
    },
    deleteByPerson(personId) {
      db.delete(reminderOptOuts).where(eq(reminderOptOuts.personId, personId)).run();
    },
  };
}
