import type { Actor, Place } from '../contract/events.js';
import { DEFAULT_LANGUAGE, type Language, languageFromLocale } from '../contract/language.js';
import type { Person } from '../domain/person.js';
import { type Translate, translator } from '../i18n/catalogue.js';
import type { CoreDeps } from './deps.js';

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

/** Resolves who is acting and in which language to answer them. */
export function resolveRequest(
  deps: CoreDeps,
  actor: Actor,
  place: Place,
  options: { readOnly?: boolean } = {},
): Request {
  const { store, clock } = deps;
  let person = store.people.findByUserRef(actor.platform, actor.userRef);
  let stored = true;
  if (person && !options.readOnly && actor.displayName && person.displayName !== actor.displayName) {
    person = { ...person, displayName: actor.displayName };
    store.people.update(person);
  }
  if (!person) {
    stored = false;
    person = {
      id: '',
      platform: actor.platform,
      workspace: actor.workspace,
      userRef: actor.userRef,
      displayName: actor.displayName,
      language: null,
      pausedUntil: null,
      createdAt: clock.now(),
    };
  }
  const lang = languageFor(deps, person, place, actor.locale);
  return { deps, actor, place, person, stored, lang, t: translator(lang) };
}

/** The person's own choice, else the group of the space they are in, else their first group, else their locale. */
export function languageFor(deps: CoreDeps, person: Person, place?: Place, locale?: string): Language {
  if (person.language) return person.language;
  if (place?.kind === 'space') {
    const group = deps.store.groups.findBySpace(place.address);
    if (group) return group.language;
  }
  if (person.id) {
    const first = deps.store.memberships.listByPerson(person.id)[0];
    if (first) return first.group.language;
  }
  return languageFromLocale(locale) ?? deps.config.defaultLanguage ?? DEFAULT_LANGUAGE;
}

/** Stores the acting person if Cairn did not know them yet, and returns the stored person. */
export function ensureStored(req: Request): Person {
  if (req.stored) return req.person;
  // Stored meanwhile by another request of the same person (on another instance, with PostgreSQL).
  const existing = req.deps.store.people.findByUserRef(req.person.platform, req.person.userRef);
  if (existing) {
    req.person = existing;
    req.stored = true;
    return existing;
  }
  const person = { ...req.person, id: req.deps.ids.newId() };
  req.deps.store.people.insert(person);
  req.person = person;
  req.stored = true;
  return person;
}
