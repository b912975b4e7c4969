import { message, text } from '../contract/message.js';
import type { CoreDeps } from '../kernel/deps.js';
import { tellFacilitators } from '../kernel/tell-facilitators.js';

/** The outbox ids of the notices about a person: erasing them erases these too (people/forget-me.ts). */
export const unreachablePrefix = (personId: string): string => `unreachable:${personId}:`;

/**
 * An adapter cannot reach a person at all (in Teams: no 1:1 chat can be opened with them). Each
 * facilitator of their groups is told, by name, so that they can help. The adapter calls this once per
 * person (until the person is reachable again); returns the number of messages enqueued.
 */
export function reportUnreachable(deps: CoreDeps, platform: string, userRef: string): number {
  const { store, clock, platforms } = deps;
  const person = store.people.findByUserRef(platform, userRef);
  if (!person) return 0;
  const prefix = platforms.has(platform) ? platforms.get(platform).commandPrefix : '/cairn ';
  let enqueued = 0;
  store.transaction(() => {
    for (const { group } of store.memberships.listByPerson(person.id)) {
      const params = { name: person.displayName, group: group.name, help: `${prefix}help`.trim() };
      enqueued += tellFacilitators(
        deps,
        group.id,
        (t, facilitator) => ({
          id: `${unreachablePrefix(person.id)}${group.id}:${facilitator.id}:${clock.now().getTime()}`,
          message: message(
            t('delivery.unreachableFallback', params),
            text(t('delivery.unreachable', params)),
          ),
        }),
        // In the language of the group the person belongs to, unless the facilitator chose one.
        { except: person.id, place: { kind: 'space', address: group.spaceAddress } },
      );
    }
  });
  deps.logger.info({ enqueued }, 'a person Cairn cannot reach was reported to their facilitators');
  return enqueued;
}
