import type { Language } from '../contract/language.js';
import type { CoreDeps } from '../kernel/deps.js';
import { languageFor } from '../kernel/request.js';

export type DirectoryPerson = {
  displayName: string;
  /** Facilitator of at least one group, else member of one, else null. */
  role: 'facilitator' | 'member' | null;
  language: Language;
  /** The time zone of their first group, else the default. */
  timeZone: string;
};

/**
 * Who is who, for an adapter that draws the conversations itself (the playground has no platform to ask
 * for names, roles and spaces). Read-only; nothing a person wrote.
 */
export type Directory = {
  person(platform: string, userRef: string): DirectoryPerson | undefined;
  /** The language and zone shown to someone Cairn does not know yet. */
  defaults: { language: Language; timeZone: string };
  /** The name of the group set up in a space. */
  spaceName(address: string): string | undefined;
  people(platform: string, workspace: string): { userRef: string; displayName: string }[];
  spaces(platform: string, workspace: string): { address: string; memberRefs: string[] }[];
  /** No group at all, and nobody of this workspace: a demo can be seeded without colliding. */
  isEmpty(platform: string, workspace: string): boolean;
};

export function directoryOf(deps: CoreDeps): Directory {
  const { store, config } = deps;
  return {
    person(platform, userRef) {
      const person = store.people.findByUserRef(platform, userRef);
      if (!person) return undefined;
      const groups = store.memberships.listByPerson(person.id);
      const roles = groups.map((g) => g.role);
      return {
        displayName: person.displayName,
        role: roles.includes('facilitator') ? 'facilitator' : roles.length ? 'member' : null,
        language: languageFor(deps, person),
        timeZone: groups[0]?.group.timeZone ?? config.defaultTimeZone,
      };
    },
    defaults: { language: config.defaultLanguage, timeZone: config.defaultTimeZone },
    spaceName: (address) => store.groups.findBySpace(address)?.name,
    people: (platform, workspace) =>
      store.people
        .listByWorkspace(platform, workspace)
        .map((p) => ({ userRef: p.userRef, displayName: p.displayName })),
    spaces: (platform, workspace) =>
      store.groups.listByWorkspace(platform, workspace).map((g) => ({
        address: g.spaceAddress,
        memberRefs: store.memberships.listByGroup(g.id).map((m) => m.person.userRef),
      })),
    isEmpty: (platform, workspace) =>
      store.groups.listAll().length === 0 && store.people.listByWorkspace(platform, workspace).length === 0,
  };
}
