import type { SlackAdapterOptions } from '../../adapters/slack/index.js';
import type { Config } from './config.js';

/** The Slack part of Cairn's configuration, as the adapter's options. */
export function slackSettings(
  config: Config,
): Pick<
  SlackAdapterOptions,
  'signingSecret' | 'botToken' | 'oauth' | 'appToken' | 'apiUrl' | 'workspaceRate'
> {
  const oauth =
    config.slack === 'oauth' &&
    config.SLACK_CLIENT_ID &&
    config.SLACK_CLIENT_SECRET &&
    config.SLACK_STATE_SECRET
      ? {
          clientId: config.SLACK_CLIENT_ID,
          clientSecret: config.SLACK_CLIENT_SECRET,
          stateSecret: config.SLACK_STATE_SECRET,
        }
      : undefined;
  return {
    signingSecret: config.SLACK_SIGNING_SECRET ?? '',
    ...(oauth ? { oauth } : config.SLACK_BOT_TOKEN ? { botToken: config.SLACK_BOT_TOKEN } : {}),
    ...(config.SLACK_APP_TOKEN ? { appToken: config.SLACK_APP_TOKEN } : {}),
    ...(config.SLACK_API_URL ? { apiUrl: config.SLACK_API_URL } : {}),
    workspaceRate: config.SLACK_WORKSPACE_RATE,
  };
}
