import { type AuthorizeResult, webApi } from '@slack/bolt';
import type { Logger } from '../../src/core/contract/logger.js';
import { slackErrorCode } from './delivery-errors.js';

export type SingleWorkspaceAuth = {
  /** Bolt's `authorize` for every request: the token, with the bot's ids (auth.test, once). */
  authorize(): Promise<AuthorizeResult>;
  /**
   * At start: a token Slack refuses stops Cairn (the operator must fix it); Slack being unreachable does
   * not (the outbox and the other platform keep working; the check happens again at the first request).
   */
  verify(logger: Logger): Promise<void>;
};

/**
 * Authorization for one workspace (SLACK_BOT_TOKEN). Bolt's own, given a token, calls auth.test when it
 * initialises and fails for good if Slack answers 5xx at that moment: Cairn could then not start during
 * a Slack outage. Here the bot's ids are asked for until Slack answers, then kept.
 */
export function singleWorkspaceAuth(client: webApi.WebClient, token: string): SingleWorkspaceAuth {
  let identity: Promise<{ botUserId?: string; botId?: string }> | undefined;
  const identify = () => {
    identity ??= client.auth.test({ token }).then(
      (r) => ({ ...(r.user_id ? { botUserId: r.user_id } : {}), ...(r.bot_id ? { botId: r.bot_id } : {}) }),
      (err: unknown) => {
        identity = undefined;
        throw err;
      },
    );
    return identity;
  };
  return {
    authorize: async () => ({ botToken: token, ...(await identify()) }),
    async verify(logger) {
      try {
        await identify();
      } catch (err) {
        if (err instanceof webApi.WebAPIPlatformError) throw err;
        logger.warn(
          { code: slackErrorCode(err) },
          'Slack is unreachable: Cairn starts anyway and checks its token again at the first request',
        );
      }
    },
  };
}
