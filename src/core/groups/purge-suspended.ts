import type { CoreDeps } from '../kernel/deps.js';
import { deleteGroup, purgeWorkspace } from './purge-workspace.js';
import { purgeDate } from './suspend-group.js';

/**
 * Groups suspended for longer than the grace period (CAIRN_PURGE_GRACE_DAYS) are deleted with their data;
 * a workspace whose tokens were revoked and that was not installed again is purged whole. Checked at every
 * tick (a suspension is one row), so a purge happens within a minute of its date.
 */
export function purgeSuspendedGroups(deps: CoreDeps, now: Date): number {
  const { store } = deps;
  let purged = 0;
  for (const suspension of store.groups.listSuspensions()) {
    if (purgeDate(deps, suspension.since) > now) continue;
    const group = store.groups.get(suspension.groupId);
    if (!group) continue;
    if (suspension.reason === 'workspace') {
      purgeWorkspace(deps, group.platform, group.workspace);
    } else {
      store.transaction(() => deleteGroup(deps, group.id));
      store.checkpoint();
      deps.logger.info({ groupId: group.id }, 'suspended group purged after its grace period');
    }
    purged++;
  }
  return purged;
}
