import { caseSummaryLine } from '../cases/case-blocks.js';
import { queueFor } from '../cases/list-cases.js';
import { caseEditable } from '../cases/rules.js';
import { ACTION } from '../contract/ids.js';
import { actions, type Block, context, divider, heading, message, text } from '../contract/message.js';
import { formatDate, formatDateTime } from '../i18n/format.js';
import { groupsOf } from '../kernel/access.js';
import type { Request } from '../kernel/request.js';
import { notebookBlocks } from '../notes/notebook-summary.js';
import { myPlanBlocks } from '../plans/plan-summary.js';

/**
 * A person's home (Slack App Home, the playground's side panel): their groups and next sessions, their
 * cases with edit and withdraw, their action plan and its date, their notebook (a count, never a note),
 * their pause; for facilitators the queue and their shortcuts.
 */
export function buildHome(req: Request) {
  const { t, deps } = req;
  const now = deps.clock.now();
  const groups = groupsOf(req);
  const blocks: Block[] = [heading(t('home.title'))];
  if (groups.length === 0) blocks.push(text(t('home.noGroup')));
  for (const { group, role } of groups) {
    blocks.push(divider(), heading(group.name));
    const next = deps.store.sessions.listUpcoming(group.id, now)[0];
    blocks.push(
      text(
        next
          ? t('home.nextSession', {
              when: formatDateTime(next.startsAt, req.lang, group.timeZone),
              place: next.place,
            })
          : t('home.noSession'),
      ),
    );
    const mine = deps.store.cases
      .listByAuthor(req.person.id)
      .filter((c) => c.groupId === group.id && caseEditable(deps, c));
    blocks.push(context(t('home.myCases')));
    if (mine.length === 0) blocks.push(text(t('home.noCase')));
    for (const c of mine) {
      blocks.push(
        text(caseSummaryLine(t, c)),
        actions(
          { action: ACTION.caseEdit, label: t('cases.edit'), value: c.id },
          { action: ACTION.caseWithdraw, label: t('cases.withdraw'), value: c.id, style: 'danger' },
        ),
      );
    }
    const buttons = [
      {
        action: ACTION.caseOpen,
        label: t('reminder.submit'),
        value: next?.id ?? '',
        style: 'primary' as const,
      },
    ];
    blocks.push(actions(...buttons));
    blocks.push(...myPlanBlocks(req, group));
    blocks.push(...checkinSection(req, group.id, group.timeZone, role));
    blocks.push(...voteSection(req, group.id, group.timeZone, role));
    if (role === 'facilitator') {
      const { cases } = queueFor(req, group);
      blocks.push(context(t('home.queue', { count: cases.length })));
      for (const c of cases.slice(0, 10)) {
        const author = deps.store.people.get(c.authorId)?.displayName;
        blocks.push(text(`${caseSummaryLine(t, c, author)} — ${t(`case.status.${c.status}`)}`));
      }
      blocks.push(
        actions(
          { action: ACTION.casesList, label: t('home.manageCases'), value: group.id },
          { action: ACTION.sessionNew, label: t('home.schedule'), value: group.id },
          { action: ACTION.synthesisWrite, label: t('home.writeSynthesis'), value: group.id },
        ),
      );
    }
  }
  const paused = req.person.pausedUntil && req.person.pausedUntil > now ? req.person.pausedUntil : null;
  const zone = groups[0]?.group.timeZone ?? deps.config.defaultTimeZone;
  if (groups.length) blocks.push(divider(), ...notebookBlocks(req));
  blocks.push(
    divider(),
    context(
      paused
        ? t('home.paused', { until: formatDate(new Date(paused.getTime() - 12 * 3600_000), req.lang, zone) })
        : t('home.notPaused'),
    ),
  );
  return message(t('home.fallback'), ...blocks);
}

/**
 * Whether a check-in is open, with the button for members. It never says whether this person has answered:
 * the home view is stored by the platform, and an answer must leave no trace outside the counters.
 */
function checkinSection(
  req: Request,
  groupId: string,
  zone: string,
  role: 'facilitator' | 'member',
): Block[] {
  const { t, deps } = req;
  const round = deps.store.checkins.openRoundOf(groupId);
  if (!round) return role === 'facilitator' ? [context(t('home.noCheckin'))] : [];
  const until = formatDateTime(round.closesAt, req.lang, zone);
  const blocks: Block[] = [text(t('home.checkinOpen', { until }))];
  if (role === 'member')
    blocks.push(actions({ action: ACTION.checkinOpen, label: t('checkin.answer'), value: round.id }));
  return blocks;
}

/** Each open vote on proposed cases, with its button for members; like the check-in, never who voted. */
function voteSection(req: Request, groupId: string, zone: string, role: 'facilitator' | 'member'): Block[] {
  const { t, deps } = req;
  return deps.store.votes.openRoundsOf(groupId).flatMap((round) => {
    const until = formatDateTime(round.closesAt, req.lang, zone);
    const blocks: Block[] = [text(t('vote.homeOpen', { until }))];
    if (role === 'member')
      blocks.push(actions({ action: ACTION.voteOpen, label: t('vote.button'), value: round.id }));
    return blocks;
  });
}
