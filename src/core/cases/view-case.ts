import type { Request } from '../kernel/deps.js';
import type { Case } from '../domain/case.js';
import type { Reply } from '../contract/events.js';
import { message } from '../contract/message.js';
import { failureReply } from '../kernel/replies.js';
import { caseBlocks } from './case-blocks.js';

/**
 * Who may read a case: its author, the group's facilitators, and, when the author chose "whole group",
 * the group's members. Anyone else is told it does not exist.
 */
export function canRead(req: Request, c: Case): boolean {
  if (!req.stored) return false;
  if (c.authorId === req.person.id) return true;
  const membership = req.deps.store.memberships.get(c.groupId, req.person.id);
  if (!membership) return false;
  return membership.role === 'facilitator' || (c.visibility === 'group' && c.status !== 'withdrawn');
}

export function viewCase(req: Request, caseId: string): Reply {
  const c = req.deps.store.cases.get(caseId);
  if (!c || !canRead(req, c)) return failureReply(req, 'CASE.NOT_FOUND');
  const author = req.deps.store.people.get(c.authorId)?.displayName;
  return { kind: 'message', message: message(c.title, ...caseBlocks(req.t, c, author)) };
}
