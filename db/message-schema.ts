import { z } from 'zod';
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
