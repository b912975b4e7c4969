import type { Group, Membership, Role } from '../../domain/group.js';
import type { Person } from '../../domain/person.js';

/** Why a group is suspended: Cairn removed from its space, or its workspace's tokens revoked. */
export type SuspensionReason = 'space' | 'workspace';
export type Suspension = { groupId: string; reason: SuspensionReason; since: Date };

export interface GroupRepository {
  get(id: string): Group | undefined;
  findBySpace(spaceAddress: string): Group | undefined;
  insert(group: Group): void;
  update(group: Group): void;
  delete(id: string): void;
  listAll(): Group[];
  listByWorkspace(platform: string, workspace: string): Group[];
  /** Suspends a group (kept as it is, nothing sent); false if it already was. */
  suspend(suspension: Suspension): boolean;
  /** Lifts a suspension; false if the group was not suspended. */
  resume(groupId: string): boolean;
  suspensionOf(groupId: string): Suspension | undefined;
  listSuspensions(): Suspension[];
}

export type GroupMember = { person: Person; role: Role };
export type PersonGroup = { group: Group; role: Role };

export interface MembershipRepository {
  get(groupId: string, personId: string): Membership | undefined;
  set(membership: Membership): void;
  remove(groupId: string, personId: string): void;
  listByGroup(groupId: string): GroupMember[];
  listByPerson(personId: string): PersonGroup[];
}
