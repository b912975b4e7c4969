import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
// botbuilder's own (exactly pinned) dependency: its AuthenticationError is what means 401.
import { type AuthenticateRequestResult, AuthenticationError } from 'botframework-connector';

/** `jsonwebtoken`'s errors, which the SDK rethrows as they are (a forged or not-yet-valid token). */
const TOKEN_ERRORS = new Set(['JsonWebTokenError', 'NotBeforeError', 'TokenExpiredError']);

/**
 * The SDK's adapter, split in two so that Cairn decides what happens between authentication and the
 * turn (the tenant and service URL checks, see inbound.ts): `authenticate` validates the Bot Framework
 * token and throws an AuthenticationError (401) for any bad token — the SDK would answer a forged
 * signature with a 500; `runTurn` runs an authenticated activity through teams-ai.
 */
export class CairnTeamsAdapter extends TeamsAdapter {
  async authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    try {
      return await this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
    } catch (err) {
      if (err instanceof Error && TOKEN_ERRORS.has(err.name))
        throw new AuthenticationError('Unauthorized. Invalid token.', 401);
      throw err;
    }
  }

  runTurn(
    auth: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}
