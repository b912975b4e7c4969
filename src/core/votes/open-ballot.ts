import { ACTION } from '../contract/ids.js';
import type { Language } from '../contract/language.js';
import { actions, type Block, context, heading, type Message, message, text } from '../contract/message.js';
import { enqueueDirect } from '../delivery/enqueue.js';
import type { Case } from '../domain/case.js';
import type { Group } from '../domain/group.js';
import type { Session } from '../domain/session.js';
import { type BallotRound, ballotClosesAt, ballotOpensAt, MIN_VOTERS } from '../domain/vote.js';
import { translator } from '../i18n/catalogue.js';
import { formatDateTime, isoDate } from '../i18n/format.js';
import type { CoreDeps } from '../kernel/deps.js';
import { languageFor } from '../kernel/request.js';
import { ballotCaseBlocks, proposedFor } from './ballot-cases.js';

/** Keyed by the session's local day too: a session moved to another day may get its ballot. */
export const ballotKey = (session: Session, zone: string): string =>
  `ballot-open:${session.id}:${isoDate(session.startsAt, zone)}`;

/** A ballot with less than this left before it closes is not worth opening (Cairn was down). */
const MIN_OPEN_MS = 12 * 3_600_000;
/** Sessions looked at: those whose ballot may be due (3 days before, 09:00, whatever the zone). */
const HORIZON_MS = 5 * 86_400_000;

/**
 * Three days before each session at 09:00 group time: when the group votes and more cases are proposed
 * than the session takes, every member gets the same ballot. Each session's decision is an occurrence
 * recorded under a unique key in the same transaction as the ballot and its messages.
 */
export function openDueBallots(deps: CoreDeps, now: Date): number {
  const { store } = deps;
  let opened = 0;
  const sessions = store.sessions.listStartingBetween(
    new Date(now.getTime() + 1),
    new Date(now.getTime() + HORIZON_MS),
  );
  for (const session of sessions) {
    const group = store.groups.get(session.groupId);
    if (!group) continue;
    const key = ballotKey(session, group.timeZone);
    if (ballotOpensAt(session.startsAt, group.timeZone) > now || store.occurrences.has(key)) continue;
    store.transaction(() => {
      const round = ballotPlan(deps, group, session, now);
      if (!store.occurrences.tryRecord(key, now, round ? 'done' : 'skipped') || !round) return;
      openBallot(deps, group, session, round);
      opened++;
    });
  }
  return opened;
}

type Plan = {
  visible: Case[];
  hidden: number;
  proposed: number;
  perSession: number;
  closesAt: Date;
  maxChoices: number;
};

/**
 * The ballot that opens for the session at `now`, if one does: the group votes, more cases are proposed
 * than the session takes, at least two of them for the whole group, and there is time left to vote.
 */
export function ballotPlan(deps: CoreDeps, group: Group, session: Session, now: Date): Plan | null {
  const settings = deps.store.caseChoice.settingsOf(group.id);
  const closesAt = ballotClosesAt(session.startsAt, group.timeZone);
  if (!settings.voteWhenMore || closesAt.getTime() - now.getTime() < MIN_OPEN_MS) return null;
  if (deps.store.votes.roundOfSession(session.id)?.status === 'open') return null;
  const proposed = proposedFor(deps, group, session);
  const visible = proposed.filter((c) => c.visibility === 'group');
  if (proposed.length <= settings.casesPerSession || visible.length < 2) return null;
  return {
    visible,
    hidden: proposed.length - visible.length,
    proposed: proposed.length,
    perSession: settings.casesPerSession,
    closesAt,
    // Up to the cases a session takes, and never more than the ballot offers.
    maxChoices: Math.min(settings.casesPerSession, visible.length),
  };
}

/** Creates the round with a counter per visible case, and enqueues the ballot to every member. */
function openBallot(deps: CoreDeps, group: Group, session: Session, plan: Plan): BallotRound {
  const round: BallotRound = {
    id: deps.ids.newId(),
    groupId: group.id,
    sessionId: session.id,
    status: 'open',
    maxChoices: plan.maxChoices,
    hiddenCases: plan.hidden,
    openedAt: deps.clock.now(),
    closesAt: plan.closesAt,
    closedAt: null,
    voters: null,
    released: false,
  };
  deps.store.votes.insertRound(
    round,
    plan.visible.map((c) => c.id),
  );
  // Everyone reading the same language gets the same message, rendered once.
  const messages = new Map<Language, Message>();
  for (const { person, role } of deps.store.memberships.listByGroup(group.id)) {
    if (role !== 'member') continue;
    const lang = languageFor(deps, person);
    let msg = messages.get(lang);
    if (!msg) {
      msg = ballotMessage(group, session, round, plan, lang);
      messages.set(lang, msg);
    }
    enqueueDirect(deps, `ballot:${round.id}:${person.id}`, person, msg, {
      groupId: group.id,
      audience: 'member',
      expiresAt: round.closesAt,
    });
  }
  deps.logger.info({ groupId: group.id, roundId: round.id, cases: plan.visible.length }, 'ballot opened');
  return round;
}

/** The ballot: the cases the group may read (title, kind, urgency, the start of the situation), one button. */
export function ballotMessage(
  group: Group,
  session: Session,
  round: BallotRound,
  plan: Plan,
  lang: Language,
) {
  const t = translator(lang);
  const blocks: Block[] = [
    heading(t('vote.ballotTitle', { group: group.name })),
    text(
      t('vote.ballotIntro', {
        when: formatDateTime(session.startsAt, lang, group.timeZone),
        proposed: plan.proposed,
        perSession: plan.perSession,
        max: round.maxChoices,
      }),
    ),
  ];
  blocks.push(...ballotCaseBlocks(t, plan.visible));
  if (plan.hidden > 0) blocks.push(text(t('vote.hiddenCases', { count: plan.hidden })));
  blocks.push(
    actions({ action: ACTION.voteOpen, label: t('vote.button'), value: round.id, style: 'primary' }),
    context(
      t('vote.anonymityNote', {
        until: formatDateTime(round.closesAt, lang, group.timeZone),
        min: MIN_VOTERS,
      }),
    ),
  );
  return message(t('vote.ballotFallback', { group: group.name }), ...blocks);
}
