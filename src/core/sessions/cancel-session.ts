import { sessionAfter } from '../cases/rules.js';
import { message } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { enqueueSpacePost } from '../delivery/enqueue.js';
import { translator } from '../i18n/catalogue.js';
import { formatDateTime } from '../i18n/format.js';
import { facilitatorGroup } from '../kernel/access.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { sessionChangeRefusal } from './rules.js';
import { attachUnscheduledCases } from './submit-session.js';

/** Cancels a scheduled session: its reminders stop and the group's space is told. */
export function cancelSession(req: Request, sessionId: string): Reply {
  const { store, clock } = req.deps;
  const session = store.sessions.get(sessionId);
  if (session?.status !== 'scheduled') return failureReply(req, 'SESSION.NOT_FOUND');
  const access = facilitatorGroup(req, session.groupId);
  if (!access.ok) return failureReply(req, access);
  const refusal = sessionChangeRefusal(req.deps, session);
  if (refusal) return failureReply(req, refusal);
  const group = access.value.group;
  const gt = translator(group.language);
  store.transaction(() => {
    store.sessions.update({ ...session, status: 'cancelled' });
    // Open cases wait for the next session rather than disappear with this one; those postponed to it, for
    // a session after it.
    for (const c of store.cases.listBySession(session.id)) {
      if (c.status === 'withdrawn' || c.status === 'presented') continue;
      const after = c.status === 'postponed' ? sessionAfter(req.deps, group.id, session) : undefined;
      store.cases.update({ ...c, sessionId: after?.id ?? null, updatedAt: clock.now() });
    }
    attachUnscheduledCases(req.deps, group);
    const when = formatDateTime(session.startsAt, group.language, group.timeZone);
    enqueueSpacePost(
      req.deps,
      `session-cancelled:${session.id}`,
      group,
      message(gt('sessions.cancelledNotice', { when })),
    );
  });
  const when = formatDateTime(session.startsAt, req.lang, group.timeZone);
  return { kind: 'message', message: message(req.t('sessions.cancelled', { when })) };
}
