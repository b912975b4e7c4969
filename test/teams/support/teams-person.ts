import { button, type Card, cardOf, fill } from './cards.js';
import type { Activity, TeamsUserAccount } from './fake-connector.js';
import type { TeamsHarness } from './harness.js';
import type { Where } from './teams-client.js';

/**
 * One person in Teams, with the vocabulary of the core's scenario tests (`MemoryUser`): `command`,
 * `press`, `submit`, `form`, `directs`, `lastReply`. Under it, real activities to Cairn's /api/messages
 * and what the fake Bot Connector received.
 */
export class TeamsPerson {
  /** The dialog open for this person (undefined once it closed). */
  form: Card | undefined;
  /** What Cairn answered last: a dialog's card, or the card it posted in the person's 1:1 chat. */
  lastReply: Card | undefined;

  constructor(
    private readonly h: TeamsHarness,
    readonly account: TeamsUserAccount,
  ) {}

  /** The cards Cairn posted in this person's 1:1 chat, oldest first. */
  get directs(): Card[] {
    return this.h.fake
      .messagesIn(this.h.fake.personalChatOf(this.account))
      .filter((a) => a.attachments?.[0]?.content)
      .map((a) => cardOf(a));
  }

  /** A typed command (in a group chat or channel with `in`); the card Cairn answered with, if any. */
  async command(text: string, where?: { in: Where }): Promise<Card | undefined> {
    const before = this.directs.length;
    const answer = await this.h.client.say(this.account, text, where?.in);
    if (answer.status !== 200) throw new Error(`command answered ${answer.status}`);
    this.lastReply = this.directs.slice(before).at(-1);
    return this.lastReply;
  }

  /**
   * Presses the button whose title matches, on the given card or else on the latest card of the 1:1 chat
   * that has it; a dialog it opens becomes `form`.
   */
  async press(title: RegExp, card?: Card): Promise<Card | undefined> {
    const target = card ?? [...this.directs].reverse().find((c) => hasButton(c, title));
    if (!target) throw new Error(`no ${title} button in the 1:1 chat of ${this.account.name}`);
    const task = await this.h.client.fetchTask(this.account, button(target, title));
    return this.receive(task);
  }

  /** Fills the open dialog (values by field id) and submits it; the next dialog, or undefined once closed. */
  async submit(values: Record<string, string | string[] | boolean> = {}): Promise<Card | undefined> {
    if (!this.form) throw new Error(`${this.account.name} has no dialog open`);
    return this.receive(await this.h.client.submitTask(this.account, fill(this.form, values)));
  }

  private receive(task: Activity | undefined): Card | undefined {
    const card = task?.type === 'continue' ? (task.value.card.content as Card) : undefined;
    this.form = card && hasInputs(card) ? card : undefined;
    this.lastReply = card;
    return card;
  }
}

const hasButton = (card: Card, title: RegExp): boolean => {
  try {
    button(card, title);
    return true;
  } catch {
    return false;
  }
};

const hasInputs = (card: Card): boolean => /"type":"Input\./.test(JSON.stringify(card));
