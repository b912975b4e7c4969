import { ACTION } from '../contract/ids.js';
import {
  actions,
  type Block,
  type Button,
  context,
  divider,
  heading,
  message,
  text,
} from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import type { Case } from '../domain/case.js';
import { isProposed } from '../domain/case.js';
import type { Group } from '../domain/group.js';
import { formatDateTime } from '../i18n/format.js';
import { groupsOf } from '../kernel/access.js';
import { failureReply } from '../kernel/replies.js';
import { commandHint, type Request } from '../kernel/request.js';
import { sharedPlanBlocks } from '../plans/plan-summary.js';
import { orderQueue } from '../rotation/case-order.js';
import { voteOutcome, voteResultBlocks } from '../votes/vote-outcome.js';
import { caseSummaryLine } from './case-blocks.js';
import { caseEditable } from './rules.js';

/**
 * `/cairn cases`: my cases (with edit and withdraw while allowed), the cases shared with the group for the
 * next session, and for facilitators the whole queue with the buttons to select, postpone or mark presented.
 */
export function listCases(req: Request, onlyGroupId?: string): Reply {
  const all = groupsOf(req);
  const groups = all.filter((g) => !onlyGroupId || g.group.id === onlyGroupId);
  // Asked about a group they are not in: say so, rather than "you are in no group".
  if (groups.length === 0) return failureReply(req, all.length ? 'GROUP.NOT_FOUND' : 'GROUP.NONE');
  const blocks: Block[] = [];
  for (const { group, role } of groups) {
    if (blocks.length) blocks.push(divider());
    blocks.push(heading(req.t('cases.heading', { group: group.name })));
    blocks.push(...myCases(req, group));
    blocks.push(...(role === 'facilitator' ? queue(req, group) : shared(req, group)));
    blocks.push(...sharedPlanBlocks(req, group));
  }
  return { kind: 'message', message: message(req.t('cases.fallback'), ...blocks) };
}

/** The group's cases for its next session, plus those waiting for a session to be scheduled. */
export function queueFor(
  req: Request,
  group: Group,
): { cases: Case[]; sessionStartsAt: Date | null; sessionId: string | null } {
  const { store, clock } = req.deps;
  const next = store.sessions.listUpcoming(group.id, clock.now())[0];
  // Cases of recent past sessions that were never marked stay in the queue until the facilitator decides.
  const leftOver = store.sessions
    .listPast(group.id, clock.now(), 3)
    .flatMap((s) => store.cases.listBySession(s.id))
    .filter(isProposed);
  const cases = [
    ...leftOver,
    ...(next ? store.cases.listBySession(next.id) : []),
    ...store.cases.listUnscheduled(group.id),
  ].filter((c) => c.status !== 'withdrawn');
  return { cases, sessionStartsAt: next?.startsAt ?? null, sessionId: next?.id ?? null };
}

function myCases(req: Request, group: Group): Block[] {
  const { t } = req;
  const mine = req.deps.store.cases
    .listByAuthor(req.person.id)
    .filter((c) => c.groupId === group.id && c.status !== 'withdrawn')
    .slice(0, 10);
  if (mine.length === 0) return [text(t('cases.noneMine', { command: commandHint(req, 'case') }))];
  const blocks: Block[] = [context(t('cases.mine'))];
  for (const c of mine) {
    blocks.push(text(`${caseSummaryLine(t, c)} — ${t(`case.status.${c.status}`)}`));
    const buttons: Button[] = [{ action: ACTION.caseView, label: t('cases.read'), value: c.id }];
    if (caseEditable(req.deps, c)) {
      buttons.push(
        { action: ACTION.caseEdit, label: t('cases.edit'), value: c.id },
        { action: ACTION.caseWithdraw, label: t('cases.withdraw'), value: c.id, style: 'danger' },
      );
    }
    blocks.push(actions(...buttons));
  }
  return blocks;
}

function shared(req: Request, group: Group): Block[] {
  const { t } = req;
  const { cases } = queueFor(req, group);
  const others = cases.filter((c) => c.visibility === 'group' && c.authorId !== req.person.id);
  if (others.length === 0) return [];
  const blocks: Block[] = [context(t('cases.sharedWithGroup'))];
  for (const c of others) {
    // Members see which cases the facilitator retained, never how the group voted.
    const retained = c.status === 'selected' ? ` — ${t('vote.retained')}` : '';
    blocks.push(text(`${caseSummaryLine(t, c, authorName(req, c))}${retained}`));
    blocks.push(actions({ action: ACTION.caseView, label: t('cases.read'), value: c.id }));
  }
  return blocks;
}

/** The facilitators' queue, in the suggested order, each case with the group's vote and its author's turn. */
function queue(req: Request, group: Group): Block[] {
  const { t } = req;
  const { cases: queued, sessionStartsAt, sessionId } = queueFor(req, group);
  const ordered = orderQueue(req.deps, group, queued, sessionId);
  const cases = ordered.cases;
  const blocks: Block[] = [
    context(
      sessionStartsAt
        ? t('cases.queueFor', { when: formatDateTime(sessionStartsAt, req.lang, group.timeZone) })
        : t('cases.queueNoSession'),
    ),
    ...voteResultBlocks(req.deps, t, voteOutcome(req.deps, sessionId), (d) =>
      formatDateTime(d, req.lang, group.timeZone),
    ),
  ];
  if (cases.length === 0) blocks.push(text(t('cases.queueEmpty')));
  if (cases.length > 1) blocks.push(context(t('rotation.suggestedOrder')));
  for (const c of cases) {
    blocks.push(
      text(
        `${caseSummaryLine(t, c, authorName(req, c))} — ${t(`case.status.${c.status}`)} · ${t(`case.visibility.${c.visibility}`)}`,
      ),
      context(ordered.factsLine(t, c)),
    );
    blocks.push(
      actions(
        { action: ACTION.caseView, label: t('cases.read'), value: c.id },
        { action: ACTION.caseMark, label: t('cases.select'), value: `${c.id}:selected`, style: 'primary' },
        { action: ACTION.caseMark, label: t('cases.postpone'), value: `${c.id}:postponed` },
        { action: ACTION.caseMark, label: t('cases.presented'), value: `${c.id}:presented` },
      ),
    );
  }
  return blocks;
}

const authorName = (req: Request, c: Case): string =>
  req.deps.store.people.get(c.authorId)?.displayName ?? req.t('cases.formerMember');
