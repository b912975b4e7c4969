import { z } from 'zod';
import { LONG_TEXT_MAX } from './case.js';

export const synthesisContentSchema = z.object({
  themes: z.string().trim().min(1).max(LONG_TEXT_MAX),
  learned: z.string().trim().min(1).max(LONG_TEXT_MAX),
  commitments: z.string().trim().max(LONG_TEXT_MAX),
  freeText: z.string().trim().max(LONG_TEXT_MAX),
});
export type SynthesisContent = z.infer<typeof synthesisContentSchema>;

export type Synthesis = SynthesisContent & {
  id: string;
  authorId: string | null;
  sessionId: string | null;
  targetGroups: string[];
  status: 'draft' | 'posted';
  version: number;
  createdAt: Date;
  updatedAt: Date;
};

export type SynthesisPost = { synthesisId: string; groupId: string; outboxId: string; postedAt: Date };
