import { message } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { planBlocks } from '../plans/plan-blocks.js';
import { canReadPlan } from '../plans/rules.js';
import { caseBlocks } from './case-blocks.js';
import { canRead } from './rules.js';

export function viewCase(req: Request, caseId: string): Reply {
  const c = req.deps.store.cases.get(caseId);
  if (!c || !canRead(req, c)) return failureReply(req, 'CASE.NOT_FOUND');
  const { store } = req.deps;
  const author = store.people.get(c.authorId)?.displayName;
  const blocks = caseBlocks(req.t, c, author);
  // Its action plan, for those its author let read it.
  const plan = store.plans.getByCase(c.id);
  const zone = store.groups.get(c.groupId)?.timeZone;
  if (plan && zone && canReadPlan(req, plan)) blocks.push(...planBlocks(req.t, plan, req.lang, zone));
  return { kind: 'message', message: message(c.title, ...blocks) };
}
