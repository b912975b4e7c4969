import { z } from 'zod';
import type { FormValues } from '../contract/form.js';
import { languageSchema } from '../contract/language.js';
import { context, heading, message, text } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { enqueueSpacePost } from '../delivery/enqueue.js';
import { type Group, MAX_CHECKIN_K, MIN_CHECKIN_K, type ReminderOffset } from '../domain/group.js';
import { isValidTimeZone } from '../domain/times.js';
import { readGuideMinutes } from '../guide/setup-fields.js';
import { translator } from '../i18n/catalogue.js';
import { openState } from '../kernel/form-state.js';
import { listValue, textValue, validateForm } from '../kernel/form-validation.js';
import { failureFormReply } from '../kernel/replies.js';
import { commandHint, ensureStored, type Request } from '../kernel/request.js';
import { reminderKeys, skipPassedReminders } from '../reminders/send-case-reminders.js';
import { caseChoiceSchema, caseChoiceValues, toCaseChoice } from './case-choice-fields.js';
import { checkSpace } from './check-space.js';
import { RETENTION_CHOICES } from './open-setup-form.js';
import { syncSpaceMembers } from './sync-space-members.js';

const stateSchema = z.object({ space: z.string().min(1) });

/** The setup form, submitted: creates the group bound to the space, or updates it. */
export async function submitSetup(req: Request, sealed: string, values: FormValues): Promise<Reply> {
  const state = openState(req, stateSchema, sealed);
  if (!state) return failureFormReply(req, 'FORM.EXPIRED');
  const { t } = req;
  const schema = z.object({
    name: z.string().trim().min(1).max(80),
    language: languageSchema,
    timeZone: z
      .string()
      .trim()
      .min(1)
      .max(64)
      .refine(isValidTimeZone, { message: t('setup.badTimeZone') }),
    facilitators: z.array(z.string().min(1)).min(1).max(20),
    reminderDays: z
      .array(z.string().max(20))
      .max(10)
      .transform((list, ctx) => {
        const days = parseDays(list.join(','));
        if (!days) ctx.addIssue({ code: 'custom', message: t('setup.badReminderDays') });
        return days ?? [];
      }),
    reminderTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: t('form.badTime') }),
    checkinK: z.coerce.number().int().min(MIN_CHECKIN_K).max(MAX_CHECKIN_K),
    supportContacts: z.string().trim().max(1000),
    retentionMonths: z.coerce
      .number()
      .int()
      .refine((m) => RETENTION_CHOICES.includes(m), { message: t('form.invalidChoice') }),
    ...caseChoiceSchema(req),
  });
  const parsed = validateForm(req, schema, {
    name: textValue(values, 'name'),
    language: textValue(values, 'language') || undefined,
    timeZone: textValue(values, 'timeZone'),
    facilitators: listValue(values, 'facilitators'),
    reminderDays: listValue(values, 'reminderDays'),
    reminderTime: textValue(values, 'reminderTime'),
    checkinK: textValue(values, 'checkinK'),
    supportContacts: textValue(values, 'supportContacts'),
    retentionMonths: textValue(values, 'retentionMonths'),
    ...caseChoiceValues(values),
  });
  const { store, clock, ids } = req.deps;
  const guideMinutes = readGuideMinutes(req, values, store.groups.findBySpace(state.space)?.guideMinutes);
  if (!parsed.ok || !guideMinutes.ok)
    return {
      kind: 'form.errors',
      errors: { ...(parsed.ok ? {} : parsed.errors), ...(guideMinutes.ok ? {} : guideMinutes.errors) },
    };
  const input = parsed.value;
  // Asked again now: Cairn may have been removed, or the person may have left, since the form opened.
  const space = await checkSpace(req, state.space);
  if (!space.ok) return failureFormReply(req, space.code);
  const present = new Set(space.members.map((m) => m.userRef));
  const offsets: ReminderOffset[] = input.reminderDays.map((daysBefore) => ({
    daysBefore,
    time: input.reminderTime,
  }));
  // The person submitting is always a facilitator: nobody can set up a group they cannot then manage.
  // Only people in the space can be facilitators (a value typed into the form names nobody else).
  const facilitators = [...new Set([req.actor.userRef, ...input.facilitators])].filter((ref) =>
    present.has(ref),
  );

  const outcome = store.transaction(() => {
    const existing = store.groups.findBySpace(state.space);
    const person = ensureStored(req);
    if (existing) {
      const mine = store.memberships.get(existing.id, person.id);
      if (mine?.role !== 'facilitator') return null;
    }
    const settings = {
      name: input.name,
      language: input.language,
      timeZone: input.timeZone,
      reminderOffsets: offsets,
      checkinK: input.checkinK,
      supportContacts: input.supportContacts || null,
      retentionMonths: input.retentionMonths,
      guideMinutes: guideMinutes.value,
    };
    const group: Group = existing
      ? { ...existing, ...settings }
      : {
          id: ids.newId(),
          platform: req.actor.platform,
          workspace: req.actor.workspace,
          spaceAddress: state.space,
          createdAt: clock.now(),
          ...settings,
        };
    if (existing) {
      store.groups.update(group);
      for (const session of store.sessions.listUpcoming(group.id, clock.now()))
        skipPassedReminders(req.deps, group, session, clock.now(), reminderKeys(existing, session));
    } else store.groups.insert(group);
    store.caseChoice.saveSettings(group.id, toCaseChoice(input));
    store.memberships.set({ groupId: group.id, personId: person.id, role: 'facilitator' });
    store.caseChoice.recordJoin(group.id, person.id, clock.now());
    // The list is the group's facilitators from now on: anyone unticked loses the role at once, not only
    // once the member sync that follows has reached the platform (it may be slow, or fail).
    for (const m of existing ? store.memberships.listByGroup(group.id) : []) {
      if (m.role === 'facilitator' && !facilitators.includes(m.person.userRef))
        store.memberships.set({ groupId: group.id, personId: m.person.id, role: 'member' });
    }
    return { group, created: !existing };
  });
  if (!outcome) return failureFormReply(req, 'GROUP.NOT_FACILITATOR');
  const { group, created } = outcome;

  req.deps.background.run('setup.sync-members', async () => {
    const counts = await syncSpaceMembers(req.deps, group.id, facilitators);
    if (!created) return;
    // The welcome is posted in the group's space: it speaks the group's language, not the runner's.
    const gt = translator(group.language);
    store.transaction(() =>
      enqueueSpacePost(
        req.deps,
        `welcome:${group.id}`,
        group,
        message(
          gt('setup.welcomeFallback', { group: group.name }),
          heading(gt('setup.welcomeTitle', { group: group.name })),
          text(gt('setup.welcomeBody', { ...counts, help: commandHint(req, 'help') })),
          context(gt('setup.welcomeCharter')),
        ),
      ),
    );
  });
  // Answered in the language just chosen for the group, unless the person chose their own.
  const rt = translator(req.person.language ?? group.language);
  return {
    kind: 'form.done',
    message: message(
      created ? rt('setup.created', { group: group.name }) : rt('setup.updated', { group: group.name }),
    ),
  };
}

/** The chosen days (or a typed "7, 2") -> [7, 2]; none means no reminders; null when not 1–60. */
function parseDays(s: string): number[] | null {
  if (s.trim() === '') return [];
  const parts = s.split(/[\s,;]+/).filter(Boolean);
  const days = parts.map(Number);
  if (days.length > 5 || days.some((d) => !Number.isInteger(d) || d < 1 || d > 60)) return null;
  return [...new Set(days)].sort((a, b) => b - a);
}
