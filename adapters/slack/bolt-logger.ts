import { LogLevel, type Logger as SlackLogger } from '@slack/bolt';
import type { Logger } from '../../src/core/ports/logger.js';

/** Strings and error names/messages only: SDK objects (requests, bodies) never reach the log. */
function summary(args: unknown[]): string {
  return args
    .map((a) => {
      if (typeof a === 'string') return a.slice(0, 300);
      if (a instanceof Error) return `${a.name}: ${a.message.slice(0, 300)}`;
      return `[${typeof a}]`;
    })
    .join(' ');
}

/** Bolt's and the Web API client's logs, into Cairn's logger (debug is dropped: it can hold payloads). */
export function boltLogger(logger: Logger): SlackLogger {
  let level = LogLevel.INFO;
  return {
    debug() {},
    info: (...args: unknown[]) => logger.info({ source: 'slack-sdk' }, summary(args)),
    warn: (...args: unknown[]) => logger.warn({ source: 'slack-sdk' }, summary(args)),
    error: (...args: unknown[]) => logger.error({ source: 'slack-sdk' }, summary(args)),
    setLevel(next: LogLevel) {
      level = next;
    },
    getLevel: () => level,
    setName() {},
  };
}
