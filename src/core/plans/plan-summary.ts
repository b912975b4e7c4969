import { DateTime } from 'luxon';
import { ACTION } from '../contract/ids.js';
import { actions, type Block, type Button, context, text } from '../contract/message.js';
import type { Group } from '../domain/group.js';
import { localDay } from '../domain/times.js';
import type { Request } from '../kernel/request.js';
import { preview } from '../notes/notebook.js';
import { followUpDate } from './plan-blocks.js';
import { canReadPlan, presentedCases } from './rules.js';

/** A presented case older than this without a plan is not offered one any more on the home. */
const OFFER_DAYS = 60;

/**
 * "My action plan" for one group, as the home view and the help card show it: the latest plan still
 * followed up, with its date; else a recently presented case still waiting for its plan.
 */
export function myPlanBlocks(req: Request, group: Group): Block[] {
  if (!req.stored) return [];
  const { t, deps } = req;
  const now = deps.clock.now();
  const zone = group.timeZone;
  const plan = deps.store.plans
    .listByAuthor(req.person.id)
    .find((p) => p.groupId === group.id && !p.report && p.followUp !== 'dismissed');
  if (plan) {
    const c = deps.store.cases.get(plan.caseId);
    const date = followUpDate(plan, req.lang, zone);
    const line =
      plan.followUp === 'paused'
        ? t('home.planPaused', { title: c?.title ?? '', date })
        : t('home.plan', { title: c?.title ?? '', date });
    const buttons: Button[] = [{ action: ACTION.planWrite, label: t('home.planEdit'), value: plan.caseId }];
    const due = DateTime.fromISO(plan.followUpOn, { zone }) <= localDay(now, zone);
    if (due)
      buttons.unshift({
        action: ACTION.planReport,
        label: t('followUp.report'),
        value: plan.id,
        style: 'primary',
      });
    if (plan.followUp === 'paused')
      buttons.push({ action: ACTION.planResume, label: t('home.planResume'), value: plan.id });
    return [text(line), actions(...buttons)];
  }
  const waiting = presentedCases(deps, req.person.id).find(
    (c) =>
      c.groupId === group.id &&
      !deps.store.plans.getByCase(c.id) &&
      now.getTime() - c.updatedAt.getTime() < OFFER_DAYS * 86_400_000,
  );
  if (!waiting) return [];
  return [
    text(t('home.planToWrite', { title: waiting.title })),
    actions({ action: ACTION.planWrite, label: t('plan.write'), value: waiting.id, style: 'primary' }),
  ];
}

/** Plans listed in `/cairn cases`; their full text is in the case view. */
const SHARED_PLANS = 5;

/**
 * The action plans of others in this group that the person may read (shared with the group, or with the
 * facilitators when they facilitate it): in `/cairn cases`, under the cases.
 */
export function sharedPlanBlocks(req: Request, group: Group): Block[] {
  const { t, deps } = req;
  const readable = deps.store.plans
    .listByGroup(group.id, 20)
    .filter((p) => p.authorId !== req.person.id && canReadPlan(req, p))
    .slice(0, SHARED_PLANS);
  if (readable.length === 0) return [];
  const blocks: Block[] = [context(t('cases.sharedPlans'))];
  for (const plan of readable) {
    const c = deps.store.cases.get(plan.caseId);
    if (!c || c.status === 'withdrawn') continue;
    const name = deps.store.people.get(plan.authorId)?.displayName ?? t('cases.formerMember');
    blocks.push(text(t('cases.sharedPlan', { name, title: c.title, what: preview(plan.what, 300) })));
  }
  return blocks;
}
