import { FORM } from '../contract/ids.js';
import type { FeatureRoutes, ScheduledJob } from '../kernel/routes.js';
import { memberJoined, memberLeft } from './change-membership.js';
import { openSetupForm } from './open-setup-form.js';
import { purgeSuspendedGroups } from './purge-suspended.js';
import { purgeWorkspace } from './purge-workspace.js';
import { submitSetup } from './submit-setup.js';
import { resumeSpace, resumeWorkspace, suspendSpace, suspendWorkspace } from './suspend-group.js';

/** Setting a group up in its space, and what happens when people or Cairn come and go. */
export const groupRoutes = {
  commands: { setup: (req) => openSetupForm(req) },
  forms: { [FORM.setup]: (req, f) => submitSetup(req, f.state, f.values) },
  lifecycle: {
    'member.joined': (deps, e) => memberJoined(deps, e.platform, e.space, e.user),
    'member.left': (deps, e) => memberLeft(deps, e.platform, e.space, e.user.userRef),
    uninstalled: (deps, e) => purgeWorkspace(deps, e.platform, e.workspace),
    'workspace.revoked': (deps, e) => suspendWorkspace(deps, e.platform, e.workspace),
    installed: (deps, e) => resumeWorkspace(deps, e.platform, e.workspace),
    'space.removed': (deps, e) => suspendSpace(deps, e.platform, e.space),
    'space.added': (deps, e) => resumeSpace(deps, e.platform, e.space),
  },
} satisfies FeatureRoutes;

/** Suspended groups past their grace period are purged. */
export const groupJobs = { purgeSuspended: purgeSuspendedGroups } satisfies Record<string, ScheduledJob>;
