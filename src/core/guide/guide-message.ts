import { ACTION } from '../contract/ids.js';
import {
  actions,
  type Block,
  type Button,
  context,
  divider,
  heading,
  type Message,
  message,
  text,
} from '../contract/message.js';
import type { Case } from '../domain/case.js';
import type { Group } from '../domain/group.js';
import {
  countdown,
  GUIDE_STEPS,
  type Guide,
  isLastStep,
  STEP_INDEX,
  stepPlannedMs,
} from '../domain/guide.js';
import { type Translate, translator } from '../i18n/catalogue.js';
import { formatDateTime } from '../i18n/format.js';
import type { CoreDeps } from '../kernel/deps.js';

/** What a guide's messages show of its session and case, read once per message. */
type Context = { t: Translate; title: string; client: string; when: string; request: string | null };

function contextOf(deps: CoreDeps, g: Guide, group: Group): Context {
  const t = translator(group.language);
  const c: Case | undefined = deps.store.cases.get(g.caseId);
  const session = deps.store.sessions.get(g.sessionId);
  const author = c ? deps.store.people.get(c.authorId) : undefined;
  return {
    t,
    title: c?.title ?? '—',
    client: author?.displayName ?? t('cases.formerMember'),
    when: session ? formatDateTime(session.startsAt, group.language, group.timeZone) : '—',
    request: c?.clientRequest ?? null,
  };
}

const minutes = (t: Translate, seconds: number): string =>
  t('guide.minutes', { minutes: Math.round(seconds / 60) });

/** The current step's time: left, up, over, or paused. */
function timeOf(t: Translate, g: Guide, now: Date): string {
  const c = countdown(g, now);
  const time =
    'left' in c
      ? t('guide.live.left', { minutes: c.left })
      : c.over === 0
        ? t('guide.live.up')
        : t('guide.live.over', { minutes: c.over });
  return g.pausedAt ? t('guide.live.paused', { time }) : time;
}

/**
 * The live message in the group's space, in the group's language: the session, the case and its client,
 * the six steps with their minutes (what was spent on those done), the current step with its rule and
 * its time, and the facilitator's buttons.
 */
export function liveMessage(deps: CoreDeps, g: Guide, group: Group, now: Date): Message {
  const ctx = contextOf(deps, g, group);
  const { t } = ctx;
  const step = GUIDE_STEPS[g.step]!;
  const lines = GUIDE_STEPS.map((s, i) => {
    const planned = i === g.step ? stepPlannedMs(g) / 1000 : (g.minutes[i] ?? 0) * 60;
    const line = `${i + 1}. ${t(`guide.step.${s}`)} · ${minutes(t, planned)}`;
    if (i < g.step)
      return `✓ ${line} — ${t('guide.live.done', { spent: minutes(t, g.spentSeconds[i] ?? 0) })}`;
    return i === g.step ? `▶ ${line}` : `◦ ${line}`;
  });
  const time = timeOf(t, g, now);
  const blocks: Block[] = [
    heading(t('guide.live.title', { title: ctx.title })),
    context(t('guide.live.context', { when: ctx.when, client: ctx.client })),
    text(lines.join('\n')),
    divider(),
    heading(
      t('guide.live.now', { n: g.step + 1, total: GUIDE_STEPS.length, step: t(`guide.step.${step}`), time }),
    ),
    text(t(`guide.rule.${step}`)),
  ];
  if (ctx.request) blocks.push(text(t('guide.live.request', { request: ctx.request })));
  blocks.push(actions(...buttons(t, g)), context(t('guide.live.footer')));
  return message(t('guide.live.fallback', { step: t(`guide.step.${step}`), time }), ...blocks);
}

/** Next step, +5 min, Pause or Resume, the client's request from "contract" on, End. */
function buttons(t: Translate, g: Guide): Button[] {
  const list: Button[] = [];
  if (!isLastStep(g))
    list.push({
      action: ACTION.guideNext,
      label: t('guide.button.next'),
      value: `${g.id}:${g.step}`,
      style: 'primary',
    });
  list.push({ action: ACTION.guideExtend, label: t('guide.button.extend'), value: `${g.id}:${g.step}` });
  list.push(
    g.pausedAt
      ? { action: ACTION.guidePause, label: t('guide.button.resume'), value: `${g.id}:resume` }
      : { action: ACTION.guidePause, label: t('guide.button.pause'), value: `${g.id}:pause` },
  );
  if (g.step >= STEP_INDEX.contract)
    list.push({ action: ACTION.guideRequest, label: t('guide.button.request'), value: g.id });
  list.push({ action: ACTION.guideEnd, label: t('guide.button.end'), value: g.id, style: 'danger' });
  return list;
}

/** What the live message becomes at the end: the case, and each step's actual time against the plan. */
export function recordMessage(deps: CoreDeps, g: Guide, group: Group): Message {
  const ctx = contextOf(deps, g, group);
  const { t } = ctx;
  const lines = GUIDE_STEPS.map((s, i) => {
    const step = t(`guide.step.${s}`);
    const spent = g.spentSeconds[i];
    if (spent === undefined) return t('guide.record.notReached', { n: i + 1, step });
    const planned = minutes(t, (g.minutes[i] ?? 0) * 60);
    return t('guide.record.line', { n: i + 1, step, spent: minutes(t, spent), planned });
  });
  const total = minutes(
    t,
    g.spentSeconds.reduce((sum, s) => sum + s, 0),
  );
  const footer = [t('guide.record.total', { total })];
  if (g.endedBy === 'auto') footer.push(t('guide.record.auto'));
  return message(
    t('guide.record.fallback', { title: ctx.title }),
    heading(t('guide.record.title', { title: ctx.title })),
    context(t('guide.live.context', { when: ctx.when, client: ctx.client })),
    text(lines.join('\n')),
    context(footer.join(' ')),
  );
}
