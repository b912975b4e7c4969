import { and, asc, eq, type Placeholder, sql } from 'drizzle-orm';
import type { MembershipRepository } from '../../src/core/ports/repositories/groups.js';
import type { Db } from '../client.js';
import { prepared } from '../prepared.js';
import { groups, memberships, people } from '../schema.js';
import { toGroup } from './groups.js';

export function createMembershipRepository(db: Db): MembershipRepository {
  const key = (groupId: string | Placeholder, personId: string | Placeholder) =>
    and(eq(memberships.groupId, groupId), eq(memberships.personId, personId));

  const one = prepared(() =>
    db
      .select()
      .from(memberships)
      .where(key(sql.placeholder('groupId'), sql.placeholder('personId')))
      .prepare(),
  );
  const ofGroup = prepared(() =>
    db
      .select({ person: people, role: memberships.role })
      .from(memberships)
      .innerJoin(people, eq(people.id, memberships.personId))
      .where(eq(memberships.groupId, sql.placeholder('groupId')))
      .orderBy(asc(people.displayName), asc(people.id))
      .prepare(),
  );
  const ofPerson = prepared(() =>
    db
      .select({ group: groups, role: memberships.role })
      .from(memberships)
      .innerJoin(groups, eq(groups.id, memberships.groupId))
      .where(eq(memberships.personId, sql.placeholder('personId')))
      .orderBy(asc(groups.name), asc(groups.id))
      .prepare(),
  );

  return {
    get(groupId, personId) {
      return one().get({ groupId, personId });
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
      return ofGroup().all({ groupId });
    },
    listByPerson(personId) {
      return ofPerson()
        .all({ personId })
        .map(({ group, role }) => ({ group: toGroup(group), role }));
    },
  };
}
