import type { App } from '@slack/bolt';
import { workspaceOf } from '../actor.js';
import { PLATFORM, spaceAddress, userRef } from '../addresses.js';
import { slackErrorCode } from '../delivery-errors.js';
import type { SlackDeps } from '../deps.js';

/**
 * Keeps a group's members those of its private channel. The event id goes to the core so that Slack's
 * retries (`x-slack-retry-num`) change nothing twice. Cairn itself leaving the channel suspends the group
 * (a grace period before its purge); Cairn invited back resumes it.
 */
export function registerMembership(app: App, deps: SlackDeps): void {
  app.event('member_joined_channel', async ({ event, body, context }) => {
    const workspace = workspaceOf(context);
    if (event.user === context.botUserId) {
      // Cairn invited: a group suspended there resumes (a new channel waits for someone to run setup).
      const space = spaceAddress(workspace, event.channel);
      await deps.core.handle({ kind: 'space.added', platform: PLATFORM, eventId: body.event_id, space });
      return;
    }
    try {
      const user = await deps.directory.get(workspace, event.user, context.botToken);
      const space = spaceAddress(workspace, event.channel);
      // Bots, people of another organisation (Slack Connect) and guests of a shared channel stay out.
      if (user && !(await deps.platform.mayJoin(space, user, context.botToken))) return;
      await deps.core.handle({
        kind: 'member.joined',
        platform: PLATFORM,
        eventId: body.event_id,
        space,
        user: { userRef: userRef(workspace, event.user), displayName: user?.displayName ?? '', workspace },
      });
    } catch (err) {
      deps.logger.error({ code: slackErrorCode(err) }, 'member joined not handled');
    }
  });

  app.event('member_left_channel', async ({ event, body, context }) => {
    const workspace = workspaceOf(context);
    const space = spaceAddress(workspace, event.channel);
    if (event.user === context.botUserId) {
      await deps.core.handle({ kind: 'space.removed', platform: PLATFORM, eventId: body.event_id, space });
      return;
    }
    await deps.core.handle({
      kind: 'member.left',
      platform: PLATFORM,
      eventId: body.event_id,
      space,
      user: { userRef: userRef(workspace, event.user), displayName: '', workspace },
    });
  });

  // Sent to Cairn when it is removed from a private channel.
  app.event('group_left', async ({ event, body, context }) => {
    const workspace = workspaceOf(context);
    await deps.core.handle({
      kind: 'space.removed',
      platform: PLATFORM,
      eventId: body.event_id,
      space: spaceAddress(workspace, event.channel),
    });
  });
}
