import { message } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { groupOfRequest } from '../kernel/access.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';

/** "Not this time": no more case reminders for that session. */
export function skipReminder(req: Request, sessionId: string): Reply {
  const session = req.deps.store.sessions.get(sessionId);
  if (!session || !groupOfRequest(req, session.groupId).ok) return failureReply(req, 'SESSION.NOT_FOUND');
  req.deps.store.optOuts.add(session.id, req.person.id);
  return { kind: 'message', message: message(req.t('reminder.skipped')) };
}
