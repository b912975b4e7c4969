import { type DestinationStream, type Logger as PinoLogger, pino } from 'pino';

/**
 * Field names that could carry what people wrote or secrets. Cairn's own code never logs them; the
 * redaction is a second line of defence for SDK objects that might be passed along by mistake.
 */
export const REDACTED_PATHS = [
  'values',
  'text',
  'body',
  'payload',
  'message',
  'blocks',
  'answers',
  'token',
  'headers.authorization',
  'headers["x-slack-signature"]',
  '*.values',
  '*.text',
  '*.body',
  '*.payload',
  '*.blocks',
  '*.answers',
  '*.token',
  '*.botToken',
  '*.refreshToken',
  '*.situation',
  '*.state',
];

export type LoggerOptions = {
  level?: string;
  destination?: DestinationStream;
  /** Where line times come from (default: the system clock); tests pass their manual clock. */
  now?: () => Date;
};

export function createLogger(options: LoggerOptions = {}): PinoLogger {
  const now = options.now;
  return pino(
    {
      level: options.level ?? 'info',
      base: { app: 'cairn' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: now ? () => `,"time":"${now().toISOString()}"` : pino.stdTimeFunctions.isoTime,
    },
    options.destination,
  );
}
