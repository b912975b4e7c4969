import { normalizeWord } from '../commands.js';
import type { Request } from '../context.js';
import type { Reply } from '../events.js';
import { failureReply } from '../replies.js';
import { answerOrStatus } from './checkin-status.js';
import { closeRoundNow } from './close-checkin-round.js';
import { groupForFacilitator, openRoundNow } from './open-checkin-round.js';
import { aggregateAcrossGroups, shareCheckinResult } from './share-checkin-result.js';

const SUB: Record<string, (req: Request) => Reply> = {
  open: openRoundNow,
  ouvrir: openRoundNow,
  close: closeRoundNow,
  fermer: closeRoundNow,
  share: shareLatest,
  partager: shareLatest,
  all: aggregateAcrossGroups,
  tous: aggregateAcrossGroups,
  groupes: aggregateAcrossGroups,
};

/** `/cairn checkin [open|close|share|all]`: members answer; facilitators manage rounds and results. */
export function checkinCommand(req: Request, args: string): Reply {
  const [word = ''] = args.split(/\s+/);
  const sub = normalizeWord(word);
  const handler = SUB[sub];
  return handler ? handler(req) : answerOrStatus(req);
}

/** `/cairn checkin share`: the facilitator shares the group's latest closed round, if it was released. */
function shareLatest(req: Request): Reply {
  const found = groupForFacilitator(req);
  if (!found.ok) return found.reply;
  const latest = req.deps.store.checkins.listClosed(found.group.id, 1)[0];
  if (!latest?.released) return failureReply(req, 'CHECKIN.NO_RESULT');
  return shareCheckinResult(req, latest.id);
}
