import type { Reply } from '../contract/reply.js';
import { enqueueDirect } from '../delivery/enqueue.js';
import { failureReply, privateText } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { groupForFacilitator } from './open-round.js';
import { groupTrend, trendMessage } from './trend-message.js';

/**
 * `/cairn checkin trends` (`tendances`): a facilitator asks for the picture of their group's released
 * check-ins. The reply comes at once, inside the platform's window; the picture is drawn and sent through
 * the outbox, to their direct conversation. A member, someone outside the group, or a group with no
 * released round yet gets a message saying so, and nothing is sent.
 */
export function sendTrends(req: Request, groupId?: string): Reply {
  const found = groupForFacilitator(req, 'trends', groupId);
  if (!found.ok) return found.reply;
  const { group } = found;
  const { store, clock } = req.deps;
  const trend = groupTrend(req.deps, group, req.lang);
  if (!trend) return failureReply(req, 'TRENDS.NONE_RELEASED');
  store.transaction(() =>
    enqueueDirect(
      req.deps,
      `trends:${group.id}:${req.person.id}:${clock.now().getTime()}`,
      req.person,
      trendMessage(trend),
      { groupId: group.id, audience: 'facilitator' },
    ),
  );
  return privateText(req.t('trends.sending', { group: group.name }));
}
