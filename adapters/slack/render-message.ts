import type { types } from '@slack/bolt';
import { type Block, type Button, chartAsText, type Message } from '../../src/core/contract/message.js';
import { escapedPieces, escapeShort, escapeText } from './escape.js';

type KnownBlock = types.KnownBlock;
type SectionBlock = types.SectionBlock;
type PlainText = types.PlainTextElement;

/** Block Kit's limits (docs.slack.dev/reference/block-kit). */
export const LIMITS = {
  sectionText: 3000,
  header: 150,
  field: 2000,
  fieldsPerSection: 10,
  contextText: 2000,
  contextElements: 10,
  buttonText: 75,
  buttonsPerBlock: 25,
  buttonValue: 2000,
  messageBlocks: 50,
  viewBlocks: 100,
} as const;

/** Everything is plain_text: no mrkdwn, so nothing a person wrote can turn into markup either. */
const plain = (escaped: string): PlainText => ({ type: 'plain_text', text: escaped, emoji: true });

const sections = (text: string): SectionBlock[] =>
  text.trim() === ''
    ? []
    : escapedPieces(text, LIMITS.sectionText).map((piece) => ({ type: 'section', text: plain(piece) }));

/** `action#2` when one block holds the same action twice (Slack wants unique action ids per block). */
export const ACTION_SUFFIX = '#';
export const URL_ACTION_PREFIX = 'url:';

/** The core's action id behind a Block Kit action_id; null for link buttons (nothing to route). */
export function coreAction(actionId: string): string | null {
  if (actionId.startsWith(URL_ACTION_PREFIX)) return null;
  const at = actionId.indexOf(ACTION_SUFFIX);
  return at === -1 ? actionId : actionId.slice(0, at);
}

function renderButtons(buttons: Button[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  for (let i = 0; i < buttons.length; i += LIMITS.buttonsPerBlock) {
    const seen = new Map<string, number>();
    const elements = buttons.slice(i, i + LIMITS.buttonsPerBlock).map((b): types.Button => {
      const base = b.url ? `${URL_ACTION_PREFIX}${b.action}` : b.action;
      const n = (seen.get(base) ?? 0) + 1;
      seen.set(base, n);
      const button: types.Button = {
        type: 'button',
        action_id: n === 1 ? base : `${base}${ACTION_SUFFIX}${n}`,
        text: plain(escapeShort(b.label || '…', LIMITS.buttonText)),
      };
      if (b.value) button.value = b.value.slice(0, LIMITS.buttonValue);
      if (b.url) button.url = b.url;
      if (b.style) button.style = b.style;
      return button;
    });
    blocks.push({ type: 'actions', elements });
  }
  return blocks;
}

function renderContext(text: string): KnownBlock[] {
  if (text.trim() === '') return [];
  const pieces = escapedPieces(text, LIMITS.contextText).map(plain);
  const blocks: KnownBlock[] = [];
  for (let i = 0; i < pieces.length; i += LIMITS.contextElements)
    blocks.push({ type: 'context', elements: pieces.slice(i, i + LIMITS.contextElements) });
  return blocks;
}

function renderFields(fields: { label: string; value: string }[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let batch: PlainText[] = [];
  const flush = () => {
    if (batch.length) blocks.push({ type: 'section', fields: batch });
    batch = [];
  };
  for (const { label, value } of fields) {
    const joined = `${label}\n${value || '—'}`;
    if (escapeText(joined).length > LIMITS.field) {
      // Too long to be a field: the same text as its own sections, never cut.
      flush();
      blocks.push(...sections(joined));
      continue;
    }
    batch.push(plain(escapeText(joined)));
    if (batch.length === LIMITS.fieldsPerSection) flush();
  }
  flush();
  return blocks;
}

const BAR_WIDTH = 10;

function bar(count: number, max: number): string {
  const filled = max > 0 ? Math.round((Math.min(count, max) / max) * BAR_WIDTH) : 0;
  return '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
}

export function renderBlock(block: Block): KnownBlock[] {
  switch (block.type) {
    case 'heading':
      if (block.text.trim() === '') return [];
      return escapeText(block.text).length <= LIMITS.header
        ? [{ type: 'header', text: plain(escapeText(block.text)) }]
        : sections(block.text);
    case 'text':
      return sections(block.text);
    case 'context':
      return renderContext(block.text);
    case 'fields':
      return renderFields(block.fields);
    case 'bars': {
      const rows = block.rows.map((r) => `${r.label}\n${bar(r.count, r.max)}  ${r.count}`);
      return [...sections([block.title, ...rows].join('\n')), ...renderContext(block.summary ?? '')];
    }
    case 'actions':
      return renderButtons(block.buttons);
    case 'divider':
      return [{ type: 'divider' }];
    // A picture is shared as a file (platform.ts); where only blocks can go (a reply, an edit), its words.
    case 'chart':
      return renderBlocks(chartAsText(block.chart));
    case 'image':
      return renderBlocks(chartAsText(block.image));
  }
}

const isPlainSection = (b: KnownBlock): b is SectionBlock & { text: PlainText } =>
  b.type === 'section' && !b.fields && !b.accessory && b.text?.type === 'plain_text';

/**
 * Keeps a surface under its block limit: first by merging neighbouring text sections (no text is lost),
 * then, if it is still too long, by ending with a visible "…" (reported through `truncated`).
 */
export function fitBlocks(blocks: KnownBlock[], max: number): { blocks: KnownBlock[]; truncated: boolean } {
  if (blocks.length <= max) return { blocks, truncated: false };
  const merged: KnownBlock[] = [];
  for (const block of blocks) {
    const last = merged[merged.length - 1];
    if (last && isPlainSection(last) && isPlainSection(block)) {
      const text = `${last.text.text}\n\n${block.text.text}`;
      if (text.length <= LIMITS.sectionText) {
        merged[merged.length - 1] = { type: 'section', text: plain(text) };
        continue;
      }
    }
    merged.push(block);
  }
  if (merged.length <= max) return { blocks: merged, truncated: false };
  return {
    blocks: [...merged.slice(0, max - 1), { type: 'context', elements: [plain('…')] }],
    truncated: true,
  };
}

export function renderBlocks(blocks: Block[]): KnownBlock[] {
  return blocks.flatMap(renderBlock);
}

export type SlackMessage = { text: string; blocks: KnownBlock[]; truncated: boolean };

/** A neutral message as chat.postMessage / chat.update / response_url arguments. */
export function renderMessage(message: Message, maxBlocks: number = LIMITS.messageBlocks): SlackMessage {
  const rendered = renderBlocks(message.blocks);
  // An attachment (a person's own data export) is shown as text: Cairn uploads only its trend pictures.
  if (message.attachment)
    rendered.push(...renderContext(message.attachment.filename), ...sections(message.attachment.content));
  const { blocks, truncated } = fitBlocks(rendered, maxBlocks);
  return { text: escapeText(message.fallbackText), blocks, truncated };
}
