import { AsyncLocalStorage } from 'node:async_hooks';
import { createRequire } from 'node:module';
import type { Logger } from '../../src/core/contract/logger.js';
import { redactSdkArgs } from '../../src/core/contract/sdk-log-redaction.js';

/** The part of `@azure/logger` used here (the Azure SDK pipeline under botframework-connector). */
type AzureLogging = {
  AzureLogger: { log: (...args: unknown[]) => void };
  setLogLevel(level?: 'verbose' | 'info' | 'warning' | 'error'): void;
};

/**
 * The Bot Framework SDK sends its HTTP calls through the Azure SDK pipeline, which logs through
 * `@azure/logger` (off unless AZURE_LOG_LEVEL is set, then straight to stderr). Its lines are sent to
 * Cairn's logger instead, each reduced by `redactSdkArgs`; with `verbose` (Cairn at debug or trace) they
 * are all kept. botbuilder itself uses no debug logger, but `console.error` (see `withSdkConsole`).
 * The Azure logger is process-wide: the last Teams app created owns it.
 */
export function routeAzureLogs(logger: Logger, verbose: boolean): void {
  const azure = loadAzureLogging();
  if (!azure) return;
  azure.AzureLogger.log = (...args: unknown[]) => {
    if (logger.isLevelEnabled?.('debug') === false) return;
    logger.debug({ source: 'teams-sdk' }, redactSdkArgs(args));
  };
  if (verbose) azure.setLogLevel('verbose');
}

/** The very copy of `@azure/logger` botframework-connector resolves (not a dependency of Cairn's own). */
function loadAzureLogging(): AzureLogging | undefined {
  try {
    const fromHere = createRequire(import.meta.url);
    const fromConnector = createRequire(fromHere.resolve('botframework-connector'));
    return fromConnector('@azure/logger') as AzureLogging;
  } catch {
    return undefined;
  }
}

/** The logger of the Teams request being handled, for the console lines the SDK prints meanwhile. */
const requestScope = new AsyncLocalStorage<Logger>();
const CONSOLE_METHODS = ['error', 'warn', 'info', 'log', 'debug', 'trace'] as const;
let consoleRouted = false;

/**
 * Runs `handle` (one Teams request) with whatever the Bot Framework SDK prints to the console meanwhile
 * (botframework-connector prints the error of every expired or unverifiable token with console.error)
 * sent to Cairn's logger instead, reduced by `redactSdkArgs`. The console is wrapped once for the
 * process; outside a Teams request it writes as before.
 */
export function withSdkConsole<T>(logger: Logger, handle: () => Promise<T>): Promise<T> {
  if (!consoleRouted) {
    consoleRouted = true;
    for (const method of CONSOLE_METHODS) {
      const original = console[method].bind(console);
      console[method] = (...args: unknown[]) => {
        const scoped = requestScope.getStore();
        if (!scoped) return original(...args);
        scoped.warn({ source: 'teams-sdk', console: method }, redactSdkArgs(args));
      };
    }
  }
  return requestScope.run(logger, handle);
}
