import { and, asc, eq, sql } from 'drizzle-orm';
import type { MembershipRepository } from '../../src/core/ports/repositories/groups.js';
import type { Db } from '../client.js';
import { groups, memberships, people } from '../schema.js';
import { toGroup } from './groups.js';

export function createMembershipRepository(db: Db): MembershipRepository {
  const key = (groupId: string, personId: string) =>
    and(eq(memberships.groupId, groupId), eq(memberships.personId, personId));
  // Read on every request (the person's groups, for access and language): prepared once.
  const groupsOfPerson = db
    .select({ group: groups, role: memberships.role })
    .from(memberships)
    .innerJoin(groups, eq(groups.id, memberships.groupId))
    .where(eq(memberships.personId, sql.placeholder('personId')))
    .orderBy(asc(groups.name), asc(groups.id))
    .prepare();

  return {
    get(groupId, personId) {
      return db.select().from(memberships).where(key(groupId, personId)).get();
    },
    set(membership) {
      // Joining again, or a role change, is the same call.
      db.insert(memberships)
        .values(membership)
        .onConflictDoUpdate({
          target: [memberships.groupId, memberships.personId],
          set: { role: membership.role },
        })
        .run();
    },
    remove(groupId, personId) {
      db.delete(memberships).where(key(groupId, personId)).run();
    },
    listByGroup(groupId) {
      return db
        .select({ person: people, role: memberships.role })
        .from(memberships)
        .innerJoin(people, eq(people.id, memberships.personId))
        .where(eq(memberships.groupId, groupId))
        .orderBy(asc(people.displayName), asc(people.id))
        .all();
    },
    listByPerson(personId) {
      return groupsOfPerson.all({ personId }).map(({ group, role }) => ({ group: toGroup(group), role }));
    },
  };
}
