import { ACTION, FORM } from '../contract/ids.js';
import type { FeatureRoutes, ScheduledJob } from '../kernel/routes.js';
import { setFollowUp } from './follow-up-state.js';
import { openPlanForm, planCommand } from './open-plan-form.js';
import { openReportForm, submitReport } from './report-plan.js';
import { sendDueFollowUps } from './send-follow-ups.js';
import { sendDuePlanPrompts } from './send-plan-prompts.js';
import { submitPlan } from './submit-plan.js';

/** After presenting a case: the action plan, its follow-up on the chosen date, and the report. */
export const planRoutes = {
  commands: { plan: (req) => planCommand(req) },
  actions: {
    [ACTION.planWrite]: (req, value) => openPlanForm(req, value),
    [ACTION.planReport]: (req, value) => openReportForm(req, value),
    [ACTION.planPause]: (req, value) => setFollowUp(req, value, 'paused'),
    [ACTION.planResume]: (req, value) => setFollowUp(req, value, 'active'),
    [ACTION.planDismiss]: (req, value) => setFollowUp(req, value, 'dismissed'),
  },
  forms: {
    [FORM.plan]: (req, f) => submitPlan(req, f.state, f.values),
    [FORM.planReport]: (req, f) => submitReport(req, f.state, f.values),
  },
} satisfies FeatureRoutes;

export const planJobs = {
  planPrompts: sendDuePlanPrompts,
  followUps: sendDueFollowUps,
} satisfies Record<string, ScheduledJob>;
