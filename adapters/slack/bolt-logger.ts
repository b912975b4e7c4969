import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../../src/core/ports/logger.js';
import { redactSdkArgs } from '../../src/sdk-log.js';

/**
 * Bolt's and the Web API client's logs, into Cairn's logger. Every level is kept, debug included (Cairn's
 * LOG_LEVEL decides what is written), but each line is reduced by `redactSdkArgs`: at debug level the SDK
 * logs request bodies, acknowledgments and whole events, and none of that may reach the log.
 */
export function boltLogger(logger: Logger): SlackLogger {
  let level = LogLevel.DEBUG;
  const source = { source: 'slack-sdk' };
  return {
    debug: (...args: unknown[]) => logger.debug(source, redactSdkArgs(args)),
    info: (...args: unknown[]) => logger.info(source, redactSdkArgs(args)),
    warn: (...args: unknown[]) => logger.warn(source, redactSdkArgs(args)),
    error: (...args: unknown[]) => logger.error(source, redactSdkArgs(args)),
    setLevel(next: LogLevel) {
      level = next;
    },
    getLevel: () => level,
    setName() {},
  };
}
