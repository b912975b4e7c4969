import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
// botbuilder's own (exactly pinned) dependency: its AuthenticationError is what makes CloudAdapter answer 401.
import { type AuthenticateRequestResult, AuthenticationError } from 'botframework-connector';

/**
 * The SDK answers a token whose signature does not verify (or that is not yet valid) with a 500, because
 * `jsonwebtoken`'s errors are rethrown as they are. For Cairn a forged token is an authentication failure:
 * 401, like a missing or expired one. Everything else is the SDK's behaviour, unchanged.
 */
export class CairnTeamsAdapter extends TeamsAdapter {
  protected override processActivity(
    authHeader: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined>;
  protected override processActivity(
    result: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined>;
  protected override async processActivity(
    auth: string | AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    try {
      return await (typeof auth === 'string'
        ? super.processActivity(auth, activity, logic)
        : super.processActivity(auth, activity, logic));
    } catch (err) {
      if (err instanceof Error && (err.name === 'JsonWebTokenError' || err.name === 'NotBeforeError')) {
        throw new AuthenticationError('Unauthorized. Invalid token.', 401);
      }
      throw err;
    }
  }
}
