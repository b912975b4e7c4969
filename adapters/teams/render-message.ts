import { type Block, type Button, chartAsText, type Message } from '../../src/core/contract/message.js';
import { escapeMarkdown, plainText } from './escape.js';
import { VERB } from './payloads.js';

/** One element of an Adaptive Card (the JSON Teams renders). */
export type CardElement = { type: string; [key: string]: unknown };
export type AdaptiveCard = CardElement & { type: 'AdaptiveCard'; version: string; body: CardElement[] };
export type CardAttachment = {
  contentType: 'application/vnd.microsoft.card.adaptive';
  content: AdaptiveCard;
};

export const CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';
export const CARD_VERSION = '1.5';

/** Where a card is shown: buttons in a chat open a dialog; inside a dialog they submit it. */
export type CardContext = 'chat' | 'dialog';

const BAR_WIDTH = 10;

export function adaptiveCard(body: CardElement[], fallbackText: string): AdaptiveCard {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: CARD_VERSION,
    fallbackText: plainText(fallbackText),
    msteams: { width: 'Full' },
    body,
  };
}

export const attachmentOf = (card: AdaptiveCard): CardAttachment => ({
  contentType: CARD_CONTENT_TYPE,
  content: card,
});

/** A neutral message as an Adaptive Card; every string in it is escaped. */
export function renderCard(message: Message, where: CardContext = 'chat'): AdaptiveCard {
  const body = renderBlocks(message.blocks, where);
  const parts = message.attachment ? attachmentParts(message.attachment) : [];
  if (parts[0]) body.push(parts[0]);
  return adaptiveCard(body, message.fallbackText);
}

export type MessageActivity = { type: 'message'; summary: string; attachments: CardAttachment[] };

/** The activity Cairn sends for a message: the card, with `fallbackText` as the notification summary. */
export function messageActivity(message: Message): MessageActivity {
  return messageActivities(message)[0]!;
}

/**
 * The activities for a message: one, unless its attachment is too long for one Teams message (about
 * 28 KB): the rest of it then follows in as many messages as needed, so nothing is cut.
 */
export function messageActivities(message: Message): MessageActivity[] {
  const activities = activitiesOf(message);
  // A picture travels inside the message, as a data URI: one that would make it too long (the outbox draws
  // it small enough, with margin, so this is a last resort) is replaced by its words.
  if (byteLength(activities[0]) <= MAX_ACTIVITY_BYTES || !hasPicture(message)) return activities;
  return activitiesOf({
    ...message,
    blocks: message.blocks.flatMap((b) => (b.type === 'image' ? chartAsText(b.image) : [b])),
  });
}

/**
 * How long one message may be, in bytes of JSON: Teams refuses longer ones (413, MessageSizeTooBig). Its
 * documentation has said 28 KB, then 40 and 100 KB without base64 images; Cairn keeps to the smallest.
 */
export const MAX_ACTIVITY_BYTES = 28_000;

const byteLength = (activity: MessageActivity | undefined): number =>
  Buffer.byteLength(JSON.stringify(activity ?? {}));
const hasPicture = (message: Message): boolean => message.blocks.some((b) => b.type === 'image');

function activitiesOf(message: Message): MessageActivity[] {
  const summary = plainText(message.fallbackText).slice(0, 500);
  const first: MessageActivity = {
    type: 'message',
    summary,
    attachments: [attachmentOf(renderCard(message))],
  };
  const rest = message.attachment ? attachmentParts(message.attachment).slice(1) : [];
  return [
    first,
    ...rest.map(
      (part): MessageActivity => ({
        type: 'message',
        summary,
        attachments: [attachmentOf(adaptiveCard([part], message.fallbackText))],
      }),
    ),
  ];
}

/** Characters of an attachment per message, escaped text included well under Teams' message size. */
const ATTACHMENT_PART_CHARS = 12_000;

/**
 * Bots cannot simply attach a file in Teams (that needs a OneDrive consent flow), so a file the core
 * attaches (the my-data export) is shown as text behind a button bearing its name, in parts if it is long.
 */
