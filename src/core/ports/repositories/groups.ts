import type { Group, Membership, Role } from '../../domain/group.js';
import type { Person } from '../../domain/person.js';

export interface GroupRepository {
  get(id: string): Group | undefined;
  findBySpace(spaceAddress: string): Group | undefined;
  insert(group: Group): void;
  update(group: Group): void;
  delete(id: string): void;
  listAll(): Group[];
  listByWorkspace(platform: string, workspace: string): Group[];
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
