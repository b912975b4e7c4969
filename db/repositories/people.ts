import { and, asc, eq } from 'drizzle-orm';
import type { PersonRepository } from '../../src/core/ports/repositories/people.js';
import type { Db } from '../client.js';
import { people } from '../schema.js';

export function createPersonRepository(db: Db): PersonRepository {
  return {
    get(id) {
      return db.select().from(people).where(eq(people.id, id)).get();
    },
    findByUserRef(platform, userRef) {
      return db
        .select()
        .from(people)
        .where(and(eq(people.platform, platform), eq(people.userRef, userRef)))
        .get();
    },
    insert(person) {
      db.insert(people).values(person).run();
    },
    update(person) {
      const { id, ...rest } = person;
      db.update(people).set(rest).where(eq(people.id, id)).run();
    },
    delete(id) {
      // Memberships, cases and opt-outs follow through ON DELETE CASCADE; the outbox is erased by person_id.
      db.delete(people).where(eq(people.id, id)).run();
    },
    listByWorkspace(platform, workspace) {
      return db
        .select()
        .from(people)
        .where(and(eq(people.platform, platform), eq(people.workspace, workspace)))
        .orderBy(asc(people.createdAt), asc(people.id))
        .all();
    },
  };
}
