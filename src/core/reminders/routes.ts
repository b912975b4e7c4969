import { ACTION } from '../contract/ids.js';
import type { FeatureRoutes, ScheduledJob } from '../kernel/routes.js';
import { sendDueDigests } from './send-case-digest.js';
import { sendDueCaseReminders } from './send-case-reminders.js';
import { skipReminder } from './skip-reminder.js';

/** "Not this time" on a case-preparation reminder. */
export const reminderRoutes = {
  actions: { [ACTION.reminderSkip]: (req, value) => skipReminder(req, value) },
} satisfies FeatureRoutes;

export const reminderJobs = {
  caseReminders: sendDueCaseReminders,
  digests: sendDueDigests,
} satisfies Record<string, ScheduledJob>;
