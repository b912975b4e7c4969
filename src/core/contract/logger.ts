/**
 * The logger the core writes to (pino-compatible). Never pass form values, case or synthesis text,
 * or check-in answers: log ids and codes only.
 */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  /** Whether a level is written (pino's); callers skip building costly lines nobody will read. */
  isLevelEnabled?(level: LogLevel): boolean;
}

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
