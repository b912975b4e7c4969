import type { InboundEvent } from '../../src/core/contract/events.js';
import type { Language } from '../../src/core/contract/language.js';
import type { Logger } from '../../src/core/contract/logger.js';
import type { Reply } from '../../src/core/contract/reply.js';
import type { ConversationStore } from './conversation-store.js';
import type { FormCache } from './form-cache.js';
import type { TeamsPlatform } from './platform.js';

/** What the listeners share. */
export type TeamsDeps = {
  core: { handle(event: InboundEvent): Promise<Reply> };
  platform: TeamsPlatform;
  store: ConversationStore;
  forms: FormCache;
  logger: Logger;
  defaultLanguage: Language;
};
