import type { ChatPlatform } from '../contract/chat-platform.js';

/** The chat platforms this process serves, by id. */
export class Platforms {
  private readonly byId = new Map<string, ChatPlatform>();

  constructor(platforms: ChatPlatform[] = []) {
    for (const p of platforms) this.add(p);
  }

  add(platform: ChatPlatform): void {
    this.byId.set(platform.id, platform);
  }

  get(id: string): ChatPlatform {
    const platform = this.byId.get(id);
    if (!platform) throw new Error(`No chat platform registered as "${id}"`);
    return platform;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  list(): ChatPlatform[] {
    return [...this.byId.values()];
  }
}
