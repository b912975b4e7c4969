/**
 * Lets a fake platform hold its answers: while closed, requests wait. Requests that arrive while it is
 * closed have had no effect yet; when it opens with `drop`, they are dropped (the client died meanwhile).
 */
export class AnswerGate {
  private gate: Promise<boolean> | undefined;
  private resolve: ((drop: boolean) => void) | undefined;

  get closed(): boolean {
    return this.gate !== undefined;
  }

  close(): void {
    if (this.gate) return;
    this.gate = new Promise((resolve) => {
      this.resolve = resolve;
    });
  }

  /** Opens the gate; with `drop`, what arrived while it was closed is dropped. */
  open(drop = false): void {
    this.resolve?.(drop);
    this.gate = undefined;
    this.resolve = undefined;
  }

  /** Waits while the gate is closed; true when what waited must be dropped. */
  async pass(): Promise<boolean> {
    let dropped = false;
    while (this.gate) dropped = (await this.gate) || dropped;
    return dropped;
  }
}
