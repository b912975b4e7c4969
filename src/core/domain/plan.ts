import { z } from 'zod';

/** Who may read an action plan besides its author. */
export const PLAN_VISIBILITIES = ['me', 'facilitators', 'group'] as const;
export type PlanVisibility = (typeof PLAN_VISIBILITIES)[number];

/** Whether Cairn asks the author how it went on the plan's date. */
export const FOLLOW_UP_STATES = ['active', 'paused', 'dismissed'] as const;
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number];

export const REPORT_OUTCOMES = ['tried', 'partly', 'notYet'] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];

/**
 * What the author lets the next session's digest carry: nothing; only that they have a report to give;
 * the report, for the facilitators; the report, shared with the group at the session.
 */
export const REPORT_SHARES = ['no', 'announce', 'facilitators', 'group'] as const;
export type ReportShare = (typeof REPORT_SHARES)[number];

export const PLAN_TEXT_MAX = 3000;
export const PLAN_SHORT_MAX = 300;

/** The plan as its author wrote it. */
export const planContentSchema = z.object({
  what: z.string().trim().min(1).max(PLAN_TEXT_MAX),
  withWhom: z.string().trim().max(PLAN_SHORT_MAX),
  support: z.string().trim().max(PLAN_TEXT_MAX),
  visibility: z.enum(PLAN_VISIBILITIES),
});
export type PlanContent = z.infer<typeof planContentSchema>;

export const reportContentSchema = z.object({
  outcome: z.enum(REPORT_OUTCOMES),
  happened: z.string().trim().min(1).max(PLAN_TEXT_MAX),
  learned: z.string().trim().max(PLAN_TEXT_MAX),
  share: z.enum(REPORT_SHARES),
});
export type Report = z.infer<typeof reportContentSchema> & {
  reportedAt: Date;
  /** The session whose facilitators' digest carried it (a report is told once). */
  digestedFor: string | null;
};

/** The action plan of a presented case ("client" of the session), its follow-up and the author's report. */
export type ActionPlan = PlanContent & {
  id: string;
  caseId: string;
  authorId: string;
  groupId: string;
  /** The local date (yyyy-mm-dd, group's zone) by which the author will have tried: the follow-up day. */
  followUpOn: string;
  followUp: FollowUpState;
  report: Report | null;
  createdAt: Date;
  updatedAt: Date;
};
