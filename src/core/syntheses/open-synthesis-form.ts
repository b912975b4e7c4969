import { z } from 'zod';
import type { Form, FormField } from '../contract/form.js';
import { FORM } from '../contract/ids.js';
import { type Block, context, heading, text } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { LONG_TEXT_MAX } from '../domain/case.js';
import type { Group } from '../domain/group.js';
import type { Session } from '../domain/session.js';
import type { Synthesis } from '../domain/synthesis.js';
import { formatDate } from '../i18n/format.js';
import { facilitatedGroups } from '../kernel/access.js';
import { sealState } from '../kernel/form-state.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { preview } from '../notes/notebook.js';

export const synthesisStateSchema = z.object({ synthesisId: z.string().optional() });

/** What a new synthesis's form can open with (after a session guide: its session, group and cases). */
export type SynthesisPrefill = { sessionId?: string; groupId?: string; themes?: string };

/** `/cairn synthesis`: a facilitator writes a synthesis for one or several of their groups. */
export function openSynthesisForm(req: Request, synthesisId?: string, prefill: SynthesisPrefill = {}): Reply {
  const facilitated = facilitatedGroups(req);
  if (facilitated.length === 0)
    return failureReply(
      req,
      req.stored && req.deps.store.memberships.listByPerson(req.person.id).length
        ? 'GROUP.NOT_FACILITATOR'
        : 'GROUP.NONE',
    );
  let existing: Synthesis | undefined;
  if (synthesisId) {
    existing = req.deps.store.syntheses.get(synthesisId);
    if (!existing || !canEditSynthesis(req, existing)) return failureReply(req, 'SYNTHESIS.NOT_FOUND');
  }
  const { t, deps } = req;
  const now = deps.clock.now();
  const sessions = facilitated
    .flatMap(({ group }) => deps.store.sessions.listPast(group.id, now, 6).map((s) => ({ s, group })))
    .sort((a, b) => b.s.startsAt.getTime() - a.s.startsAt.getTime())
    .slice(0, 12);
  const spaceGroup =
    req.place.kind === 'space'
      ? facilitated.find((g) => g.group.spaceAddress === (req.place as { address: string }).address)
      : undefined;
  const prefillGroup = facilitated.find((g) => g.group.id === prefill.groupId);
  const defaultTargets = existing?.targetGroups ?? [
    prefillGroup?.group.id ?? spaceGroup?.group.id ?? sessions[0]?.group.id ?? facilitated[0]!.group.id,
  ];
  const prefillSession = sessions.find(({ s }) => s.id === prefill.sessionId)?.s.id;
  const fields: FormField[] = [];
  if (sessions.length > 0) {
    fields.push({
      id: 'session',
      kind: 'select',
      label: t('synthesis.session'),
      required: false,
      options: sessions.map(({ s, group }) => ({
        value: s.id,
        label: `${group.name} — ${formatDate(s.startsAt, req.lang, group.timeZone)}`.slice(0, 75),
      })),
      initial: existing?.sessionId ?? prefillSession ?? sessions[0]?.s.id,
    });
  }
  fields.push(
    {
      id: 'groups',
      kind: 'multiselect',
      label: t('synthesis.groups'),
      hint: existing ? t('synthesis.groupsHintEdit') : t('synthesis.groupsHint'),
      required: true,
      options: facilitated.map(({ group }) => ({ value: group.id, label: group.name })),
      initial: defaultTargets,
    },
    long(req, 'themes', true, existing?.themes ?? prefill.themes),
    long(req, 'learned', true, existing?.learned),
    long(req, 'commitments', false, existing?.commitments),
    long(req, 'freeText', false, existing?.freeText),
  );
  const form: Form = {
    id: FORM.synthesis,
    title: existing ? t('synthesis.editTitle') : t('synthesis.formTitle'),
    submitLabel: t('synthesis.preview'),
    closeLabel: t('form.cancel'),
    intro: [{ type: 'text', text: t('synthesis.formIntro') }, ...contributionBlocks(req, sessions)],
    state: sealState(req, { synthesisId: existing?.id }),
    fields,
  };
  return { kind: 'form', form };
}

/** Contributions shown at once; each cut to this length (the full text is in the facilitator's messages). */
const CONTRIBUTIONS = 12;
const CONTRIBUTION_TEXT = 700;

/**
 * What members chose to send, named, for the synthesis (their takeaways of these sessions), shown beside
 * the fields. Only takeaways their authors sent; nothing else of anyone's notebook.
 */
function contributionBlocks(req: Request, sessions: { s: Session; group: Group }[]): Block[] {
  const { t, deps } = req;
  const shared = deps.store.notes.listShared(sessions.map(({ s }) => s.id));
  if (shared.length === 0) return [];
  const blocks: Block[] = [heading(t('synthesis.contributionsTitle'))];
  for (const note of shared.slice(-CONTRIBUTIONS)) {
    const found = sessions.find(({ s }) => s.id === note.sessionId);
    if (!found) continue;
    const name = deps.store.people.get(note.authorId)?.displayName ?? t('cases.formerMember');
    const date = formatDate(found.s.startsAt, req.lang, found.group.timeZone);
    blocks.push(
      context(t('synthesis.contributionBy', { name, group: found.group.name, date })),
      text(preview(note.text, CONTRIBUTION_TEXT)),
    );
  }
  return blocks;
}

const long = (
  req: Request,
  id: 'themes' | 'learned' | 'commitments' | 'freeText',
  required: boolean,
  initial?: string,
): FormField => ({
  id,
  kind: 'multiline',
  label: req.t(`synthesis.${id}`),
  hint: req.t(`synthesis.${id}Hint`),
  required,
  maxLength: LONG_TEXT_MAX,
  initial,
});

/** Its author, or a facilitator of every group it targets. */
export function canEditSynthesis(req: Request, s: Synthesis): boolean {
  if (!req.stored) return false;
  if (s.authorId === req.person.id) return true;
  return s.targetGroups.every(
    (g) => req.deps.store.memberships.get(g, req.person.id)?.role === 'facilitator',
  );
}
