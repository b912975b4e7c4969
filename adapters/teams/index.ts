import { Application, type TurnState } from '@microsoft/teams-ai';
import { ConfigurationServiceClientCredentialFactory } from 'botbuilder';
import express, { type Express, type RequestHandler } from 'express';
import type { Clock } from '../../src/core/contract/clock.js';
import { errorSummary } from '../../src/core/contract/error-summary.js';
import type { Language } from '../../src/core/contract/language.js';
import type { Logger } from '../../src/core/contract/logger.js';
import { CairnTeamsAdapter } from './bot-adapter.js';
import { Connector } from './connector.js';
import { ConversationStore } from './conversation-store.js';
import type { TeamsDeps } from './deps.js';
import { FormCache } from './form-cache.js';
import { inboundHandler } from './inbound.js';
import { registerConversation } from './listeners/conversation.js';
import { registerDialogs } from './listeners/dialogs.js';
import { registerMessageExtension } from './listeners/message-extension.js';
import { registerMessages } from './listeners/messages.js';
import { rememberConversation } from './listeners/remember.js';
import { TeamsPlatform } from './platform.js';
import { routeAzureLogs } from './sdk-logger.js';
import type { TeamsConversationRecords } from './storage.js';
import { readTurn } from './turn.js';

export type TeamsSettings = {
  appId?: string;
  appPassword?: string;
  /** The app registration's tenant (single-tenant bot). */
  tenantId?: string;
  /** Activities from any other tenant are refused; empty means any (only with authentication off). */
  allowedTenants: ReadonlySet<string>;
  authDisabled: boolean;
  production: boolean;
  /** Tests only (NODE_ENV=test): activities may name a service URL on this machine (a fake Bot Connector). */
  loopbackServiceUrls?: boolean;
  tenantRate: number;
  defaultLanguage: Language;
  /** Where Bot Framework's signing keys are published (tests point it at a local fake). */
  openIdMetadataUrl?: string;
  /** Keep the SDK's verbose lines (redacted) in Cairn's log: LOG_LEVEL is debug or trace. */
  sdkDebugLogs?: boolean;
  /** Largest activity read on /api/messages. */
  bodyLimit: number;
};

export type TeamsAdapterDeps = {
  core: TeamsDeps['core'];
  records: TeamsConversationRecords;
  logger: Logger;
  clock: Clock;
  onUnreachable?: (userRef: string) => void;
};

export type TeamsAdapter = {
  platform: TeamsPlatform;
  /** `POST /api/messages` on the shared server, with its JSON parser on that route only. */
  mount(http: Express): void;
  start(): Promise<void>;
  stop(): Promise<void>;
  application: Application<TurnState>;
};

/** The Bot Framework endpoint Azure Bot Service posts activities to. */
export const MESSAGES_PATH = '/api/messages';

/** Cairn in Teams: a teams-ai Application on a TeamsAdapter, its listeners, and the outbound platform. */
export function createTeamsAdapter(settings: TeamsSettings, deps: TeamsAdapterDeps): TeamsAdapter {
  routeAzureLogs(deps.logger, settings.sdkDebugLogs ?? false);
  const { adapter, appId } = createAdapter(settings, deps.logger);
  const store = new ConversationStore(deps.records, deps.clock);
  const platform = new TeamsPlatform({
    connector: new Connector(adapter, appId),
    store,
    logger: deps.logger,
    tenantRate: settings.tenantRate,
    ...(deps.onUnreachable ? { onUnreachable: deps.onUnreachable } : {}),
  });
  const env: TeamsDeps = {
    core: deps.core,
    platform,
    store,
    forms: new FormCache(deps.clock),
    logger: deps.logger,
    defaultLanguage: settings.defaultLanguage,
  };
  const application = new Application<TurnState>({
    adapter,
    ...(appId ? { botAppId: appId } : {}),
    startTypingTimer: false,
    removeRecipientMention: true,
  });
  application.turn('beforeTurn', async (ctx) => {
    const turn = readTurn(env, ctx);
    if (turn) rememberConversation(env, turn);
    return true;
  });
  registerMessages(application, env);
  registerDialogs(application, env);
  registerMessageExtension(application, env);
  registerConversation(application, env);
  application.error(async (_ctx, err) => {
    deps.logger.error({ err: errorSummary(err) }, 'Teams turn failed');
  });

  const handler: RequestHandler = inboundHandler(
    adapter,
    { allowedTenants: settings.allowedTenants, loopbackServiceUrls: settings.loopbackServiceUrls ?? false },
    deps.logger,
    async (ctx) => {
      await application.run(ctx);
    },
  );
  return {
    platform,
    application,
    mount(http) {
      // Slack's receiver needs raw bodies: JSON is parsed on this route only.
      http.post(MESSAGES_PATH, express.json({ limit: settings.bodyLimit }), handler);
    },
    // Teams needs no connection of its own: Azure posts to the shared server.
    start: async () => {},
    stop: async () => {},
  };
}

/**
 * Authentication: a single-tenant Azure Bot registration (app id, secret, tenant). With
 * TEAMS_AUTH_DISABLED (never in production) requests are not authenticated and replies carry no token:
 * that is how tests talk to a local fake Bot Connector.
 */
function createAdapter(
  settings: TeamsSettings,
  logger: Logger,
): { adapter: CairnTeamsAdapter; appId: string } {
  if (settings.authDisabled) {
    if (settings.production)
      throw new Error('TEAMS_AUTH_DISABLED is for local tests only: unset it in production.');
    logger.warn({}, 'Teams authentication is DISABLED (TEAMS_AUTH_DISABLED=1): local testing only');
    return { adapter: new CairnTeamsAdapter({}), appId: '' };
  }
  const { appId, appPassword, tenantId } = settings;
  if (!appId || !appPassword || !tenantId)
    throw new Error('Teams needs TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID.');
  const auth = {
    MicrosoftAppId: appId,
    MicrosoftAppPassword: appPassword,
    MicrosoftAppType: 'SingleTenant',
    MicrosoftAppTenantId: tenantId,
    ...(settings.openIdMetadataUrl ? publicCloudWith(settings.openIdMetadataUrl) : {}),
  };
  return {
    adapter: new CairnTeamsAdapter(auth, new ConfigurationServiceClientCredentialFactory(auth)),
    appId,
  };
}

/**
 * The SDK takes either none or all of its "parameterized" endpoints (setting only the metadata URL leaves
 * the token issuer undefined and refuses every token): the public cloud's values, keys read elsewhere.
 */
function publicCloudWith(openIdMetadataUrl: string) {
  return {
    ValidateAuthority: true,
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl: openIdMetadataUrl,
    CallerId: 'urn:botframework:azure',
  };
}
