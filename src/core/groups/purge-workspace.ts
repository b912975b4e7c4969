import { roundOperationPrefix } from '../checkins/round-operations.js';
import { guideOutboxPrefix } from '../guide/rules.js';
import type { CoreDeps } from '../kernel/deps.js';

/**
 * The app was uninstalled from a workspace or tenant: every group, person, case, note, action plan and
 * message of it goes,
 * then the file is checkpointed so nothing deleted lingers in the WAL.
 */
export function purgeWorkspace(deps: CoreDeps, platform: string, workspace: string): void {
  const { store } = deps;
  store.transaction(() => {
    for (const group of store.groups.listByWorkspace(platform, workspace)) deleteGroup(deps, group.id);
    for (const person of store.people.listByWorkspace(platform, workspace)) {
      store.outbox.deleteByPerson(person.id);
      store.syntheses.deleteDraftsByAuthor(person.id);
      store.notes.deleteByAuthor(person.id);
      store.plans.deleteByAuthor(person.id);
      store.cases.deleteByAuthor(person.id);
      store.optOuts.deleteByPerson(person.id);
      store.people.delete(person.id);
    }
  });
  store.checkpoint();
  deps.logger.info({ platform }, 'workspace purged');
}

/** Cairn was removed from a group's space: the group bound to it is deleted with its data. */
export function removeSpace(deps: CoreDeps, platform: string, space: string): void {
  const group = deps.store.groups.findBySpace(space);
  if (!group || group.platform !== platform) return;
  deps.store.transaction(() => deleteGroup(deps, group.id));
  deps.store.checkpoint();
  deps.logger.info({ groupId: group.id }, 'group removed with its space');
}

/**
 * A group with its check-in and ballot rounds (tallies and tokens have no foreign key), cases (and their
 * action plans), sessions, memberships, the notes written in it, and the syntheses that were posted
 * nowhere else.
 */
export function deleteGroup(deps: CoreDeps, groupId: string): void {
  const group = deps.store.groups.get(groupId);
  // Posts to the space (syntheses, shared results) go with it, sent or not.
  if (group) deps.store.outbox.deleteByAddress(group.spaceAddress);
  // A session guide's edits are addressed to its post, not to the space: they go by their ids.
  for (const g of deps.store.guides.listByGroup(groupId))
    deps.store.outbox.deleteByIdPrefix(guideOutboxPrefix(g.caseId));
  deps.store.checkins.deleteByGroup(groupId);
  deps.store.votes.deleteByGroup(groupId);
  deps.store.occurrences.deleteByPrefix(roundOperationPrefix(groupId));
  deps.store.cases.deleteByGroup(groupId);
  deps.store.sessions.deleteByGroup(groupId);
  deps.store.syntheses.detachGroup(groupId);
  deps.store.groups.delete(groupId);
}
