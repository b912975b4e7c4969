import { normalizeWord } from '../contract/commands.js';
import type { Reply } from '../contract/reply.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { answerOrStatus } from './checkin-status.js';
import { closeRoundNow } from './close-round.js';
import { groupForFacilitator, openRoundNow } from './open-round.js';
import { sendTrends } from './send-trends.js';
import { aggregateAcrossGroups, shareCheckinResult } from './share-result.js';

const SUB: Record<string, (req: Request) => Reply> = {
  open: (req) => openRoundNow(req),
  ouvrir: (req) => openRoundNow(req),
  close: (req) => closeRoundNow(req),
  fermer: (req) => closeRoundNow(req),
  share: (req) => shareLatest(req),
  partager: (req) => shareLatest(req),
  all: aggregateAcrossGroups,
  tous: aggregateAcrossGroups,
  groupes: aggregateAcrossGroups,
  trends: (req) => sendTrends(req),
  tendances: (req) => sendTrends(req),
};

/** `/cairn checkin [open|close|share|all|trends]`: members answer; facilitators manage rounds and results. */
export function checkinCommand(req: Request, args: string): Reply {
  const [word = ''] = args.split(/\s+/);
  const sub = normalizeWord(word);
  const handler = SUB[sub];
  return handler ? handler(req) : answerOrStatus(req);
}

/** `/cairn checkin share`: the facilitator shares the group's latest closed round, if it was released. */
function shareLatest(req: Request, groupId?: string): Reply {
  const found = groupForFacilitator(req, 'share', groupId);
  if (!found.ok) return found.reply;
  const latest = req.deps.store.checkins.listClosed(found.group.id, 1)[0];
  if (!latest?.released) return failureReply(req, 'CHECKIN.NO_RESULT');
  return shareCheckinResult(req, latest.id);
}

/** A group chosen from the buttons offered to a facilitator of several groups. */
export function manageRound(req: Request, value: string): Reply {
  const [op = '', groupId = ''] = value.split(':');
  if (!groupId) return failureReply(req, 'GROUP.NOT_FOUND');
  if (op === 'open') return openRoundNow(req, groupId);
  if (op === 'close') return closeRoundNow(req, groupId);
  if (op === 'share') return shareLatest(req, groupId);
  if (op === 'trends') return sendTrends(req, groupId);
  return failureReply(req, 'ACTION.UNKNOWN');
}
