import type { PlatformUser } from '../contract/chat-platform.js';
import type { Form, Option } from '../contract/form.js';
import { FORM } from '../contract/ids.js';
import type { Reply } from '../contract/reply.js';
import {
  DEFAULT_CHECKIN_K,
  DEFAULT_REMINDER_OFFSETS,
  DEFAULT_RETENTION_MONTHS,
  MAX_CHECKIN_K,
  MIN_CHECKIN_K,
} from '../domain/group.js';
import { guideSetupFields } from '../guide/setup-fields.js';
import { sealState } from '../kernel/form-state.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';
import { caseChoiceFields } from './case-choice-fields.js';
import { checkSpace } from './check-space.js';

export const RETENTION_CHOICES = [3, 6, 12, 24, 36];
export const REMINDER_DAY_CHOICES = [21, 14, 10, 7, 5, 3, 2, 1];

/**
 * Time zones offered in the set-up form (a list, so nothing can be mistyped): where French- and
 * English-speaking peer groups meet, plus the group's current zone and the configured default.
 */
const ZONES = [
  'Europe/Paris',
  'Europe/Brussels',
  'Europe/Luxembourg',
  'Europe/Zurich',
  'Europe/Monaco',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Berlin',
  'Europe/Madrid',
  'Europe/Lisbon',
  'America/Montreal',
  'America/Toronto',
  'America/New_York',
  'America/Guadeloupe',
  'America/Martinique',
  'America/Cayenne',
  'Indian/Reunion',
  'Indian/Mayotte',
  'Pacific/Noumea',
  'Pacific/Tahiti',
  'Africa/Casablanca',
  'Africa/Abidjan',
  'Africa/Dakar',
  'Africa/Tunis',
  'UTC',
];

function zoneOptions(extra: (string | undefined)[]): Option[] {
  const zones = [...new Set([...extra.filter((z): z is string => Boolean(z)), ...ZONES])];
  return zones.map((z) => ({ value: z, label: z.replace(/_/g, ' ') }));
}

/** `/cairn setup` in a space: the form that binds the space to a group (or updates its settings). */
export async function openSetupForm(req: Request): Promise<Reply> {
  if (req.place.kind !== 'space') return failureReply(req, 'GROUP.SETUP_IN_SPACE');
  const { store } = req.deps;
  const address = req.place.address;
  const existing = store.groups.findBySpace(address);
  if (existing) {
    const mine = req.stored ? store.memberships.get(existing.id, req.person.id) : undefined;
    if (mine?.role !== 'facilitator') return failureReply(req, 'GROUP.NOT_FACILITATOR');
  }
  // Refused before anyone fills the form; checked again when it is submitted.
  const space = await checkSpace(req, address);
  if (!space.ok) return failureReply(req, space.code);
  const members = space.members;
  const current = existing ? store.memberships.listByGroup(existing.id) : [];
  const facilitators = existing
    ? current.filter((m) => m.role === 'facilitator').map((m) => m.person.userRef)
    : [req.actor.userRef];
  const options = memberOptions(
    req,
    members,
    current.map((m) => m.person),
  );
  const { t } = req;
  const offsets = existing?.reminderOffsets ?? DEFAULT_REMINDER_OFFSETS;
  const form: Form = {
    id: FORM.setup,
    title: existing ? t('setup.titleUpdate') : t('setup.title'),
    submitLabel: t('setup.submit'),
    closeLabel: t('form.cancel'),
    intro: [{ type: 'text', text: existing ? t('setup.introUpdate') : t('setup.intro') }],
    state: sealState(req, { space: address }),
    fields: [
      {
        id: 'name',
        kind: 'text',
        label: t('setup.name'),
        hint: t('setup.nameHint'),
        required: true,
        maxLength: 80,
        initial: existing?.name,
      },
      {
        id: 'language',
        kind: 'select',
        label: t('setup.language'),
        required: true,
        options: [
          { value: 'fr', label: 'Français' },
          { value: 'en', label: 'English' },
        ],
        initial: existing?.language ?? req.lang,
      },
      {
        id: 'timeZone',
        kind: 'select',
        label: t('setup.timeZone'),
        hint: t('setup.timeZoneHint'),
        required: true,
        options: zoneOptions([existing?.timeZone, req.deps.config.defaultTimeZone]),
        initial: existing?.timeZone ?? req.deps.config.defaultTimeZone,
      },
      {
        id: 'facilitators',
        kind: 'multiselect',
        label: t('setup.facilitators'),
        hint: t('setup.facilitatorsHint'),
        required: true,
        options,
        initial: facilitators.filter((ref) => options.some((o) => o.value === ref)),
      },
      {
        id: 'reminderDays',
        kind: 'multiselect',
        label: t('setup.reminderDays'),
        hint: t('setup.reminderDaysHint'),
        required: false,
        options: [...new Set([...REMINDER_DAY_CHOICES, ...offsets.map((o) => o.daysBefore)])]
          .sort((a, b) => b - a)
          .map((d) => ({ value: String(d), label: t('setup.daysBefore', { count: d }) })),
        initial: offsets.map((o) => String(o.daysBefore)),
      },
      {
        id: 'reminderTime',
        kind: 'time',
        label: t('setup.reminderTime'),
        required: true,
        initial: offsets[0]?.time ?? '09:00',
      },
      {
        id: 'checkinK',
        kind: 'select',
        label: t('setup.checkinK'),
        hint: t('setup.checkinKHint'),
        required: true,
        options: range(MIN_CHECKIN_K, MAX_CHECKIN_K).map((k) => ({ value: String(k), label: String(k) })),
        initial: String(existing?.checkinK ?? DEFAULT_CHECKIN_K),
      },
      {
        id: 'supportContacts',
        kind: 'multiline',
        label: t('setup.supportContacts'),
        hint: t('setup.supportContactsHint'),
        required: false,
        maxLength: 1000,
        initial: existing?.supportContacts ?? '',
      },
      {
        id: 'retentionMonths',
        kind: 'select',
        label: t('setup.retention'),
        hint: t('setup.retentionHint'),
        required: true,
        options: RETENTION_CHOICES.map((m) => ({ value: String(m), label: t('setup.months', { count: m }) })),
        initial: String(existing?.retentionMonths ?? DEFAULT_RETENTION_MONTHS),
      },
      ...caseChoiceFields(req, existing ? store.caseChoice.settingsOf(existing.id) : undefined),
      // The session guide's durations, together.
      ...guideSetupFields(req, existing?.guideMinutes),
    ],
  };
  return { kind: 'form', form };
}

/** Facilitators are chosen among the space's members only; a name the platform did not give is taken from Cairn's records. */
function memberOptions(
  req: Request,
  members: PlatformUser[],
  known: { userRef: string; displayName: string }[],
): Option[] {
  const names = new Map(known.map((p) => [p.userRef, p.displayName]));
  names.set(req.actor.userRef, req.actor.displayName);
  return members
    .map((m) => ({ value: m.userRef, label: m.displayName || names.get(m.userRef) || m.userRef }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

const range = (from: number, to: number): number[] =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i);
