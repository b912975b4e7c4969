import type { CoreDeps } from '../kernel/deps.js';
import { enqueueDirect } from '../delivery/enqueue.js';
import { translator } from '../i18n/catalogue.js';
import { message, text } from '../contract/message.js';
import { languageFor } from '../kernel/request.js';

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
      for (const { person: facilitator, role } of store.memberships.listByGroup(group.id)) {
        if (role !== 'facilitator' || facilitator.id === person.id) continue;
        const place = { kind: 'space' as const, address: group.spaceAddress };
        const t = translator(languageFor(deps, facilitator, place));
        const params = { name: person.displayName, group: group.name, help: `${prefix}help`.trim() };
        const msg = message(
          t('delivery.unreachableFallback', params),
          text(t('delivery.unreachable', params)),
        );
        const id = `unreachable:${person.id}:${group.id}:${facilitator.id}:${clock.now().getTime()}`;
        if (enqueueDirect(deps, id, facilitator, msg)) enqueued++;
      }
    }
  });
  deps.logger.info({ enqueued }, 'a person Cairn cannot reach was reported to their facilitators');
  return enqueued;
}
