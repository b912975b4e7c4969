import { ACTION, FORM } from '../contract/ids.js';
import type { FeatureRoutes, ScheduledJob } from '../kernel/routes.js';
import { openCheckinForm, recordCheckin } from './answer-checkin.js';
import { checkinCommand, manageRound } from './checkin-command.js';
import { requestContact } from './request-contact.js';
import { runCheckinSchedule } from './round-schedule.js';
import { shareCheckinResult } from './share-result.js';

/** Anonymous check-in rounds: answering, the facilitators' round management and results, care requests. */
export const checkinRoutes = {
  commands: { checkin: (req, args) => checkinCommand(req, args) },
  actions: {
    [ACTION.checkinOpen]: (req, value) => openCheckinForm(req, value),
    [ACTION.careContact]: (req, value) => requestContact(req, value),
    [ACTION.checkinShare]: (req, value) => shareCheckinResult(req, value),
    [ACTION.checkinManage]: (req, value) => manageRound(req, value),
  },
  forms: { [FORM.checkin]: (req, f) => recordCheckin(req, f.state, f.values) },
} satisfies FeatureRoutes;

export const checkinJobs = { checkins: runCheckinSchedule } satisfies Record<string, ScheduledJob>;
