import { ACTION } from '../contract/ids.js';
import { actions, context, divider, heading, message, text } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { enqueueDirect } from '../delivery/enqueue.js';
import type { CheckinRound } from '../domain/checkin.js';
import type { Group } from '../domain/group.js';
import type { Session } from '../domain/session.js';
import { atLocalTime, localDay } from '../domain/times.js';
import { translator } from '../i18n/catalogue.js';
import { formatDateTime } from '../i18n/format.js';
import { facilitatedGroups, facilitatorGroup, groupOfRequest } from '../kernel/access.js';
import type { CoreDeps } from '../kernel/deps.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { languageFor } from '../kernel/request.js';
import { takeawayBlocks } from '../notes/prompt-takeaway.js';
import { spendRoundOperation } from './round-operations.js';

/** Without a next session, a round stays open this many days. */
const DEFAULT_ROUND_DAYS = 7;

/**
 * Opens a round (inside the caller's transaction): k is copied from the group and frozen, every tally
 * cell is created at zero, and every member gets the same prompt.
 */
export function openRound(
  deps: CoreDeps,
  group: Group,
  source: CheckinRound['source'],
  closesAt: Date,
  afterSessionId: string | null,
  takeawayFor: Session | null = null,
): CheckinRound {
  const round: CheckinRound = {
    id: deps.ids.newId(),
    groupId: group.id,
    status: 'open',
    source,
    afterSessionId,
    k: group.checkinK,
    openedAt: deps.clock.now(),
    closesAt,
    closedAt: null,
    respondents: null,
    released: false,
    sharedAt: null,
  };
  deps.store.checkins.insertRound(round);
  promptMembers(deps, group, round, 'open', takeawayFor);
  deps.logger.info({ groupId: group.id, roundId: round.id, source }, 'check-in round opened');
  return round;
}

/**
 * The same message to every member (the opening prompt or the halfway reminder). The opening after a
 * session may carry the takeaway question: the same for everyone too, and unrelated to any answer.
 */
export function promptMembers(
  deps: CoreDeps,
  group: Group,
  round: CheckinRound,
  kind: 'open' | 'halfway',
  takeawayFor: Session | null = null,
): void {
  for (const { person, role } of deps.store.memberships.listByGroup(group.id)) {
    if (role !== 'member') continue;
    const lang = languageFor(deps, person);
    const t = translator(lang);
    const until = formatDateTime(round.closesAt, lang, group.timeZone);
    const msg = message(
      kind === 'open'
        ? t('checkin.promptFallback', { group: group.name })
        : t('checkin.halfwayFallback', { group: group.name }),
      heading(t('checkin.promptTitle', { group: group.name })),
      text(kind === 'open' ? t('checkin.promptBody', { until }) : t('checkin.halfwayBody', { until })),
      actions(
        { action: ACTION.checkinOpen, label: t('checkin.answer'), value: round.id, style: 'primary' },
        { action: ACTION.careContact, label: t('care.button'), value: group.id },
      ),
      context(t('checkin.anonymityNote', { k: round.k })),
      ...(takeawayFor ? [divider(), ...takeawayBlocks(t, lang, group, takeawayFor)] : []),
    );
    // Useless once the round has closed (closing also deletes those still waiting).
    const options = { groupId: group.id, audience: 'member' as const, expiresAt: round.closesAt };
    enqueueDirect(deps, `checkin:${round.id}:${kind}:${person.id}`, person, msg, options);
  }
}

/** When a round opened now should close: two days before the next session at 18:00, else in a week. */
export function defaultCloseTime(deps: CoreDeps, group: Group, from: Date): Date {
  const next = deps.store.sessions.listUpcoming(group.id, from)[0];
  const zone = group.timeZone;
  if (next) {
    const close = atLocalTime(localDay(next.startsAt, zone, -2), '18:00', zone);
    if (close.getTime() - from.getTime() >= 86_400_000) return close;
  }
  return atLocalTime(localDay(from, zone, DEFAULT_ROUND_DAYS), '18:00', zone);
}

/** `/cairn checkin open`: a facilitator opens a round now. */
export function openRoundNow(req: Request, groupId?: string): Reply {
  const found = groupForFacilitator(req, 'open', groupId);
  if (!found.ok) return found.reply;
  const group = found.group;
  const { store, clock } = req.deps;
  const round = store.transaction(() => {
    if (store.checkins.openRoundOf(group.id)) return 'CHECKIN.ALREADY_OPEN' as const;
    if (!spendRoundOperation(req.deps, group.id)) return 'CHECKIN.TOO_MANY_OPERATIONS' as const;
    return openRound(req.deps, group, 'facilitator', defaultCloseTime(req.deps, group, clock.now()), null);
  });
  if (typeof round === 'string') return failureReply(req, round);
  const until = formatDateTime(round.closesAt, req.lang, group.timeZone);
  return {
    kind: 'message',
    message: message(req.t('checkin.opened', { group: group.name, until, k: round.k })),
  };
}

/** The group a facilitator command is about: the space's group, or their only facilitated group. */
export function groupForFacilitator(
  req: Request,
  op: RoundOperation,
  groupId?: string,
): { ok: true; group: Group } | { ok: false; reply: Reply } {
  const found = groupOfRequest(req, groupId);
  if (!found.ok) {
    if (found.code === 'GROUP.CHOOSE') {
      const mine = facilitatedGroups(req);
      if (mine.length === 1) return { ok: true, group: mine[0]!.group };
      if (mine.length > 1)
        return {
          ok: false,
          reply: chooseGroup(
            req,
            op,
            mine.map((g) => g.group),
          ),
        };
    }
    return { ok: false, reply: failureReply(req, found) };
  }
  const access = facilitatorGroup(req, found.value.group.id);
  if (!access.ok) return { ok: false, reply: failureReply(req, access) };
  return { ok: true, group: access.value.group };
}

export type RoundOperation = 'open' | 'close' | 'share' | 'trends';

/** A facilitator of several groups, in a direct conversation: one button per group. */
function chooseGroup(req: Request, op: RoundOperation, groups: Group[]): Reply {
  const buttons = groups.map((g) => ({
    action: ACTION.checkinManage,
    label: g.name,
    value: `${op}:${g.id}`,
  }));
  return {
    kind: 'message',
    message: message(
      req.t('checkin.chooseGroupFor'),
      text(req.t('checkin.chooseGroupFor')),
      actions(...buttons),
    ),
  };
}
