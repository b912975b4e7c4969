import { App, ExpressReceiver, type InstallationQuery, SocketModeReceiver, webApi } from '@slack/bolt';
import express, { type RequestHandler, type Router } from 'express';
import type { Logger } from '../../src/core/contract/logger.js';
import type { EncryptedInstallationStore } from './installation-store.js';
import { BOT_SCOPES } from './scopes.js';
import { boltLogger } from './sdk-logger.js';
import { type SingleWorkspaceAuth, singleWorkspaceAuth } from './single-workspace.js';

export const EVENTS_PATH = '/slack/events';
/** Slack refuses requests older than 5 minutes; Cairn also refuses those from more than 5 minutes ahead. */
const MAX_SKEW_S = 5 * 60;

export type SlackAppOptions = {
  signingSecret: string;
  /** One workspace: its bot token. */
  botToken?: string;
  /** Several workspaces: OAuth at /slack/install and /slack/oauth_redirect. */
  oauth?: { clientId: string; clientSecret: string; stateSecret: string };
  installationStore?: EncryptedInstallationStore;
  /** Socket Mode instead of HTTP (development without a public URL). */
  appToken?: string;
  apiUrl?: string;
  /** Retries of calls made while answering a person (few and quick: trigger ids expire in 3 s). */
  retries: number;
  /** Largest request body read (Slack's are a few tens of kilobytes); a chunked body beyond gets 413. */
  bodyLimit?: number;
  logger: Logger;
};

export type SlackApp = {
  app: App;
  /** Bolt's own authorize for a workspace: refreshes a rotating token when it is close to expiry. */
  authorize?: (query: InstallationQuery<boolean>) => Promise<{ botToken?: string }>;
  /** One workspace (SLACK_BOT_TOKEN): checks the token at start. */
  verifyToken?: SingleWorkspaceAuth['verify'];
  socketMode: boolean;
  /** HTTP mode: Slack's routes (/slack/events, the OAuth pages), for the shared server to mount. */
  router?: Router;
};

/** A WebClient base URL must end with a slash. */
export const apiBase = (url: string | undefined): string | undefined =>
  url ? (url.endsWith('/') ? url : `${url}/`) : undefined;

/** Rejects requests stamped too far in the future, which Bolt's own check lets through. */
const rejectFutureRequests: RequestHandler = (req, res, next) => {
  const stamp = Number(req.header('x-slack-request-timestamp'));
  if (Number.isFinite(stamp) && stamp > Date.now() / 1000 + MAX_SKEW_S) {
    res.status(401).send();
    return;
  }
  next();
};

/**
 * The Bolt App with its receiver: HTTP on the shared Express app at /slack/events (commands,
 * interactivity and events on one URL), or Socket Mode when an app-level token is given.
 */
export function createBoltApp(options: SlackAppOptions): SlackApp {
  const logger = boltLogger(options.logger);
  const slackApiUrl = apiBase(options.apiUrl);
  const clientOptions: webApi.WebClientOptions = {
    ...(slackApiUrl ? { slackApiUrl } : {}),
    retryConfig: { retries: options.retries, factor: 1.5, minTimeout: 100, maxTimeout: 500 },
    rejectRateLimitedCalls: true,
    logger,
  };
  const installerOptions = { directInstall: true, clientOptions };
  const oauth = options.oauth
    ? {
        ...options.oauth,
        scopes: [...BOT_SCOPES],
        ...(options.installationStore ? { installationStore: options.installationStore } : {}),
        installerOptions,
      }
    : {};

  let receiver: ExpressReceiver | SocketModeReceiver;
  let router: Router | undefined;
  if (options.appToken) {
    if (options.oauth)
      throw new Error('Socket Mode serves one workspace: use SLACK_BOT_TOKEN without OAuth.');
    receiver = new SocketModeReceiver({ appToken: options.appToken, logger, installerOptions });
  } else {
    router = express.Router();
    router.post(EVENTS_PATH, rejectFutureRequests);
    receiver = new ExpressReceiver({
      signingSecret: options.signingSecret,
      router,
      endpoints: EVENTS_PATH,
      logger,
      ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
      ...oauth,
    });
  }

  const installer = receiver.installer;
  let authorize: SlackApp['authorize'];
  if (installer) {
    // One refresh at a time per workspace: refresh tokens are single-use, and the outbox and incoming
    // requests may need a token at the same moment.
    const original = installer.authorize.bind(installer);
    const pending = new Map<string, ReturnType<typeof original>>();
    installer.authorize = (query) => {
      const key = `${query.enterpriseId ?? ''}:${query.isEnterpriseInstall ? '' : (query.teamId ?? '')}`;
      const inFlight = pending.get(key);
      if (inFlight) return inFlight;
      const started = original(query).finally(() => pending.delete(key));
      pending.set(key, started);
      return started;
    };
    authorize = (query) => installer.authorize(query);
  }

  const single =
    !options.oauth && options.botToken
      ? singleWorkspaceAuth(new webApi.WebClient(undefined, clientOptions), options.botToken)
      : undefined;
  const app = new App({
    receiver,
    ...(single ? { authorize: single.authorize } : {}),
    clientOptions,
    logger,
    // Cairn keeps no per-conversation state in Bolt: skip its conversation store on every request.
    convoStore: false,
    deferInitialization: true,
  });
  app.error(async (err) => {
    options.logger.error({ code: err.code ?? err.name }, 'slack listener failed');
  });
  return {
    app,
    ...(authorize ? { authorize } : {}),
    ...(single ? { verifyToken: single.verify } : {}),
    socketMode: Boolean(options.appToken),
    ...(router ? { router } : {}),
  };
}
