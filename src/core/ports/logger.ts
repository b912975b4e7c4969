/**
 * The logger the core writes to (pino-compatible). Never pass form values, case or synthesis text,
 * or check-in answers: log ids and codes only.
 */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
