import { applyCaseMark } from '../cases/mark-case.js';
import { ACTION } from '../contract/ids.js';
import { actions, message, text } from '../contract/message.js';
import { enqueueDirect } from '../delivery/enqueue.js';
import type { Group } from '../domain/group.js';
import { finishedStepSeconds, type Guide, type GuideEnd } from '../domain/guide.js';
import type { Person } from '../domain/person.js';
import { type Translate, translator } from '../i18n/catalogue.js';
import type { CoreDeps } from '../kernel/deps.js';
import { languageFor } from '../kernel/request.js';
import { tellFacilitators } from '../kernel/tell-facilitators.js';
import { guideOutboxId } from './rules.js';
import { showGuide } from './show-guide.js';

/**
 * Ends a running guide (the facilitator's *End*, or the scheduler 30 minutes after the session's end): the
 * current step's time is kept, the message becomes the record, the case is marked presented, and the
 * facilitator who ended it (every facilitator, when it ended by itself) gets a button that opens the
 * synthesis form with the session and the case. Runs in the caller's transaction.
 */
export function endGuide(deps: CoreDeps, g: Guide, now: Date, by: GuideEnd, facilitator?: Person): Guide {
  const { store } = deps;
  const ended: Guide = {
    ...g,
    status: 'ended',
    spentSeconds: [...g.spentSeconds, finishedStepSeconds(g, now)],
    pausedAt: null,
    endedAt: now,
    endedBy: by,
  };
  const c = store.cases.get(g.caseId);
  if (c && c.status !== 'withdrawn') applyCaseMark(deps, c, 'presented');
  const shown = showGuide(deps, ended, now);
  const group = store.groups.get(g.groupId);
  if (group && c) {
    const compose = (t: Translate, person: Person) => ({
      id: guideOutboxId(g, `synthesis:${person.id}`),
      message: synthesisPrompt(t, g, group, c.title),
    });
    if (facilitator) {
      const t = translator(languageFor(deps, facilitator));
      const { id, message: msg } = compose(t, facilitator);
      enqueueDirect(deps, id, facilitator, msg, { groupId: g.groupId, audience: 'facilitator' });
    } else tellFacilitators(deps, g.groupId, compose);
  }
  deps.logger.info({ guideId: g.id, by }, 'guide ended');
  return shown;
}

const synthesisPrompt = (t: Translate, g: Guide, group: Group, title: string) =>
  message(
    t('guide.synthesis.fallback', { title }),
    text(t('guide.synthesis.text', { title, group: group.name })),
    actions({
      action: ACTION.guideSynthesis,
      label: t('guide.button.synthesis'),
      value: g.id,
      style: 'primary',
    }),
  );
