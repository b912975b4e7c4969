import { heading, message, text } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { enqueueDirect, enqueueSpacePost } from '../delivery/enqueue.js';
import { aggregateReleasable, emptyTally } from '../domain/checkin.js';
import { translator } from '../i18n/catalogue.js';
import { formatDate } from '../i18n/format.js';
import { facilitatedGroups, facilitatorGroup } from '../kernel/access.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { resultBlocks } from './result-blocks.js';
import { spendRoundOperation } from './round-operations.js';
import { groupsTrend, trendMessage } from './trend-message.js';

/** A facilitator shares a released round's aggregate (the same numbers they got) with the group's space. */
export function shareCheckinResult(req: Request, roundId: string): Reply {
  const { store, clock } = req.deps;
  const round = store.checkins.getRound(roundId);
  // Someone outside the group learns nothing, not even whether the round exists.
  if (!round) return failureReply(req, 'CHECKIN.NO_RESULT');
  const access = facilitatorGroup(req, round.groupId);
  if (!access.ok)
    return failureReply(req, access.code === 'GROUP.NOT_FACILITATOR' ? access : 'CHECKIN.NO_RESULT');
  if (round.status !== 'closed' || !round.released || round.respondents === null) {
    return failureReply(req, 'CHECKIN.NO_RESULT');
  }
  const group = access.value.group;
  const gt = translator(group.language);
  const tally = store.checkins.tally(round.id);
  const shared = store.transaction(() => {
    if (!spendRoundOperation(req.deps, group.id)) return false;
    enqueueSpacePost(
      req.deps,
      `checkin:${round.id}:shared`,
      group,
      message(
        gt('checkin.sharedFallback', { group: group.name }),
        heading(
          gt('checkin.sharedTitle', {
            date: formatDate(round.closedAt ?? clock.now(), group.language, group.timeZone),
          }),
        ),
        ...resultBlocks(gt, { respondents: round.respondents!, k: round.k, tally }),
      ),
    );
    store.checkins.markShared(round.id, clock.now());
    return true;
  });
  if (!shared) return failureReply(req, 'CHECKIN.TOO_MANY_OPERATIONS');
  return { kind: 'message', message: message(req.t('checkin.sharedDone', { group: group.name })) };
}

/**
 * `/cairn checkin all`: one aggregate over the facilitator's groups, from each group's latest closed round,
 * only including groups that were releasable on their own (so any two aggregates differ by at least k).
 * The picture of those groups month by month (the same rule: only rounds releasable on their own) follows
 * in a direct message, drawn and sent through the outbox.
 */
export function aggregateAcrossGroups(req: Request): Reply {
  const { t } = req;
  const groups = facilitatedGroups(req);
  if (groups.length === 0) return failureReply(req, 'GROUP.NOT_FACILITATOR');
  const { store, clock } = req.deps;
  const { tally, respondents, included, excluded, minK } = aggregateReleasable(
    groups.map(({ group }) => {
      const latest = store.checkins.listClosed(group.id, 1)[0];
      return latest && { ...latest, tally: latest.released ? store.checkins.tally(latest.id) : emptyTally() };
    }),
  );
  const trend = groupsTrend(
    req.deps,
    groups.map(({ group }) => group),
    req.lang,
  );
  if (trend)
    store.transaction(() =>
      enqueueDirect(
        req.deps,
        `trends:all:${req.person.id}:${clock.now().getTime()}`,
        req.person,
        trendMessage(trend),
      ),
    );
  const picture = trend ? [text(t('trends.sendingGroups'))] : [];
  if (included === 0)
    return {
      kind: 'message',
      message: message(
        t('checkin.aggregateNone'),
        ...(trend ? [text(t('checkin.aggregateNone')), ...picture] : []),
      ),
    };
  return {
    kind: 'message',
    message: message(
      t('checkin.aggregateFallback'),
      heading(t('checkin.aggregateTitle', { groups: included })),
      ...(excluded > 0 ? [text(t('checkin.aggregateExcluded', { count: excluded }))] : []),
      ...resultBlocks(t, { respondents, k: minK, tally }),
      ...picture,
    ),
  };
}
