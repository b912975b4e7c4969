import type { CoreDeps, Request } from './deps.js';
import { DEFAULT_LANGUAGE, type Language, languageFromLocale } from '../domain/language.js';
import type { Person } from '../domain/person.js';
import type { Actor, Place } from '../contract/events.js';
import { translator } from '../i18n/catalogue.js';

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
  const person = { ...req.person, id: req.deps.ids.newId() };
  req.deps.store.people.insert(person);
  req.person = person;
  req.stored = true;
  return person;
}
