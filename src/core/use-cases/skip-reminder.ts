import type { Request } from '../context.js';
import { groupOfRequest } from '../domain/access.js';
import type { Reply } from '../events.js';
import { message } from '../messages/model.js';
import { failureReply } from '../replies.js';

/** "Not this time": no more case reminders for that session. */
export function skipReminder(req: Request, sessionId: string): Reply {
  const session = req.deps.store.sessions.get(sessionId);
  if (!session || !groupOfRequest(req, session.groupId).ok) return failureReply(req, 'SESSION.NOT_FOUND');
  req.deps.store.optOuts.add(session.id, req.person.id);
  return { kind: 'message', message: message(req.t('reminder.skipped')) };
}
