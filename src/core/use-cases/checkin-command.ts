import { normalizeWord } from '../commands.js';
import type { Request } from '../context.js';
import type { Reply } from '../events.js';
import { answerOrStatus } from './checkin-status.js';
import { closeRoundNow } from './close-checkin-round.js';
import { openRoundNow } from './open-checkin-round.js';
import { aggregateAcrossGroups, shareCheckinResult } from './share-checkin-result.js';

const SUB: Record<string, (req: Request) => Reply> = {
  open: openRoundNow,
  ouvrir: openRoundNow,
  close: closeRoundNow,
  fermer: closeRoundNow,
  all: aggregateAcrossGroups,
  tous: aggregateAcrossGroups,
  groupes: aggregateAcrossGroups,
};

/** `/cairn checkin [open|close|share|all]`: members answer; facilitators manage rounds and results. */
export function checkinCommand(req: Request, args: string): Reply {
  const [word = ''] = args.split(/\s+/);
  const sub = normalizeWord(word);
  if (sub === 'share' || sub === 'partager') {
    const group =
      req.place.kind === 'space' ? req.deps.store.groups.findBySpace(req.place.address) : undefined;
    const candidates = group
      ? [group.id]
      : req.deps.store.memberships.listByPerson(req.person.id).map((g) => g.group.id);
    const latest = candidates
      .map((id) => req.deps.store.checkins.listClosed(id, 1)[0])
      .find(
        (r) =>
          r?.released && req.deps.store.memberships.get(r.groupId, req.person.id)?.role === 'facilitator',
      );
    return shareCheckinResult(req, latest?.id ?? '');
  }
  const handler = SUB[sub];
  return handler ? handler(req) : answerOrStatus(req);
}
