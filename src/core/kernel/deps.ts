import type { Clock } from '../contract/clock.js';
import type { Language } from '../contract/language.js';
import type { Logger } from '../contract/logger.js';
import type { ChartRenderer } from '../ports/charts.js';
import type { IdSource } from '../ports/ids.js';
import type { Secrets } from '../ports/secrets.js';
import type { Store } from '../ports/store.js';
import type { Background } from './background.js';
import type { Platforms } from './platforms.js';

export type CoreConfig = {
  defaultLanguage: Language;
  defaultTimeZone: string;
  /** Where `/cairn privacy` points for the full document. */
  privacyUrl: string;
  /** How long a suspended group (Cairn removed from its space, tokens revoked) is kept before its purge. */
  purgeGraceDays: number;
};

export type CoreDeps = {
  store: Store;
  clock: Clock;
  ids: IdSource;
  logger: Logger;
  secrets: Secrets;
  platforms: Platforms;
  background: Background;
  config: CoreConfig;
  /** Draws charts at send time; without it a chart is sent as its text alternative. */
  charts?: ChartRenderer;
};
