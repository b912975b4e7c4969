import { ACTION, FORM } from '../contract/ids.js';
import type { FeatureRoutes, ScheduledJob } from '../kernel/routes.js';
import { applyRetention } from './apply-retention.js';
import { exportMyData } from './export-my-data.js';
import { forgetMe, openForgetMe } from './forget-me.js';
import { pauseReminders } from './pause-reminders.js';
import { setLanguage } from './set-language.js';
import { showPrivacy } from './show-privacy.js';

/** A person's own settings and data: language, pause, privacy notice, export and erasure. */
export const peopleRoutes = {
  commands: {
    pause: (req, args) => pauseReminders(req, args),
    language: (req, args) => setLanguage(req, args),
    privacy: (req) => showPrivacy(req),
    'my-data': (req) => exportMyData(req),
    'forget-me': (req) => openForgetMe(req),
  },
  actions: { [ACTION.forgetMe]: (req) => openForgetMe(req) },
  forms: { [FORM.forgetMe]: (req, f) => forgetMe(req, f.state, f.values) },
} satisfies FeatureRoutes;

export const peopleJobs = { retention: applyRetention } satisfies Record<string, ScheduledJob>;