function attachmentParts(attachment: NonNullable<Message['attachment']>): CardElement[] {
  const { content } = attachment;
  const count = Math.max(1, Math.ceil(content.length / ATTACHMENT_PART_CHARS));
  return Array.from({ length: count }, (_, i) => {
    const title = count > 1 ? `${attachment.filename} (${i + 1}/${count})` : attachment.filename;
    const part = content.slice(i * ATTACHMENT_PART_CHARS, (i + 1) * ATTACHMENT_PART_CHARS);
    return {
      type: 'ActionSet',
      actions: [
        {
          type: 'Action.ShowCard',
          title: plainText(title),
          card: adaptiveCard(
            [
              {
                type: 'TextBlock',
                text: escapeMarkdown(part),
                wrap: true,
                fontType: 'Monospace',
                size: 'Small',
              },
            ],
            title,
          ),
        },
      ],
    };
  });
}

export function renderBlocks(blocks: Block[], where: CardContext): CardElement[] {
  const body: CardElement[] = [];
  let separate = false;
  for (const block of blocks) {
    if (block.type === 'divider') {
      separate = true;
      continue;
    }
    const elements = renderBlock(block, where);
    if (separate && elements[0]) {
      elements[0] = { ...elements[0], separator: true, spacing: 'Medium' };
      separate = false;
    }
    body.push(...elements);
  }
  return body;
}

function renderBlock(block: Exclude<Block, { type: 'divider' }>, where: CardContext): CardElement[] {
  switch (block.type) {
    case 'heading':
      return [textBlock(block.text, { size: 'Medium', weight: 'Bolder' })];
    case 'text':
      return [textBlock(block.text)];
    case 'context':
      return [textBlock(block.text, { size: 'Small', isSubtle: true })];
    case 'fields':
      return [
        {
          type: 'FactSet',
          facts: block.fields.map((f) => ({
            title: escapeMarkdown(f.label),
            value: escapeMarkdown(f.value),
          })),
        },
      ];
    case 'bars':
      return [
        textBlock(block.title, { weight: 'Bolder' }),
        {
          type: 'FactSet',
          facts: block.rows.map((row) => ({ title: escapeMarkdown(row.label), value: barText(row) })),
        },
        ...(block.summary ? [textBlock(block.summary, { size: 'Small', isSubtle: true })] : []),
      ];
    case 'actions':
      return [{ type: 'ActionSet', actions: block.buttons.map((b) => renderButton(b, where)) }];
    case 'image':
      return [
        textBlock(block.image.title, { weight: 'Bolder' }),
        {
          type: 'Image',
          url: `data:image/png;base64,${block.image.pngBase64}`,
          altText: plainText(block.image.altText),
          // Its own width, narrowed to the card's when wider, never stretched past it.
          size: 'Auto',
        },
      ];
    case 'chart':
      return renderBlocks(chartAsText(block.chart), where);
  }
}

function textBlock(text: string, style: Record<string, unknown> = {}): CardElement {
  return { type: 'TextBlock', text: escapeMarkdown(text), wrap: true, ...style };
}

/** "▇▇▇▇░░░░░░ 4": a result row as text, scaled to the row's maximum. */
export function barText(row: { count: number; max: number }): string {
  const filled = row.max > 0 ? Math.round((Math.min(row.count, row.max) / row.max) * BAR_WIDTH) : 0;
  return `${'▇'.repeat(filled)}${'░'.repeat(BAR_WIDTH - filled)} ${row.count}`;
}

export function renderButton(button: Button, where: CardContext): CardElement {
  const title = plainText(button.label);
  if (button.url) return { type: 'Action.OpenUrl', title, url: button.url };
  const style =
    button.style === 'primary' ? 'positive' : button.style === 'danger' ? 'destructive' : undefined;
  const data: Record<string, unknown> = { verb: VERB.action, action: button.action, value: button.value };
  // In a chat, a button opens a dialog (task/fetch): the answer shows only to the person who pressed it,
  // even in a group chat. Inside a dialog, a button submits the dialog (task/submit).
  if (where === 'chat') data.msteams = { type: 'task/fetch' };
  return { type: 'Action.Submit', title, data, ...(style ? { style } : {}) };
}
