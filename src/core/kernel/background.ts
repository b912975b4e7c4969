import { errorSummary } from '../contract/error-summary.js';
import type { Logger } from '../contract/logger.js';

/**
 * Work started after the platform's response window (syncing members, for example). Tracked so that
 * shutdown and tests can wait for it; failures are logged, never thrown at the caller.
 */
export class Background {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly logger: Logger) {}

  run(name: string, work: () => Promise<void>): void {
    const task = work()
      .catch((err: unknown) =>
        this.logger.error({ task: name, err: errorSummary(err) }, 'background task failed'),
      )
      .finally(() => this.running.delete(task));
    this.running.add(task);
  }

  /** Resolves when every task started so far (and those they start) has finished. */
  async idle(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
