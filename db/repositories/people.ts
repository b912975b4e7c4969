import { and, asc, eq, sql } from 'drizzle-orm';
import type { PersonRepository } from '../../src/core/ports/repositories/people.js';
import type { Db } from '../client.js';
import { prepared } from '../prepared.js';
import { people } from '../schema.js';

export function createPersonRepository(db: Db): PersonRepository {
  const byId = prepared(() =>
    db
      .select()
      .from(people)
      .where(eq(people.id, sql.placeholder('id')))
      .prepare(),
  );
  const byUserRef = prepared(() =>
    db
      .select()
      .from(people)
      .where(
        and(eq(people.platform, sql.placeholder('platform')), eq(people.userRef, sql.placeholder('userRef'))),
      )
      .prepare(),
  );
  return {
    get(id) {
      return byId().get({ id });
    },
    findByUserRef(platform, userRef) {
      return byUserRef().get({ platform, userRef });
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
    listWorkspaces(platform) {
      return db
        .selectDistinct({ workspace: people.workspace })
        .from(people)
        .where(eq(people.platform, platform))
        .all()
        .map((r) => r.workspace);
    },
  };
}
