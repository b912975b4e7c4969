import type { Outcome } from '../../../adapters/playground/interactions.js';
import { directConversation, spaceConversation } from '../../../adapters/playground/platform.js';
import type { FormValues } from '../../../src/core/contract/form.js';
import type { PlaygroundHarness } from '../../playground/support.js';

/** Acts as one persona in the playground, through its Interactions (as the page's API would). */
export class PlaygroundPerson {
  constructor(
    private readonly pg: PlaygroundHarness,
    readonly ref: string,
  ) {}

  private get interactions() {
    return this.pg.playground.interactions;
  }

  /** `/cairn <text>` typed in a space (its address) or in the direct conversation with Cairn. */
  command(text: string, space?: string): Promise<Outcome> {
    const conversation = space ? spaceConversation(space) : directConversation(this.ref);
    return this.interactions.say(this.ref, conversation, `/cairn ${text}`);
  }

  /** Submits the open form, its initial values kept unless given. */
  async submit(values: FormValues): Promise<Outcome> {
    const open = this.interactions.openForm(this.ref);
    if (!open?.form) throw new Error(`${this.ref} has no open form`);
    const filled: FormValues = {};
    for (const field of open.form.fields) {
      if (field.initial === undefined) continue;
      filled[field.id] = typeof field.initial === 'boolean' ? (field.initial ? 'true' : '') : field.initial;
    }
    return this.interactions.submit(this.ref, open.seq, { ...filled, ...values });
  }

  /** Presses the latest button with this action on a message the persona sees in a conversation. */
  async press(action: string, conversation = directConversation(this.ref)): Promise<Outcome> {
    const entries = this.pg.playground.platform.entries(conversation, this.ref).reverse();
    for (const entry of entries) {
      const button = entry.message?.blocks
        .flatMap((b) => (b.type === 'actions' ? b.buttons : []))
        .find((b) => b.action === action);
      if (button) return this.interactions.press(this.ref, entry.id, button);
    }
    throw new Error(`no ${action} button for ${this.ref}`);
  }

  /** Everything the page shows this persona (conversations, home, open form), as JSON. */
  viewText(): string {
    return JSON.stringify(this.pg.playground.view(this.ref));
  }
}

/** The scheduler's tick and the outbox, as the running playground would do them. */
export async function runPlayground(pg: PlaygroundHarness): Promise<void> {
  await pg.core.idle();
  pg.core.tick();
  await pg.core.outbox.drain();
}
