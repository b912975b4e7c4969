import { roundOperationPrefix } from '../checkins/round-operations.js';
import { guideOutboxPrefix } from '../guide/rules.js';
import { autoEndKey } from '../guide/run-guides.js';
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

/**
 * A group with its check-in and ballot rounds (tallies and tokens have no foreign key), cases (and their
 * action plans), sessions, memberships, the notes written in it, and the syntheses that were posted
 * nowhere else.
 */
export function deleteGroup(deps: CoreDeps, groupId: string): void {
  const group = deps.store.groups.get(groupId);
  // Posts to the space (syntheses, shared results) and messages about the group go with it, sent or not.
  if (group) deps.store.outbox.deleteByAddress(group.spaceAddress);
  // A session guide's edits are addressed to its post, not to the space: they go by their ids.
  for (const g of deps.store.guides.listByGroup(groupId)) {
    deps.store.outbox.deleteByIdPrefix(guideOutboxPrefix(g.caseId));
    deps.store.occurrences.deleteByPrefix(autoEndKey(g));
  }
  deps.store.outbox.deleteByGroup(groupId);
  // The notices of its suspension, which are not held with it (see suspend-group.ts).
  deps.store.outbox.deleteByIdPrefix(`suspended:${groupId}:`);
  deps.store.checkins.deleteByGroup(groupId);
  deps.store.votes.deleteByGroup(groupId);
  deps.store.occurrences.deleteByPrefix(roundOperationPrefix(groupId));
  deps.store.cases.deleteByGroup(groupId);
  deps.store.sessions.deleteByGroup(groupId);
  deps.store.syntheses.detachGroup(groupId);
  deps.store.groups.delete(groupId);
}
