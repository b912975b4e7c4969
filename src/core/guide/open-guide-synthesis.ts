import type { Reply } from '../contract/reply.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { openSynthesisForm } from '../syntheses/open-synthesis-form.js';
import { leads } from './rules.js';

/**
 * *Write the synthesis*, sent to the facilitator when a guide ends: the synthesis form, opened with the
 * guide's session and group, and the cases guided in that session as the themes.
 */
export function openGuideSynthesis(req: Request, guideId: string): Reply {
  const { store } = req.deps;
  const g = store.guides.get(guideId);
  if (!g || !req.stored || !store.memberships.get(g.groupId, req.person.id))
    return failureReply(req, 'SYNTHESIS.NOT_FOUND');
  if (!leads(req.deps, g, req.person.id)) return failureReply(req, 'GROUP.NOT_FACILITATOR');
  const titles = store.guides
    .listBySession(g.sessionId)
    .filter((other) => other.status === 'ended')
    .map((other) => store.cases.get(other.caseId)?.title)
    .filter((title): title is string => Boolean(title));
  return openSynthesisForm(req, undefined, {
    sessionId: g.sessionId,
    groupId: g.groupId,
    themes: [...new Set(titles)].join('\n'),
  });
}
