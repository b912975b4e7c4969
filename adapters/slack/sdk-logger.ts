import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { LogLevel as CairnLevel, Logger } from '../../src/core/contract/logger.js';
import { redactSdkArgs } from '../../src/core/contract/sdk-log-redaction.js';

/**
 * Bolt's and the Web API client's logs, into Cairn's logger. Every level is kept, debug included (Cairn's
 * LOG_LEVEL decides what is written), but each line is reduced by `redactSdkArgs`: at debug level the SDK
 * logs request bodies, acknowledgments and whole events, and none of that may reach the log.
 */
export function boltLogger(logger: Logger): SlackLogger {
  let level = LogLevel.DEBUG;
  const source = { source: 'slack-sdk' };
  // The Web API client logs every request and response at debug level: redacting lines that the level
  // then drops cost about a tenth of a command's CPU time.
  const line =
    (at: CairnLevel) =>
    (...args: unknown[]) => {
      if (logger.isLevelEnabled?.(at) === false) return;
      logger[at](source, redactSdkArgs(args));
    };
  return {
    debug: line('debug'),
    info: line('info'),
    warn: line('warn'),
    error: line('error'),
    setLevel(next: LogLevel) {
      level = next;
    },
    getLevel: () => level,
    setName() {},
  };
}
