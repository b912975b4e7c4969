import { z } from 'zod';
import type { FormValues } from '../contract/form.js';
import { FORM } from '../contract/ids.js';
import { message } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { CLIENT_REQUEST_MAX, type Guide } from '../domain/guide.js';
import { openState, sealState } from '../kernel/form-state.js';
import { textValue, validateForm } from '../kernel/form-validation.js';
import { failureFormReply, failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { fail, ok, type Result } from '../kernel/result.js';
import { leads } from './rules.js';
import { showGuide } from './show-guide.js';

const stateSchema = z.object({ guideId: z.string().min(1) });

/** The running guide whose client's request this person may record: a facilitator, or the client. */
function requestable(req: Request, guideId: string): Result<Guide> {
  const { store } = req.deps;
  const g = store.guides.get(guideId);
  if (!g) return fail('ACTION.UNKNOWN');
  if (!req.stored || !store.memberships.get(g.groupId, req.person.id)) return fail('GROUP.NOT_FOUND');
  const client = store.cases.get(g.caseId)?.authorId === req.person.id;
  if (!client && !leads(req.deps, g, req.person.id)) return fail('GUIDE.NOT_CLIENT');
  if (g.status !== 'running') return fail('GUIDE.ENDED');
  return ok(g);
}

/** *Record the request* (from "contract" on): the client's request in one sentence. */
export function openRequestForm(req: Request, guideId: string): Reply {
  const found = requestable(req, guideId);
  if (!found.ok) return failureReply(req, found);
  const { t } = req;
  const current = req.deps.store.cases.get(found.value.caseId)?.clientRequest;
  return {
    kind: 'form',
    form: {
      id: FORM.guideRequest,
      title: t('guide.request.title'),
      submitLabel: t('guide.request.submit'),
      closeLabel: t('form.cancel'),
      intro: [{ type: 'text', text: t('guide.request.intro') }],
      state: sealState(req, { guideId }),
      fields: [
        {
          id: 'request',
          kind: 'text',
          label: t('guide.request.label'),
          required: true,
          maxLength: CLIENT_REQUEST_MAX,
          ...(current ? { initial: current } : {}),
        },
      ],
    },
  };
}

/** The request, recorded with the case and shown in the guide for the rest of the session. */
export function recordRequest(req: Request, sealed: string, values: FormValues): Reply {
  const state = openState(req, stateSchema, sealed);
  if (!state) return failureFormReply(req, 'FORM.EXPIRED');
  const parsed = validateForm(req, z.object({ request: z.string().trim().min(1).max(CLIENT_REQUEST_MAX) }), {
    request: textValue(values, 'request'),
  });
  if (!parsed.ok) return { kind: 'form.errors', errors: parsed.errors };
  const { store, clock } = req.deps;
  const outcome = store.transaction(() => {
    const found = requestable(req, state.guideId);
    if (!found.ok) return found;
    const c = store.cases.get(found.value.caseId);
    if (!c) return fail('CASE.NOT_FOUND');
    const now = clock.now();
    store.cases.update({ ...c, clientRequest: parsed.value.request, updatedAt: now });
    showGuide(req.deps, found.value, now);
    return ok(true);
  });
  if (!outcome.ok) return failureFormReply(req, outcome);
  return { kind: 'form.done', message: message(req.t('guide.request.saved')) };
}
