import { message } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { caseBlocks } from './case-blocks.js';
import { canRead } from './rules.js';

export function viewCase(req: Request, caseId: string): Reply {
  const c = req.deps.store.cases.get(caseId);
  if (!c || !canRead(req, c)) return failureReply(req, 'CASE.NOT_FOUND');
  const author = req.deps.store.people.get(c.authorId)?.displayName;
  return { kind: 'message', message: message(c.title, ...caseBlocks(req.t, c, author)) };
}
