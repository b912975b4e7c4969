import { and, asc, eq } from 'drizzle-orm';
import type { GroupRepository, MembershipRepository } from '../../../src/core/ports/repositories/groups.js';
import { toGroup, toGroupRow } from '../../repositories/groups.js';
import { type Async, bin, changed, type KeyLock, noLock, type PgDb } from '../db.js';
import { groupSuspensions, groups, memberships, people } from '../schema.js';

export function createPgGroupRepository(db: PgDb, lock: KeyLock = noLock): Async<GroupRepository> {
  const byCreation = [asc(groups.createdAt), asc(bin(groups.id))];
  return {
    async get(id) {
      await lock(`groups:${id}`);
      const [row] = await db.select().from(groups).where(eq(groups.id, id));
      return row && toGroup(row);
    },
    async findBySpace(spaceAddress) {
      await lock(`groups-space:${spaceAddress}`);
      const [row] = await db.select().from(groups).where(eq(groups.spaceAddress, spaceAddress));
      return row && toGroup(row);
    },
    async insert(group) {
      await db.insert(groups).values(toGroupRow(group));
    },
    async update(group) {
      const { id, ...rest } = toGroupRow(group);
      await db.update(groups).set(rest).where(eq(groups.id, id));
    },
    async delete(id) {
      await db.delete(groups).where(eq(groups.id, id));
    },
    async listAll() {
      return (
        await db
          .select()
          .from(groups)
          .orderBy(...byCreation)
      ).map(toGroup);
    },
    async listByWorkspace(platform, workspace) {
      const rows = await db
        .select()
        .from(groups)
        .where(and(eq(groups.platform, platform), eq(groups.workspace, workspace)))
        .orderBy(...byCreation);
      return rows.map(toGroup);
    },
    async suspend(suspension) {
      // The primary key decides: of two instances suspending the same group, one inserts.
      return changed(await db.insert(groupSuspensions).values(suspension).onConflictDoNothing()) === 1;
    },
    async resume(groupId) {
      return changed(await db.delete(groupSuspensions).where(eq(groupSuspensions.groupId, groupId))) === 1;
    },
    async suspensionOf(groupId) {
      await lock(`group-suspensions:${groupId}`);
      const [row] = await db.select().from(groupSuspensions).where(eq(groupSuspensions.groupId, groupId));
      return row;
    },
    async listSuspensions() {
      // Ties broken by group id (SQLite leaves them in insertion order).
      return db
        .select()
        .from(groupSuspensions)
        .orderBy(asc(groupSuspensions.since), asc(bin(groupSuspensions.groupId)));
    },
  };
}

export function createPgMembershipRepository(db: PgDb, lock: KeyLock = noLock): Async<MembershipRepository> {
  const key = (groupId: string, personId: string) =>
    and(eq(memberships.groupId, groupId), eq(memberships.personId, personId));
  return {
    async get(groupId, personId) {
      await lock(`memberships:${groupId}:${personId}`);
      const [row] = await db.select().from(memberships).where(key(groupId, personId));
      return row;
    },
    async set(membership) {
      await db
        .insert(memberships)
        .values(membership)
        .onConflictDoUpdate({
          target: [memberships.groupId, memberships.personId],
          set: { role: membership.role },
        });
    },
    async remove(groupId, personId) {
      await db.delete(memberships).where(key(groupId, personId));
    },
    async listByGroup(groupId) {
      return db
        .select({ person: people, role: memberships.role })
        .from(memberships)
        .innerJoin(people, eq(people.id, memberships.personId))
        .where(eq(memberships.groupId, groupId))
        .orderBy(asc(bin(people.displayName)), asc(bin(people.id)));
    },
    async listByPerson(personId) {
      const rows = await db
        .select({ group: groups, role: memberships.role })
        .from(memberships)
        .innerJoin(groups, eq(groups.id, memberships.groupId))
        .where(eq(memberships.personId, personId))
        .orderBy(asc(bin(groups.name)), asc(bin(groups.id)));
      return rows.map(({ group, role }) => ({ group: toGroup(group), role }));
    },
  };
}
