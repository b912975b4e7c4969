import {
  type Clearance,
  DeliveryError,
  GoneError,
  type InstallationReport,
} from '../contract/chat-platform.js';
import { errorSummary } from '../contract/error-summary.js';
import { withDeadline } from '../delivery/deadline.js';
import type { Group } from '../domain/group.js';
import type { CoreDeps } from '../kernel/deps.js';
import { purgeWorkspace } from './purge-workspace.js';
import { resume, resumeSpace, resumeWorkspace, suspendSpace, suspendWorkspace } from './suspend-group.js';
import { applySpaceMembers } from './sync-space-members.js';

export type ReconcileOptions = {
  /** The run at start-up (logged as such). */
  startup: boolean;
  /** Pause between two groups, to stay within the platforms' limits (a group costs a few API calls). */
  paceMs: number;
  /** Longest wait for one platform call. */
  timeoutMs?: number;
  /**
   * How long to wait before a call about an address (a Retry-After running for it, its platform paused by
   * the outbox's breaker): reconciliation's reads count against the same limits as the sends.
   */
  clearance?: (platform: string, address: string) => number;
};

/** Longest wait for a clearance; beyond, the call is skipped until the next run. */
const MAX_CLEARANCE_WAIT_MS = 60_000;

export type ReconcileReport = {
  groups: number;
  joined: number;
  left: number;
  suspended: number;
  resumed: number;
  /** Groups whose platform could not be asked this time (a failure, a rate limit): next time. */
  skipped: number;
  purgedWorkspaces: number;
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Catches up what Cairn missed while it was down or restarting (Slack stops retrying an event after a few
 * minutes; Teams never retries): for every installation, whether it still works; for every group, who is in
 * its space now, applied with the same effects as the join and leave events, and whether Cairn is still
 * there (a missed removal suspends the group, a missed return resumes it). Workspaces and tenants holding
 * data with no installation left (an uninstall missed, or a crash between deleting the tokens and the purge)
 * are purged, as the uninstall would have. Run at start-up and every CAIRN_RECONCILE_MINUTES by the
 * scheduler; one group at a time, `paceMs` apart.
 */
export async function reconcile(deps: CoreDeps, options: ReconcileOptions): Promise<ReconcileReport> {
  const report: ReconcileReport = {
    groups: 0,
    joined: 0,
    left: 0,
    suspended: 0,
    resumed: 0,
    skipped: 0,
    purgedWorkspaces: 0,
  };
  const revoked = new Set<string>();
  const clearFor =
    (platform: string): Clearance =>
    async (address) => {
      for (;;) {
        const ms = options.clearance?.(platform, address) ?? 0;
        if (ms <= 0) return true;
        if (ms > MAX_CLEARANCE_WAIT_MS) return false;
        await sleep(ms);
      }
    };
  for (const platform of deps.platforms.list()) {
    if (!platform.checkInstallations) continue;
    let installations: InstallationReport;
    try {
      installations = await platform.checkInstallations(clearFor(platform.id));
    } catch (err) {
      deps.logger.warn(
        { platform: platform.id, err: errorSummary(err) },
        'reconcile: installations not checked',
      );
      continue;
    }
    for (const workspace of installations.revoked) {
      revoked.add(`${platform.id}:${workspace}`);
      suspendWorkspace(deps, platform.id, workspace);
    }
    for (const workspace of installations.installed) resumeWorkspace(deps, platform.id, workspace);
    if (installations.complete) report.purgedWorkspaces += purgeUninstalled(deps, platform.id, installations);
  }
  for (const group of deps.store.groups.listAll()) {
    if (!deps.platforms.has(group.platform) || revoked.has(`${group.platform}:${group.workspace}`)) continue;
    report.groups++;
    if (!(await clearFor(group.platform)(group.spaceAddress))) {
      report.skipped++;
      continue;
    }
    await reconcileGroup(deps, group, report, options.timeoutMs ?? 30_000);
    if (options.paceMs > 0) await sleep(options.paceMs);
  }
  deps.logger.info({ ...report, startup: options.startup }, 'reconciled with the platforms');
  return report;
}

async function reconcileGroup(
  deps: CoreDeps,
  group: Group,
  report: ReconcileReport,
  timeoutMs: number,
): Promise<void> {
  const platform = deps.platforms.get(group.platform);
  let users: Awaited<ReturnType<typeof platform.listSpaceMembers>>;
  try {
    users = await withDeadline(
      platform.listSpaceMembers(group.spaceAddress),
      timeoutMs,
      () => new Error(`no answer within ${timeoutMs} ms`),
    );
  } catch (err) {
    if (err instanceof GoneError) {
      const before = deps.store.groups.suspensionOf(group.id);
      suspendSpace(deps, group.platform, group.spaceAddress);
      if (!before) report.suspended++;
      return;
    }
    report.skipped++;
    // A rate limit: wait it out before the next group.
    if (err instanceof DeliveryError && err.retryAfterMs) await sleep(Math.min(err.retryAfterMs, 60_000));
    deps.logger.warn({ groupId: group.id, err: errorSummary(err) }, 'reconcile: members not listed');
    return;
  }
  // No human at all where the group has members: more likely a platform's hiccup than everyone leaving at
  // once (the events would say so); nothing is removed on that word alone.
  if (users.length === 0 && deps.store.memberships.listByGroup(group.id).length > 0) {
    report.skipped++;
    deps.logger.warn({ groupId: group.id }, 'reconcile: the platform listed nobody in the space; left as is');
    return;
  }
  // Cairn is in the space: a group suspended because it was removed is back.
  const suspension = deps.store.groups.suspensionOf(group.id);
  if (suspension?.reason === 'space') {
    resumeSpace(deps, group.platform, group.spaceAddress);
    report.resumed++;
  } else if (suspension && resume(deps, group)) report.resumed++;
  const counts = applySpaceMembers(deps, group.id, users);
  report.joined += counts.joined;
  report.left += counts.left;
}

/**
 * Workspaces of a platform that hold groups or people but have no installation (the uninstall event was
 * lost, or Cairn crashed between deleting the tokens and the purge): purged. A workspace whose groups are
 * suspended waits for the end of their grace period instead.
 */
function purgeUninstalled(deps: CoreDeps, platform: string, installations: InstallationReport): number {
  const { store } = deps;
  // A revoked workspace with groups has just been suspended (in grace below); one without any goes now.
  const known = new Set(installations.installed);
  const groups = store.groups.listAll().filter((g) => g.platform === platform);
  const holding = new Set([...groups.map((g) => g.workspace), ...store.people.listWorkspaces(platform)]);
  let purged = 0;
  for (const workspace of holding) {
    if (known.has(workspace)) continue;
    const inGrace = groups.some((g) => g.workspace === workspace && store.groups.suspensionOf(g.id));
    if (inGrace) continue;
    purgeWorkspace(deps, platform, workspace);
    purged++;
  }
  return purged;
}
