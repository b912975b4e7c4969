import { App, ExpressReceiver, type InstallationQuery, SocketModeReceiver, webApi } from '@slack/bolt';
import express, { type RequestHandler, type Router } from 'express';
import type { Logger } from '../../src/core/contract/logger.js';
import type { EncryptedInstallationStore } from './installation-store.js';
import { BOT_SCOPES } from './scopes.js';
import { boltLogger } from './sdk-logger.js';
import { type SingleWorkspaceAuth, singleWorkspaceAuth } from './single-workspace.js';
import type { SharedLock } from './storage.js';

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
  /** Several instances on one database: the lock that serialises token refreshes among them. */
  refreshLock?: SharedLock;
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
    // requests may need a token at the same moment. Within this process, callers share one promise; across
    // instances (PostgreSQL), a token close to its refresh is refreshed under a database lock, and the
    // instance that waited reads the token the first one stored (Bolt refreshes only what still expires).
    const original = installer.authorize.bind(installer);
    const pending = new Map<string, ReturnType<typeof original>>();
    const store = options.installationStore;
    const lock = options.refreshLock;
    const guarded: typeof original =
      lock && store
        ? async (query) => {
            const key = `slack-token-refresh:${workspaceKey(query)}`;
            if (!(await refreshDue(store, query))) return original(query);
            await acquire(lock, key);
            try {
              return await original(query);
            } finally {
              lock.unlock(key);
            }
          }
        : original;
    installer.authorize = (query) => {
      const key = workspaceKey(query);
      const inFlight = pending.get(key);
      if (inFlight) return inFlight;
      const started = guarded(query).finally(() => pending.delete(key));
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

const workspaceKey = (query: InstallationQuery<boolean>) =>
  `${query.enterpriseId ?? ''}:${query.isEnterpriseInstall ? '' : (query.teamId ?? '')}`;

/** Bolt refreshes a rotating token that expires within two hours (@slack/oauth's InstallProvider). */
const REFRESH_WINDOW_S = 2 * 60 * 60;

/** Whether Bolt would refresh this workspace's token now (a rotating token in its last two hours). */
async function refreshDue(
  store: EncryptedInstallationStore,
  query: InstallationQuery<boolean>,
): Promise<boolean> {
  try {
    const installation = await store.fetchInstallation(query);
    const soon = Date.now() / 1000 + REFRESH_WINDOW_S;
    const expiring = [installation.bot?.expiresAt, installation.user?.expiresAt].some(
      (at) => typeof at === 'number' && at <= soon,
    );
    return expiring;
  } catch {
    // No installation: Bolt's own authorize says so.
    return false;
  }
}

/** How long an instance waits for another's refresh (Slack answers in seconds) before failing this call. */
const LOCK_WAIT_MS = 15_000;

async function acquire(lock: SharedLock, key: string): Promise<void> {
  const until = Date.now() + LOCK_WAIT_MS;
  let delay = 10;
  while (!lock.tryLock(key)) {
    if (Date.now() > until) throw new Error('slack token refresh: another instance holds the lock');
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 200);
  }
}
