import type { Picture, TrendChart } from './chart.js';

/**
 * The neutral outbound message. Every string in it is plain text: adapters escape all of it,
 * so nothing a person wrote can become a mention, a link or markup on any platform.
 */
export type Button = {
  /** Stable action id, routed by the core (see `ActionId`). */
  action: string;
  label: string;
  /** Opaque value carried back with the action (an id, never personal content). */
  value: string;
  style?: 'primary' | 'danger';
  /** When set the button is a link, not an action. */
  url?: string;
};

export type Field = { label: string; value: string };

export type BarRow = { label: string; count: number; max: number };

export type Block =
  | { type: 'heading'; text: string }
  | { type: 'text'; text: string }
  | { type: 'context'; text: string }
  | { type: 'fields'; fields: Field[] }
  | { type: 'bars'; title: string; rows: BarRow[]; summary?: string }
  | { type: 'actions'; buttons: Button[] }
  | { type: 'divider' }
  /**
   * A check-in trend to draw. Stored as data (aggregates already released, see chart.ts); the outbox draws
   * it when it sends the message, as a picture the platform can show, or as its text alternative when it
   * cannot (no picture on that platform, a drawing that failed or does not fit).
   */
  | { type: 'chart'; chart: TrendChart }
  /** A chart drawn at send time. Never stored: only the outbox makes one, from a `chart` block. */
  | { type: 'image'; image: Picture };

export type Attachment = { filename: string; mimeType: string; content: string };

export type Message = {
  /** What notifications and clients without rich rendering show. Always set. */
  fallbackText: string;
  blocks: Block[];
  attachment?: Attachment;
};

export function message(fallbackText: string, ...blocks: Block[]): Message {
  return { fallbackText, blocks: blocks.length ? blocks : [{ type: 'text', text: fallbackText }] };
}

export const heading = (text: string): Block => ({ type: 'heading', text });
export const text = (value: string): Block => ({ type: 'text', text: value });
export const context = (value: string): Block => ({ type: 'context', text: value });
export const fields = (...items: Field[]): Block => ({ type: 'fields', fields: items });
export const actions = (...buttons: Button[]): Block => ({ type: 'actions', buttons });
export const divider = (): Block => ({ type: 'divider' });
export const chart = (value: TrendChart): Block => ({ type: 'chart', chart: value });

/** What a platform shows in place of a chart it cannot draw: its title and text alternative. */
export const chartAsText = (value: Pick<TrendChart, 'title' | 'altText'>): Block[] => [
  { type: 'heading', text: value.title },
  { type: 'text', text: value.altText },
];
