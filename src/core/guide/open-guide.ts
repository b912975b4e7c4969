import { z } from 'zod';
import type { Form } from '../contract/form.js';
import { FORM } from '../contract/ids.js';
import type { Reply } from '../contract/reply.js';
import { formatDateTime } from '../i18n/format.js';
import { groupOfRequest } from '../kernel/access.js';
import { sealState } from '../kernel/form-state.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { guideCandidates, sessionInWindow } from './rules.js';

export const startStateSchema = z.object({ groupId: z.string().min(1), sessionId: z.string().min(1) });

/**
 * `/cairn guide` (French `animer`), by a facilitator in the group's space during a session: the form that
 * chooses the case presented (those selected for the session first) and starts the guide.
 */
export function openGuide(req: Request): Reply {
  if (req.place.kind !== 'space') return failureReply(req, 'GUIDE.IN_SPACE');
  const access = groupOfRequest(req);
  if (!access.ok) return failureReply(req, access);
  const { group, role } = access.value;
  if (role !== 'facilitator') return failureReply(req, 'GROUP.NOT_FACILITATOR');
  const { store, clock } = req.deps;
  const now = clock.now();
  if (store.guides.findRunning(group.id)) return failureReply(req, 'GUIDE.ALREADY_RUNNING');
  const session = sessionInWindow(req.deps, group.id, now);
  if (!session) return failureReply(req, 'GUIDE.NO_SESSION');
  const candidates = guideCandidates(req.deps, group, session, now);
  if (candidates.length === 0) return failureReply(req, 'GUIDE.NO_CASE');
  const { t } = req;
  const form: Form = {
    id: FORM.guideStart,
    title: t('guide.start.title'),
    submitLabel: t('guide.start.submit'),
    closeLabel: t('form.cancel'),
    intro: [
      {
        type: 'text',
        text: t('guide.start.intro', { when: formatDateTime(session.startsAt, req.lang, group.timeZone) }),
      },
    ],
    state: sealState(req, { groupId: group.id, sessionId: session.id }),
    fields: [
      {
        id: 'case',
        kind: 'select',
        label: t('guide.start.case'),
        hint: t('guide.start.caseHint'),
        required: true,
        options: candidates.map((c) => {
          const p = {
            title: c.title,
            author: store.people.get(c.authorId)?.displayName ?? t('cases.formerMember'),
          };
          const selected = c.status === 'selected' && c.sessionId === session.id;
          return {
            value: c.id,
            label: selected ? t('guide.start.optionSelected', p) : t('guide.start.option', p),
          };
        }),
        initial: candidates[0]!.id,
      },
    ],
  };
  return { kind: 'form', form };
}
