import type { App, webApi } from '@slack/bolt';
import { actorFor, workspaceOf } from '../actor.js';
import { slackErrorCode } from '../delivery-errors.js';
import type { SlackDeps } from '../deps.js';
import { renderHome } from '../render-form.js';

/** Publishes a person's App Home: the core's home view, rendered as a Home tab. */
export async function publishHome(
  deps: SlackDeps,
  client: webApi.WebClient,
  token: string | undefined,
  workspace: string,
  userId: string,
): Promise<void> {
  try {
    const actor = await actorFor(deps.directory, workspace, userId, token);
    const view = renderHome(deps.core.home(actor));
    await client.views.publish({ token, user_id: userId, view });
  } catch (err) {
    deps.logger.warn({ code: slackErrorCode(err) }, 'home not published');
  }
}

export function registerAppHome(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', async ({ event, context, client }) => {
    if (event.tab !== 'home') return;
    deps.homeViewers.opened(workspaceOf(context), event.user);
    await publishHome(deps, client, context.botToken, workspaceOf(context), event.user);
  });
}
