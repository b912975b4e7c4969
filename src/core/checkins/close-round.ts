import { ACTION } from '../contract/ids.js';
import type { Language } from '../contract/language.js';
import { actions, heading, message } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { type CheckinRound, isReleasable, type Tally } from '../domain/checkin.js';
import type { Group } from '../domain/group.js';
import { formatDate } from '../i18n/format.js';
import type { CoreDeps } from '../kernel/deps.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { tellFacilitators } from '../kernel/tell-facilitators.js';
import { groupForFacilitator } from './open-round.js';
import { belowThresholdMessage, resultBlocks } from './result-blocks.js';
import { spendRoundOperation } from './round-operations.js';
import { groupTrend, trendMessage } from './trend-message.js';
import type { TrendChart } from './trends/trend-chart.js';

/**
 * Closes a round: counts respondents, decides release (respondents >= the round's k), deletes every
 * participation token, and sends the facilitators the result or the "fewer than k" notice. The deleted tokens
 * are zeroed in place (secure_delete) and the WAL is checkpointed and truncated (as soon as no other
 * connection reads it), so no token survives anywhere in the files; the file is rewritten later, off the
 * request path (store.requestWipe).
 */
export function closeRound(deps: CoreDeps, roundId: string): boolean {
  const { store, clock } = deps;
  const closed = store.transaction(() => {
    const round = store.checkins.getRound(roundId);
    if (round?.status !== 'open') return false;
    const group = store.groups.get(round.groupId);
    if (!group) return false;
    const tally = store.checkins.tally(round.id);
    const respondents = tally.overall.reduce((a, b) => a + b, 0);
    const released = isReleasable(respondents, round.k);
    // Below k nothing computed from the few answers is kept: neither the count nor the counters.
    if (!store.checkins.close(round.id, clock.now(), released ? respondents : null, released)) return false;
    store.checkins.deleteParticipation(round.id);
    // Invitations still waiting to be sent (a platform outage, a round closed at once) would now only lead
    // to "this check-in is closed".
    store.outbox.deleteByIdPrefix(`checkin:${round.id}:open:`);
    store.outbox.deleteByIdPrefix(`checkin:${round.id}:halfway:`);
    if (!released) store.checkins.deleteTally(round.id);
    const previous = released ? previousReleased(deps, round) : undefined;
    tellFacilitators(deps, group.id, (t, facilitator, lang) => {
      const msg = released
        ? message(
            t('checkin.resultFallback', { group: group.name }),
            heading(
              t('checkin.resultTitle', {
                group: group.name,
                date: formatDate(clock.now(), lang, group.timeZone),
              }),
            ),
            ...resultBlocks(t, { respondents, k: round.k, tally, previous }),
            actions({ action: ACTION.checkinShare, label: t('checkin.share'), value: round.id }),
          )
        : belowThresholdMessage(t, group.name, round.k);
      return { id: `checkin:${round.id}:result:${facilitator.id}`, message: msg };
    });
    if (released) sendTrendToFacilitators(deps, round.id, group);
    return true;
  });
  if (closed) {
    store.checkpoint();
    store.requestWipe(clock.now());
    deps.logger.info({ roundId }, 'check-in round closed');
  }
  return closed;
}

/**
 * With a released result, each facilitator also gets the picture of the group's released rounds so far
 * (this one included), as its own message right after the result: the outbox draws it when it sends it,
 * and a drawing or an upload that fails never holds the result back. In the caller's transaction.
 */
function sendTrendToFacilitators(deps: CoreDeps, roundId: string, group: Group): void {
  // The same rounds in every language: none released means no picture for anyone (not expected here,
  // the round just released is one of them, but nothing is sent on an assumption).
  const inGroupLanguage = groupTrend(deps, group, group.language);
  if (!inGroupLanguage) return;
  const byLanguage = new Map<Language, TrendChart | undefined>([[group.language, inGroupLanguage]]);
  tellFacilitators(deps, group.id, (_t, facilitator, lang) => {
    if (!byLanguage.has(lang)) byLanguage.set(lang, groupTrend(deps, group, lang));
    const trend = byLanguage.get(lang) ?? inGroupLanguage;
    return { id: `checkin:${roundId}:trend:${facilitator.id}`, message: trendMessage(trend) };
  });
}

/** The tally of the group's latest released round closed before this one, for the "change since" line. */
function previousReleased(deps: CoreDeps, round: CheckinRound): Tally | undefined {
  const earlier = deps.store.checkins
    .listClosed(round.groupId, 20)
    .find(
      (r) => r.id !== round.id && r.released && (r.closedAt?.getTime() ?? 0) <= deps.clock.now().getTime(),
    );
  return earlier ? deps.store.checkins.tally(earlier.id) : undefined;
}

/** `/cairn checkin close`: a facilitator closes the group's open round now. */
export function closeRoundNow(req: Request, groupId?: string): Reply {
  const found = groupForFacilitator(req, 'close', groupId);
  if (!found.ok) return found.reply;
  const { store } = req.deps;
  const round = store.checkins.openRoundOf(found.group.id);
  if (!round) return failureReply(req, 'CHECKIN.NOT_FOUND');
  if (!store.transaction(() => spendRoundOperation(req.deps, found.group.id)))
    return failureReply(req, 'CHECKIN.TOO_MANY_OPERATIONS');
  if (!closeRound(req.deps, round.id)) return failureReply(req, 'CHECKIN.NOT_FOUND');
  return { kind: 'message', message: message(req.t('checkin.closed', { group: found.group.name })) };
}
