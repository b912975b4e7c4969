import { z } from 'zod';
import type { Form, FormValues } from '../contract/form.js';
import { FORM } from '../contract/ids.js';
import { type Block, context, text } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { type Synthesis, synthesisContentSchema } from '../domain/synthesis.js';
import { facilitatedGroups } from '../kernel/access.js';
import { openState, sealState } from '../kernel/form-state.js';
import { listValue, textValue, validateForm } from '../kernel/form-validation.js';
import { failureFormReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { ensureStored } from '../kernel/request.js';
import { canEditSynthesis, synthesisStateSchema } from './open-synthesis-form.js';
import { namedMembers, synthesisMessage } from './synthesis-message.js';

export const previewStateSchema = z.object({
  synthesisId: z.string(),
  version: z.number().int(),
  /** For an edit: the posted synthesis this draft will replace once confirmed. */
  replaces: z.string().optional(),
});

/** The synthesis form, submitted: the text is saved as a draft and the preview step opens. */
export function submitSynthesis(req: Request, sealed: string, values: FormValues): Reply {
  const state = openState(req, synthesisStateSchema, sealed);
  if (!state) return failureFormReply(req, 'FORM.EXPIRED');
  const mine = new Set(facilitatedGroups(req).map((g) => g.group.id));
  if (mine.size === 0) return failureFormReply(req, 'GROUP.NOT_FACILITATOR');
  const { t, deps } = req;
  const schema = synthesisContentSchema.extend({
    groups: z
      .array(z.string())
      .min(1, { message: t('synthesis.noGroup') })
      .refine((ids) => ids.every((id) => mine.has(id)), { message: t('form.invalidChoice') }),
    session: z
      .string()
      .refine((id) => id === '' || sessionOfMine(req, id, mine), { message: t('form.invalidChoice') }),
  });
  const parsed = validateForm(req, schema, {
    themes: textValue(values, 'themes'),
    learned: textValue(values, 'learned'),
    commitments: textValue(values, 'commitments'),
    freeText: textValue(values, 'freeText'),
    groups: listValue(values, 'groups'),
    session: textValue(values, 'session'),
  });
  if (!parsed.ok) return { kind: 'form.errors', errors: parsed.errors };
  const { groups, session, ...content } = parsed.value;
  const now = deps.clock.now();
  const synthesis = deps.store.transaction(() => {
    const author = ensureStored(req);
    // A copy already posted cannot be taken back: an edit keeps updating it even if its group is unticked.
    let posted: string[] = [];
    if (state.synthesisId) {
      const existing = deps.store.syntheses.get(state.synthesisId);
      if (!existing || !canEditSynthesis(req, existing)) return null;
      posted = deps.store.syntheses.listPosts(existing.id).map((p) => p.groupId);
    }
    // An edit is a draft too: the posted text changes only when the facilitator confirms the preview.
    const draft: Synthesis = {
      ...content,
      id: deps.ids.newId(),
      authorId: author.id,
      sessionId: session || null,
      targetGroups: [...new Set([...groups, ...posted])],
      status: 'draft',
      version: 0,
      createdAt: now,
      updatedAt: now,
    };
    deps.store.syntheses.insert(draft);
    return draft;
  });
  if (!synthesis) return failureFormReply(req, 'SYNTHESIS.NOT_FOUND');
  return { kind: 'form.next', form: previewForm(req, synthesis, state.synthesisId) };
}

function sessionOfMine(req: Request, sessionId: string, mine: Set<string>): boolean {
  const s = req.deps.store.sessions.get(sessionId);
  return s !== undefined && mine.has(s.groupId);
}

/** The preview: the synthesis as each group will see it, and a warning when it names a member. */
export function previewForm(req: Request, s: Synthesis, replaces?: string): Form {
  const { t, deps } = req;
  const firstGroup = deps.store.groups.get(s.targetGroups[0] ?? '');
  const names = namedMembers(deps, s);
  const targetNames = s.targetGroups.map((id) => deps.store.groups.get(id)?.name ?? '').filter(Boolean);
  const intro: Block[] = [context(t('synthesis.previewFor', { groups: targetNames.join(', ') }))];
  if (firstGroup) intro.push(...synthesisMessage(deps, s, firstGroup).blocks);
  if (names.length) intro.push(text(t('synthesis.namesWarning', { names: names.join(', ') })));
  return {
    id: FORM.synthesisPreview,
    title: t('synthesis.previewTitle'),
    submitLabel: replaces ? t('synthesis.update') : t('synthesis.post'),
    closeLabel: t('form.cancel'),
    intro,
    state: sealState(req, { synthesisId: s.id, version: s.version, replaces }),
    fields: names.length
      ? [
          {
            id: 'confirmNames',
            kind: 'checkbox',
            label: t('synthesis.confirmNamesLabel'),
            optionLabel: t('synthesis.confirmNames', { names: names.join(', ') }),
            required: true,
          },
        ]
      : [],
  };
}
