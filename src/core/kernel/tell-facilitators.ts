import type { Place } from '../contract/events.js';
import type { Language } from '../contract/language.js';
import type { Message } from '../contract/message.js';
import { enqueueDirect } from '../delivery/enqueue.js';
import type { Person } from '../domain/person.js';
import { type Translate, translator } from '../i18n/catalogue.js';
import type { CoreDeps } from './deps.js';
import { languageFor } from './request.js';

export type FacilitatorMessage = {
  /** The outbox id of this facilitator's message (deterministic: the same cause is stored once). */
  id: string;
  message: Message;
};

/**
 * A direct message to each facilitator of a group, each written in their own language. Runs in the
 * caller's transaction; returns how many messages were enqueued. Each message is about the group and for a
 * facilitator: it is held while the group is suspended, and dropped if the recipient is no longer one of
 * its facilitators when it would leave (see delivery/still-wanted.ts).
 */
export function tellFacilitators(
  deps: CoreDeps,
  groupId: string,
  compose: (t: Translate, facilitator: Person, lang: Language) => FacilitatorMessage,
  options: {
    /** A facilitator who is also the cause (the author, the person asking) is not told. */
    except?: string;
    /** Facilitators for whom the message has no point. */
    skip?: (facilitator: Person) => boolean;
    /** Where the facilitator's language is read (default: their own choice, else their first group's). */
    place?: Place;
    /** Past this instant the message is useless and is dropped unsent. */
    expiresAt?: Date;
  } = {},
): number {
  let enqueued = 0;
  for (const { person, role } of deps.store.memberships.listByGroup(groupId)) {
    if (role !== 'facilitator' || person.id === options.except || options.skip?.(person)) continue;
    const lang = languageFor(deps, person, options.place);
    const { id, message } = compose(translator(lang), person, lang);
    const target = { groupId, audience: 'facilitator' as const };
    const expiry = options.expiresAt ? { expiresAt: options.expiresAt } : {};
    if (enqueueDirect(deps, id, person, message, { ...target, ...expiry })) enqueued++;
  }
  return enqueued;
}
