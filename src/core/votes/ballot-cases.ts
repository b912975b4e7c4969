import { type Block, context, text } from '../contract/message.js';
import type { Case } from '../domain/case.js';
import { isProposed } from '../domain/case.js';
import type { Group } from '../domain/group.js';
import type { Session } from '../domain/session.js';
import type { BallotRound } from '../domain/vote.js';
import type { Translate } from '../i18n/catalogue.js';
import type { CoreDeps } from '../kernel/deps.js';

/**
 * The cases proposed for a session: its own, plus those waiting for a session when it is the group's next
 * one. Both visibilities: "facilitator only" cases count in "more cases than a session takes". A postponed
 * case waiting for a session goes to one after the group's present ones (cases/rules.ts sessionForWaiting):
 * it is not put to the vote for this one.
 */
export function proposedFor(deps: CoreDeps, group: Group, session: Session): Case[] {
  const { store, clock } = deps;
  const next = store.sessions.listUpcoming(group.id, clock.now())[0];
  const waiting =
    next?.id === session.id
      ? store.cases.listUnscheduled(group.id).filter((c) => c.status !== 'postponed')
      : [];
  return [...store.cases.listBySession(session.id), ...waiting].filter(isProposed).sort(byCreation);
}

/**
 * The cases a ballot offers now: those it opened with that the whole group may still read (an author may
 * have withdrawn their case, or made it "facilitator only", since), in the order they were proposed.
 */
export function ballotCases(deps: CoreDeps, round: BallotRound): Case[] {
  return deps.store.votes
    .ballotCases(round.id)
    .map((id) => deps.store.cases.get(id))
    .filter(
      (c): c is Case =>
        c !== undefined && c.groupId === round.groupId && c.visibility === 'group' && isProposed(c),
    )
    .sort(byCreation);
}

const byCreation = (a: Case, b: Case) =>
  a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id);

const EXCERPT_MAX = 160;

/** The start of a text, on one line, cut at a word within `max` characters. */
export function excerpt(text: string, max = EXCERPT_MAX): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** How a case shows on the ballot and in its form: its title, then kind, urgency and the situation's start. */
export const ballotCaseBlocks = (t: Translate, cases: readonly Case[]): Block[] =>
  cases.flatMap((c) => [
    text(c.title),
    context(
      t('vote.caseFacts', {
        kind: t(`case.kind.${c.kind}`),
        urgency: t(`case.urgency.${c.urgency}`),
        excerpt: excerpt(c.situation),
      }),
    ),
  ]);
