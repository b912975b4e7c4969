import type { App } from '@slack/bolt';
import { workspaceOf } from '../actor.js';
import { PLATFORM } from '../addresses.js';
import type { SlackDeps } from '../deps.js';

/**
 * Cairn uninstalled: the workspace's tokens go first, then the core purges every group, person and case of
 * that workspace, at once. Its bot token revoked (an administrator's emergency move, which a reinstall
 * undoes): the useless tokens go, and the core suspends the workspace's groups for the grace period.
 */
export function registerUninstall(app: App, deps: SlackDeps): void {
  const forget = (workspace: string) => {
    deps.installations?.deleteWorkspace(workspace);
    deps.platform.forgetWorkspace(workspace);
  };

  app.event('app_uninstalled', async ({ body, context }) => {
    const workspace = workspaceOf(context);
    forget(workspace);
    await deps.core.handle({ kind: 'uninstalled', platform: PLATFORM, eventId: body.event_id, workspace });
  });

  app.event('tokens_revoked', async ({ event, body, context }) => {
    // Only the bot token matters: Cairn asks for no user token.
    if ((event.tokens.bot ?? []).length === 0) return;
    const workspace = workspaceOf(context);
    forget(workspace);
    await deps.core.handle({
      kind: 'workspace.revoked',
      platform: PLATFORM,
      eventId: body.event_id,
      workspace,
    });
  });
}
