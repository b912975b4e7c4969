import type { FormValues } from '../contract/form.js';
import { message } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { enqueueSpacePost, enqueueUpdate } from '../delivery/enqueue.js';
import { openState } from '../kernel/form-state.js';
import { textValue } from '../kernel/form-validation.js';
import { failureFormReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { canEditSynthesis } from './open-synthesis-form.js';
import { previewStateSchema } from './submit-synthesis.js';
import { namedMembers, synthesisMessage } from './synthesis-message.js';

/**
 * The preview, confirmed: the synthesis is posted into each target group's space through the outbox, or,
 * for an edit, every posted copy is updated (and newly chosen groups get it). Members get nothing else.
 */
export function postSynthesis(req: Request, sealed: string, values: FormValues): Reply {
  const state = openState(req, previewStateSchema, sealed);
  if (!state) return failureFormReply(req, 'FORM.EXPIRED');
  const { store, clock } = req.deps;
  const draft = store.syntheses.get(state.synthesisId);
  if (draft?.status !== 'draft' || draft.authorId !== req.person.id)
    return failureFormReply(req, 'SYNTHESIS.NOT_FOUND');
  if (namedMembers(req.deps, draft).length > 0 && textValue(values, 'confirmNames') !== 'true') {
    return { kind: 'form.errors', errors: { confirmNames: req.t('synthesis.confirmNamesRequired') } };
  }
  // Rights are checked again at the moment of posting: the person must facilitate every target group.
  const targets = draft.targetGroups.map((id) => store.groups.get(id));
  if (targets.some((g) => !g || store.memberships.get(g.id, req.person.id)?.role !== 'facilitator')) {
    return failureFormReply(req, 'GROUP.NOT_FACILITATOR');
  }
  const original = state.replaces ? store.syntheses.get(state.replaces) : undefined;
  if (state.replaces && (!original || !canEditSynthesis(req, original)))
    return failureFormReply(req, 'SYNTHESIS.NOT_FOUND');
  const now = clock.now();
  const count = store.transaction(() => {
    const target = original
      ? { ...original, ...pickContent(draft), version: original.version + 1, updatedAt: now }
      : { ...draft, status: 'posted' as const, version: 1, updatedAt: now };
    if (original) {
      store.syntheses.update(target);
      store.syntheses.delete(draft.id);
    } else store.syntheses.update(target);
    const posted = new Map(store.syntheses.listPosts(target.id).map((p) => [p.groupId, p]));
    for (const group of targets) {
      if (!group) continue;
      const msg = synthesisMessage(req.deps, target, group);
      const existing = posted.get(group.id);
      if (existing) {
        enqueueUpdate(
          req.deps,
          `synthesis:${target.id}:${group.id}:v${target.version}`,
          group.platform,
          existing.outboxId,
          msg,
        );
      } else {
        const outboxId = `synthesis:${target.id}:${group.id}`;
        enqueueSpacePost(req.deps, outboxId, group, msg);
        store.syntheses.addPost({ synthesisId: target.id, groupId: group.id, outboxId, postedAt: now });
      }
    }
    return targets.length;
  });
  req.deps.logger.info(
    { synthesisId: original?.id ?? draft.id, groups: count, edit: Boolean(original) },
    'synthesis posted',
  );
  return {
    kind: 'form.done',
    message: message(original ? req.t('synthesis.updated', { count }) : req.t('synthesis.posted', { count })),
  };
}

const pickContent = (s: {
  themes: string;
  learned: string;
  commitments: string;
  freeText: string;
  sessionId: string | null;
  targetGroups: string[];
}) => ({
  themes: s.themes,
  learned: s.learned,
  commitments: s.commitments,
  freeText: s.freeText,
  sessionId: s.sessionId,
  targetGroups: s.targetGroups,
});
