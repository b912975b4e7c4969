import { z } from 'zod';
import { languageSchema } from '../src/core/contract/language.js';
import type { Message } from '../src/core/contract/message.js';

// Mirrors `Message` in src/core/messages/model.ts; `satisfies` below keeps the two from drifting apart.

const buttonSchema = z.object({
  action: z.string(),
  label: z.string(),
  value: z.string(),
  style: z.enum(['primary', 'danger']).optional(),
  url: z.string().optional(),
});

const fieldSchema = z.object({ label: z.string(), value: z.string() });

const barRowSchema = z.object({ label: z.string(), count: z.number(), max: z.number() });

const bucketSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);

const trendColumnSchema = z.object({
  id: z.string(),
  roundIds: z.array(z.string()).readonly(),
  label: z.string(),
  axisLabel: z.array(z.string()).readonly(),
  respondents: z.number(),
  groups: z.number(),
  median: bucketSchema,
  low: bucketSchema,
  high: bucketSchema,
});

const trendChartSchema = z.object({
  scope: z.enum(['group', 'groups']),
  language: languageSchema,
  title: z.string(),
  subtitle: z.array(z.string()).readonly(),
  panels: z
    .array(
      z.object({
        question: z.string(),
        title: z.string(),
        scale: z.tuple([z.string(), z.string(), z.string(), z.string(), z.string()]).readonly(),
        columns: z.array(trendColumnSchema).readonly(),
      }),
    )
    .readonly(),
  altText: z.string(),
});

const pictureSchema = z.object({
  pngBase64: z.string(),
  width: z.number(),
  height: z.number(),
  title: z.string(),
  altText: z.string(),
  filename: z.string(),
});

const blockSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('heading'), text: z.string() }),
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('context'), text: z.string() }),
  z.object({ type: z.literal('fields'), fields: z.array(fieldSchema) }),
  z.object({
    type: z.literal('bars'),
    title: z.string(),
    rows: z.array(barRowSchema),
    summary: z.string().optional(),
  }),
  z.object({ type: z.literal('actions'), buttons: z.array(buttonSchema) }),
  z.object({ type: z.literal('divider') }),
  z.object({ type: z.literal('chart'), chart: trendChartSchema }),
  // The core never stores a drawn picture (the outbox draws it at send time); the shape is here so that
  // the schema is exactly Message's.
  z.object({ type: z.literal('image'), image: pictureSchema }),
]);

const attachmentSchema = z.object({ filename: z.string(), mimeType: z.string(), content: z.string() });

export const messageSchema = z.object({
  fallbackText: z.string(),
  blocks: z.array(blockSchema),
  attachment: attachmentSchema.optional(),
}) satisfies z.ZodType<Message>;

/** What a sent row keeps once its body is pruned. */
export const PRUNED_MESSAGE: Message = { fallbackText: '', blocks: [] };

/** Parses a stored message; throws without echoing the content (it may be confidential). */
export function parseStoredMessage(json: string, rowId: string): Message {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    throw new Error(`outbox row ${rowId}: message is not valid JSON`);
  }
  const parsed = messageSchema.safeParse(value);
  if (!parsed.success) throw new Error(`outbox row ${rowId}: message does not match the Message shape`);
  return parsed.data;
}
