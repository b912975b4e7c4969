import { z } from 'zod';

export const CASE_KINDS = ['problem', 'project', 'concern'] as const;
export const CASE_URGENCIES = ['low', 'medium', 'high'] as const;
export const CASE_VISIBILITIES = ['facilitator', 'group'] as const;
export const CASE_STATUSES = ['submitted', 'selected', 'postponed', 'presented', 'withdrawn'] as const;

export type CaseKind = (typeof CASE_KINDS)[number];
export type CaseUrgency = (typeof CASE_URGENCIES)[number];
export type CaseVisibility = (typeof CASE_VISIBILITIES)[number];
export type CaseStatus = (typeof CASE_STATUSES)[number];

export const TITLE_MAX = 150;
export const LONG_TEXT_MAX = 3000;

/** What the author wrote; validated at the form boundary. */
export const caseContentSchema = z.object({
  title: z.string().trim().min(1).max(TITLE_MAX),
  kind: z.enum(CASE_KINDS),
  situation: z.string().trim().min(1).max(LONG_TEXT_MAX),
  stakes: z.string().trim().min(1).max(LONG_TEXT_MAX),
  tried: z.string().trim().min(1).max(LONG_TEXT_MAX),
  expectations: z.string().trim().min(1).max(LONG_TEXT_MAX),
  urgency: z.enum(CASE_URGENCIES),
  visibility: z.enum(CASE_VISIBILITIES),
});
export type CaseContent = z.infer<typeof caseContentSchema>;

export type Case = CaseContent & {
  id: string;
  groupId: string;
  sessionId: string | null;
  authorId: string;
  status: CaseStatus;
  createdAt: Date;
  updatedAt: Date;
  /** The client's request in one sentence, recorded with the session guide at "contract". */
  clientRequest: string | null;
};

/** A case still proposed: neither withdrawn nor presented, whether its session is ahead or went by without it. */
export const isProposed = (c: Case): boolean =>
  c.status === 'submitted' || c.status === 'selected' || c.status === 'postponed';
