import { webApi } from '@slack/bolt';
import type { Express } from 'express';
import { errorSummary } from '../../src/core/contract/error-summary.js';
import type { Logger } from '../../src/core/contract/logger.js';
import type { Core } from '../../src/core/index.js';
import { installationQuery, PLATFORM } from './addresses.js';
import { apiBase, createBoltApp } from './bolt-app.js';
import { NoInstallationError } from './delivery-errors.js';
import type { SlackDeps } from './deps.js';
import { type TokenSource, UserDirectory } from './directory.js';
import { HomeViewers } from './home-viewers.js';
import { EncryptedInstallationStore } from './installation-store.js';
import { registerAppHome } from './listeners/app-home.js';
import { registerBlockActions } from './listeners/block-actions.js';
import { registerCommand } from './listeners/command.js';
import { registerMembership } from './listeners/membership.js';
import { registerUninstall } from './listeners/uninstall.js';
import { registerViewSubmission } from './listeners/view-submission.js';
import { SlackPlatform } from './platform.js';
import { boltLogger } from './sdk-logger.js';
import type { SharedLock, SlackInstallationRecords } from './storage.js';

export type SlackAdapterOptions = {
  core: Pick<Core, 'handle' | 'home'>;
  signingSecret: string;
  botToken?: string;
  oauth?: { clientId: string; clientSecret: string; stateSecret: string };
  appToken?: string;
  apiUrl?: string;
  workspaceRate: number;
  installations: SlackInstallationRecords;
  /** Several instances on one database: one token refresh at a time per workspace among them. */
  refreshLock?: SharedLock;
  /** Key for the installation store's encryption (derived from CAIRN_SECRET). */
  tokenKey: Buffer;
  /** The key derived from CAIRN_SECRET_PREVIOUS: installations sealed with it are read and sealed again. */
  previousTokenKey?: Buffer;
  logger: Logger;
  /** Retries of calls made while answering someone (default 2; tests use 0). */
  retries?: number;
  /** Largest request body read on /slack/events (chunked bodies beyond it get 413). */
  bodyLimit?: number;
};

export type SlackAdapter = {
  platform: SlackPlatform;
  /** HTTP mode: Slack answers on /slack/events (and the OAuth routes) of the shared server. */
  mount(http: Express): void;
  /** Connects Socket Mode (HTTP mode needs nothing more: the shared server serves Slack). */
  start(): Promise<void>;
  stop(): Promise<void>;
};

/**
 * Cairn on Slack: a Bolt 5 App (HTTP on the shared server, or Socket Mode), the ChatPlatform the outbox
 * sends through, and the listeners that turn Slack's payloads into the core's neutral events.
 */
export async function createSlackAdapter(options: SlackAdapterOptions): Promise<SlackAdapter> {
  const { logger } = options;
  const installationStore = options.oauth
    ? new EncryptedInstallationStore(
        options.installations,
        options.tokenKey,
        undefined,
        options.previousTokenKey,
      )
    : undefined;
  const slack = createBoltApp({
    signingSecret: options.signingSecret,
    ...(options.botToken ? { botToken: options.botToken } : {}),
    ...(options.oauth ? { oauth: options.oauth } : {}),
    ...(installationStore ? { installationStore } : {}),
    ...(options.refreshLock ? { refreshLock: options.refreshLock } : {}),
    ...(options.appToken ? { appToken: options.appToken } : {}),
    ...(options.apiUrl ? { apiUrl: options.apiUrl } : {}),
    retries: options.retries ?? 2,
    ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
    logger,
  });

  const tokens: TokenSource = slack.authorize
    ? async (workspace) => {
        const authorize = slack.authorize!;
        let token: string | undefined;
        try {
          token = (await authorize(installationQuery(workspace))).botToken;
        } catch (err) {
          // @slack/oauth wraps the cause (no installation, a failed refresh): classify the cause.
          throw (err as { original?: unknown }).original ?? err;
        }
        if (!token) throw new NoInstallationError();
        return token;
      }
    : async () => {
        if (!options.botToken) throw new NoInstallationError();
        return options.botToken;
      };

  // The outbox's client: no retries of its own, 429 thrown at once; the outbox owns retries.
  const outboxClient = new webApi.WebClient(undefined, {
    ...(options.apiUrl ? { slackApiUrl: apiBase(options.apiUrl) } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    logger: boltLogger(logger),
  });
  const directory = new UserDirectory(outboxClient, tokens);
  const platform = new SlackPlatform({
    client: outboxClient,
    tokens,
    directory,
    workspaceRate: options.workspaceRate,
    logger,
    ...(installationStore
      ? {
          installedWorkspaces: () => options.installations.list().map((r) => r.key),
          forgetInstallation: (workspace: string) => installationStore.deleteWorkspace(workspace),
        }
      : {}),
  });
  // Installed (again) through OAuth: groups that a revocation suspended resume.
  if (installationStore)
    installationStore.onStored = (workspace) => {
      options.core
        .handle({ kind: 'installed', platform: PLATFORM, workspace })
        .catch((err: unknown) => logger.error({ err: errorSummary(err) }, 'installation not handled'));
    };
  const deps: SlackDeps = {
    core: options.core,
    directory,
    platform,
    homeViewers: new HomeViewers(),
    ...(installationStore ? { installations: installationStore } : {}),
    logger,
  };
  registerCommand(slack.app, deps);
  registerBlockActions(slack.app, deps);
  registerViewSubmission(slack.app, deps);
  registerAppHome(slack.app, deps);
  registerMembership(slack.app, deps);
  registerUninstall(slack.app, deps);
  await slack.app.init();
  await slack.verifyToken?.(logger);

  return {
    platform,
    mount(http) {
      if (slack.router) http.use(slack.router);
    },
    async start() {
      if (slack.socketMode) await slack.app.start();
    },
    async stop() {
      if (slack.socketMode) await slack.app.stop();
    },
  };
}
