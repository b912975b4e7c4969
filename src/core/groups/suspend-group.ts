import { heading, message, text } from '../contract/message.js';
import { enqueueDirect } from '../delivery/enqueue.js';
import type { Group } from '../domain/group.js';
import { translator } from '../i18n/catalogue.js';
import { formatDate } from '../i18n/format.js';
import type { CoreDeps } from '../kernel/deps.js';
import { languageFor } from '../kernel/request.js';
import { tellFacilitators } from '../kernel/tell-facilitators.js';
import type { SuspensionReason } from '../ports/repositories/groups.js';
import { syncSpaceMembers } from './sync-space-members.js';

const DAY_MS = 86_400_000;

/** When a group suspended at `since` is purged. */
export const purgeDate = (deps: CoreDeps, since: Date): Date =>
  new Date(since.getTime() + deps.config.purgeGraceDays * DAY_MS);

/**
 * Cairn was removed from a group's space (any member of a channel can do it, by mistake too): the group is
 * suspended, not deleted. Nothing is sent to or about it; its facilitators are told, in a direct message
 * (Cairn can still reach them), that its data will be deleted after the grace period unless Cairn is added
 * back. The purge is purge-suspended.ts.
 */
export function suspendSpace(deps: CoreDeps, platform: string, space: string): void {
  const group = deps.store.groups.findBySpace(space);
  if (!group || group.platform !== platform) return;
  if (suspend(deps, group, 'space'))
    deps.logger.info({ groupId: group.id }, 'group suspended: Cairn removed');
}

/**
 * Cairn's tokens were revoked in a workspace (an administrator's emergency move): every group of it is
 * suspended for the grace period. Nobody can be told: Cairn cannot write there any more.
 */
export function suspendWorkspace(deps: CoreDeps, platform: string, workspace: string): void {
  const groups = deps.store.groups.listByWorkspace(platform, workspace);
  const suspended = groups.filter((group) => suspend(deps, group, 'workspace', false)).length;
  deps.logger.info({ platform, groups: suspended }, 'workspace suspended: tokens revoked');
}

function suspend(deps: CoreDeps, group: Group, reason: SuspensionReason, notify = true): boolean {
  const { store, clock } = deps;
  const since = clock.now();
  return store.transaction(() => {
    if (!store.groups.suspend({ groupId: group.id, reason, since })) return false;
    if (notify) {
      const date = purgeDate(deps, since);
      for (const { person, role } of store.memberships.listByGroup(group.id)) {
        if (role !== 'facilitator') continue;
        const lang = languageFor(deps, person);
        const t = translator(lang);
        const when = formatDate(date, lang, group.timeZone);
        // Not held with the group's messages: this one must go out while it is suspended.
        enqueueDirect(
          deps,
          `suspended:${group.id}:${since.getTime()}:${person.id}`,
          person,
          message(
            t('suspension.fallback', { group: group.name }),
            heading(t('suspension.title', { group: group.name })),
            text(t('suspension.body', { group: group.name, date: when })),
          ),
        );
      }
    }
    return true;
  });
}

/**
 * Cairn was added back to a space: a group suspended there resumes as it was (what waited in the outbox goes
 * out, but for what expired meanwhile), its facilitators are told, and its members are brought up to date.
 */
export function resumeSpace(deps: CoreDeps, platform: string, space: string): void {
  const group = deps.store.groups.findBySpace(space);
  if (!group || group.platform !== platform) return;
  if (!resume(deps, group)) return;
  deps.store.transaction(() =>
    tellFacilitators(deps, group.id, (t, facilitator) => ({
      id: `resumed:${group.id}:${deps.clock.now().getTime()}:${facilitator.id}`,
      message: message(
        t('suspension.resumedFallback', { group: group.name }),
        text(t('suspension.resumed', { group: group.name })),
      ),
    })),
  );
  deps.background.run('resume.sync-members', async () => {
    await syncSpaceMembers(deps, group.id);
  });
}

/** Cairn was installed again in a workspace: the groups its revoked tokens suspended resume. */
export function resumeWorkspace(deps: CoreDeps, platform: string, workspace: string): void {
  for (const group of deps.store.groups.listByWorkspace(platform, workspace)) {
    if (deps.store.groups.suspensionOf(group.id)?.reason === 'workspace') resume(deps, group);
  }
}

/** Lifts a group's suspension; true when it was suspended. */
export function resume(deps: CoreDeps, group: Group): boolean {
  const { store, clock } = deps;
  const resumed = store.transaction(() => {
    if (!store.groups.resume(group.id)) return false;
    store.outbox.resumeGroup(group.id, clock.now());
    return true;
  });
  if (resumed) deps.logger.info({ groupId: group.id }, 'group resumed');
  return resumed;
}
