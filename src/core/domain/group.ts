import { z } from 'zod';
import type { Language } from '../contract/language.js';
import type { GuideMinutes } from './guide.js';

export const reminderOffsetSchema = z.object({
  daysBefore: z.number().int().min(1).max(60),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/),
});
export type ReminderOffset = z.infer<typeof reminderOffsetSchema>;
export const reminderOffsetsSchema = z.array(reminderOffsetSchema).max(5);

export const DEFAULT_REMINDER_OFFSETS: ReminderOffset[] = [
  { daysBefore: 7, time: '09:00' },
  { daysBefore: 2, time: '09:00' },
];
export const DEFAULT_TIME_ZONE = 'Europe/Paris';
export const DEFAULT_CHECKIN_K = 4;
export const MIN_CHECKIN_K = 3;
export const MAX_CHECKIN_K = 10;
export const DEFAULT_RETENTION_MONTHS = 12;

export type Group = {
  id: string;
  platform: string;
  workspace: string;
  spaceAddress: string;
  name: string;
  language: Language;
  timeZone: string;
  reminderOffsets: ReminderOffset[];
  checkinK: number;
  /** Support contacts shown on a hard check-in answer; null means the translated default. */
  supportContacts: string | null;
  retentionMonths: number;
  createdAt: Date;
  /** The session guide's six steps, in minutes (see domain/guide.ts). */
  guideMinutes: GuideMinutes;
};

export type Role = 'facilitator' | 'member';

export type Membership = { groupId: string; personId: string; role: Role };

// --- Choosing the cases (issue 19): how many cases a session takes, the group's vote, the rotation's cycle.

export const DEFAULT_CASES_PER_SESSION = 2;
export const MIN_CASES_PER_SESSION = 1;
export const MAX_CASES_PER_SESSION = 4;

export type CaseChoiceSettings = {
  /** How many cases a session takes (1–4). */
  casesPerSession: number;
  /** The group votes when more cases are proposed for a session than it takes. */
  voteWhenMore: boolean;
  /** yyyy-mm-dd in the group's zone when the current rotation cycle began; null: the group's first session. */
  cycleStartsOn: string | null;
};

export const DEFAULT_CASE_CHOICE: CaseChoiceSettings = {
  casesPerSession: DEFAULT_CASES_PER_SESSION,
  voteWhenMore: true,
  cycleStartsOn: null,
};
