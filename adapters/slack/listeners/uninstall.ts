import type { App } from '@slack/bolt';
import { workspaceOf } from '../actor.js';
import { PLATFORM } from '../addresses.js';
import type { SlackDeps } from '../deps.js';

/**
 * Cairn uninstalled, or its bot token revoked: the workspace's tokens go first, then the core purges
 * every group, person and case of that workspace.
 */
export function registerUninstall(app: App, deps: SlackDeps): void {
  const purge = async (workspace: string, eventId: string) => {
    deps.installations?.deleteWorkspace(workspace);
    deps.platform.forgetWorkspace(workspace);
    await deps.core.handle({ kind: 'uninstalled', platform: PLATFORM, eventId, workspace });
  };

  app.event('app_uninstalled', async ({ body, context }) => {
    await purge(workspaceOf(context), body.event_id);
  });

  app.event('tokens_revoked', async ({ event, body, context }) => {
    // Only the bot token matters: Cairn asks for no user token.
    if ((event.tokens.bot ?? []).length === 0) return;
    await purge(workspaceOf(context), body.event_id);
  });
}
