import { createRequire } from 'node:module';
import type { Card } from './cards.js';

/** The part of Microsoft's Adaptive Cards SDK used here (its bundled build runs in Node without a DOM). */
type Sdk = {
  AdaptiveCard: new () => {
    parse(json: unknown, context: unknown): void;
    validateProperties(): { validationEvents: { message: string }[] };
  };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
};
const sdk = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as Sdk;

/**
 * What Microsoft's Adaptive Cards SDK (the `adaptivecards` package, the renderers' object model) says about
 * a card: every warning it raises while reading it (unknown element or action types, values a property
 * does not allow, a version it does not know) and every property validation failure (duplicate ids,
 * missing required values). An empty list means the SDK reads the card as written.
 */
export function cardProblems(card: Card): string[] {
  const parsed = new sdk.AdaptiveCard();
  const context = new sdk.SerializationContext();
  parsed.parse(card, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const event of parsed.validateProperties().validationEvents) problems.push(event.message);
  return problems;
}
