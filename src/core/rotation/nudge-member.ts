import { ACTION } from '../contract/ids.js';
import { actions, context, heading, message, text } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { enqueueDirect } from '../delivery/enqueue.js';
import { translator } from '../i18n/catalogue.js';
import { formatDateTime, isoDate } from '../i18n/format.js';
import { facilitatorGroup } from '../kernel/access.js';
import { failureReply } from '../kernel/replies.js';
import { languageFor, type Request } from '../kernel/request.js';

/**
 * The rotation's private nudge: a kind invitation to bring a case, sent to one member as a direct message
 * in their language (once a day at most). Nobody else is told; the group never sees who was invited.
 */
export function nudgeMember(req: Request, value: string): Reply {
  const [groupId = '', personId = ''] = value.split(':');
  const access = facilitatorGroup(req, groupId);
  if (!access.ok) return failureReply(req, access);
  const group = access.value.group;
  const { store, clock } = req.deps;
  const membership = store.memberships.get(group.id, personId);
  const person = store.people.get(personId);
  if (membership?.role !== 'member' || !person) return failureReply(req, 'ROTATION.NOT_MEMBER');
  const lang = languageFor(req.deps, person);
  const t = translator(lang);
  const next = store.sessions.listUpcoming(group.id, clock.now())[0];
  const body = [
    heading(t('nudge.title', { group: group.name })),
    text(t('nudge.body', { facilitator: req.person.displayName, group: group.name })),
  ];
  if (next) body.push(text(t('nudge.when', { when: formatDateTime(next.startsAt, lang, group.timeZone) })));
  const msg = message(
    t('nudge.fallback', { group: group.name }),
    ...body,
    actions({
      action: ACTION.caseOpen,
      label: t('reminder.submit'),
      value: next?.id ?? '',
      style: 'primary',
    }),
    context(t('nudge.private')),
  );
  const id = `nudge:${group.id}:${person.id}:${isoDate(clock.now(), group.timeZone)}`;
  const sent = store.transaction(() =>
    enqueueDirect(req.deps, id, person, msg, { groupId: group.id, audience: 'member' }),
  );
  if (sent) req.deps.logger.info({ groupId: group.id }, 'member invited to bring a case');
  const name = person.displayName;
  return {
    kind: 'message',
    message: message(sent ? req.t('nudge.sent', { name }) : req.t('nudge.already', { name })),
  };
}
