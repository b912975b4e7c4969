import { MemoryPlatform } from '../../../adapters/memory/platform.js';
import type { Message } from '../../../src/core/contract/message.js';
import type { Sent } from './strategies.js';

/** The memory platform, keeping what a chat platform keeps: every message sent, with its time. */
export class TimedMemoryPlatform extends MemoryPlatform {
  readonly sentLog: Sent[] = [];
  /** The platform's clock (the test's manual clock). */
  now: () => number = () => Date.now();

  override async sendDirect(userRef: string, message: Message): Promise<string> {
    const ref = await super.sendDirect(userRef, message);
    this.sentLog.push({ at: this.now(), address: userRef });
    return ref;
  }

  override async postToSpace(address: string, message: Message): Promise<string> {
    const ref = await super.postToSpace(address, message);
    this.sentLog.push({ at: this.now(), address });
    return ref;
  }

  override async updateMessage(ref: string, message: Message): Promise<void> {
    await super.updateMessage(ref, message);
    const original = this.deliveries.find((d) => d.ref === ref);
    this.sentLog.push({ at: this.now(), address: original?.address ?? ref });
  }
}
