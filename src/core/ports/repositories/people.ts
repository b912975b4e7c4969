import type { Person } from '../../domain/person.js';

export interface PersonRepository {
  get(id: string): Person | undefined;
  findByUserRef(platform: string, userRef: string): Person | undefined;
  insert(person: Person): void;
  update(person: Person): void;
  delete(id: string): void;
  listByWorkspace(platform: string, workspace: string): Person[];
  /** The workspaces (or tenants) of a platform that people are stored for. */
  listWorkspaces(platform: string): string[];
}
