import type { Activity } from './fake-connector.js';

/** Reading Cairn's Adaptive Cards the way a person would, for assertions. */
// biome-ignore lint/suspicious/noExplicitAny: Adaptive Card JSON
export type Card = Record<string, any>;
// biome-ignore lint/suspicious/noExplicitAny: Adaptive Card JSON
type Element = Record<string, any>;

export function cardOf(activity: Activity | undefined): Card {
  const card = activity?.attachments?.[0]?.content;
  if (!card) throw new Error(`not a card activity: ${JSON.stringify(activity)?.slice(0, 300)}`);
  return card;
}

/** Every element of a card, depth first (containers, column sets and action sets included). */
export function elementsOf(card: Card): Element[] {
  const out: Element[] = [];
  const walk = (items: Element[] | undefined) => {
    for (const item of items ?? []) {
      out.push(item);
      walk(item.items);
      walk(item.columns);
      walk(item.actions);
    }
  };
  walk(card.body);
  walk(card.actions);
  return out;
}

/** Markdown escapes undone, as Teams shows the text. */
export const shown = (text: string): string => text.replace(/\\(.)/g, '$1').replace(/\n\n/g, '\n');

/** All the text a person reads on the card. */
export function cardText(card: Card): string {
  const parts: string[] = [];
  for (const e of elementsOf(card)) {
    if (e.type === 'TextBlock') parts.push(shown(e.text));
    if (e.type === 'FactSet') for (const f of e.facts) parts.push(`${shown(f.title)}: ${shown(f.value)}`);
    if (e.type?.startsWith('Action.')) parts.push(`[${e.title}]`);
    if (e.type?.startsWith('Input.')) parts.push(e.label ?? '');
  }
  return parts.join('\n');
}

export function buttonsOf(card: Card): Element[] {
  return elementsOf(card).filter((e) => e.type === 'Action.Submit' || e.type === 'Action.OpenUrl');
}

/** The data of the button whose title matches. */
// biome-ignore lint/suspicious/noExplicitAny: card data
export function button(card: Card, title: RegExp): Record<string, any> {
  const found = buttonsOf(card).find((b) => title.test(b.title));
  if (!found)
    throw new Error(
      `no button ${title} in: ${buttonsOf(card)
        .map((b) => b.title)
        .join(', ')}`,
    );
  return found.data;
}

export function inputsOf(card: Card): Element[] {
  return elementsOf(card).filter((e) => e.type?.startsWith('Input.'));
}

/**
 * What Teams sends when the dialog's submit button is pressed: the button's data merged with every input's
 * value (`values` by field id; other inputs keep what the card shows).
 */
export function fill(card: Card, values: Record<string, string | string[] | boolean>, submit = /./): Element {
  const data: Element = {
    ...buttonsOf(card).find((b) => b.style === 'positive' && submit.test(b.title))?.data,
  };
  if (!data.verb) throw new Error('no submit button');
  for (const input of inputsOf(card)) {
    const id = String(input.id).slice(2);
    const given = values[id];
    let value: string;
    if (given === undefined) value = input.value ?? (input.type === 'Input.Toggle' ? input.valueOff : '');
    else if (Array.isArray(given)) value = given.join(',');
    else if (typeof given === 'boolean') value = given ? input.valueOn : input.valueOff;
    else value = given;
    data[input.id] = value;
  }
  return data;
}

/** The error text shown under a field of a re-rendered form, if any. */
export function errorUnder(card: Card, fieldId: string): string | undefined {
  const body: Element[] = card.body;
  const index = body.findIndex((e) => e.id === `f.${fieldId}`);
  if (index < 0) throw new Error(`no field ${fieldId}`);
  for (const e of body.slice(index + 1)) {
    if (e.type?.startsWith('Input.')) return undefined;
    if (e.type === 'TextBlock' && e.color === 'Attention') return shown(e.text);
  }
  return undefined;
}
