/** How long after opening the Home tab a person is taken to still be looking at it. */
const RECENT_MS = 60 * 60_000;
const MOST = 10_000;

/**
 * Who opened their App Home lately (user ids and times, in memory only). Slack asks for the Home tab to be
 * published when it is opened, which Cairn does; refreshing it after every form a person submits is only
 * worth an API call when they may be looking at it.
 */
export class HomeViewers {
  private readonly openedAt = new Map<string, number>();

  opened(workspace: string, userId: string, now = Date.now()): void {
    const key = `${workspace}:${userId}`;
    this.openedAt.delete(key);
    this.openedAt.set(key, now);
    if (this.openedAt.size > MOST) this.openedAt.delete(this.openedAt.keys().next().value as string);
  }

  lookingNow(workspace: string, userId: string, now = Date.now()): boolean {
    const at = this.openedAt.get(`${workspace}:${userId}`);
    return at !== undefined && now - at < RECENT_MS;
  }
}
