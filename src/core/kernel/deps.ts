import type { Background } from './background.js';
import type { Language } from '../domain/language.js';
import type { Person } from '../domain/person.js';
import type { Actor, Place } from '../contract/events.js';
import type { Translate } from '../i18n/catalogue.js';
import type { Platforms } from './platforms.js';
import type { Clock } from '../ports/clock.js';
import type { IdSource } from '../ports/ids.js';
import type { Logger } from '../ports/logger.js';
import type { Secrets } from '../ports/secrets.js';
import type { Store } from '../ports/store.js';

export type CoreConfig = {
  defaultLanguage: Language;
  defaultTimeZone: string;
  /** Where `/cairn privacy` points for the full document. */
  privacyUrl: string;
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
};

/** One inbound request, with the person resolved and their language chosen. */
export type Request = {
  deps: CoreDeps;
  actor: Actor;
  place: Place;
  /** The stored person, or a transient one (`stored: false`) for someone Cairn does not know yet. */
  person: Person;
  stored: boolean;
  lang: Language;
  t: Translate;
};

/** How the acting person types a sub-command on their platform: "/cairn case" or "case". */
export function commandHint(req: Request, sub: string): string {
  const { platforms } = req.deps;
  const prefix = platforms.has(req.actor.platform)
    ? platforms.get(req.actor.platform).commandPrefix
    : '/cairn ';
  return `${prefix}${sub}`.trim();
}
