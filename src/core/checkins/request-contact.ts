import { DateTime } from 'luxon';
import { message, text } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import type { Group } from '../domain/group.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { tellFacilitators } from '../kernel/tell-facilitators.js';

/** The group's support contacts, or the translated defaults. */
export const supportContactsText = (req: Request, group: Group): string =>
  group.supportContacts ?? req.t('care.defaultContacts');

/**
 * "I would like my facilitator to contact me": a message naming the member and nothing about any answer.
 * The button is offered in every check-in prompt too, so pressing it says nothing about how one answered.
 * At most one request per group and day reaches the facilitators.
 */
export function requestContact(req: Request, groupId: string): Reply {
  const { store, clock } = req.deps;
  const membership = req.stored ? store.memberships.get(groupId, req.person.id) : undefined;
  const group = store.groups.get(groupId);
  if (!membership || !group) return failureReply(req, 'GROUP.NOT_FOUND');
  const day = DateTime.fromJSDate(clock.now(), { zone: group.timeZone }).toISODate();
  const facilitators = store.memberships
    .listByGroup(group.id)
    .filter((m) => m.role === 'facilitator' && m.person.id !== req.person.id);
  if (facilitators.length === 0) {
    return {
      kind: 'message',
      message: message(
        req.t('care.noFacilitator'),
        text(req.t('care.noFacilitator')),
        text(supportContactsText(req, group)),
      ),
    };
  }
  store.transaction(() => {
    tellFacilitators(
      req.deps,
      group.id,
      (ft, facilitator) => ({
        id: `care:${group.id}:${req.person.id}:${day}:${facilitator.id}`,
        message: message(
          ft('care.requestFallback', { name: req.person.displayName }),
          text(ft('care.request', { name: req.person.displayName, group: group.name })),
          text(ft('care.requestNote')),
        ),
      }),
      { except: req.person.id },
    );
  });
  return { kind: 'message', message: message(req.t('care.sent')) };
}
