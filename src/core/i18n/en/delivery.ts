import type { delivery as fr } from '../fr/delivery.js';
import type { Widen } from '../widen.js';

export const delivery: Widen<typeof fr> = {
  'delivery.unreachableFallback': (p) => `Cairn cannot reach ${p.name}`,
  'delivery.unreachable': (p) =>
    `Cairn cannot write to ${p.name} (group “${p.group}”): their reminders and invitations do not reach them. Suggest they open a chat with Cairn (or install the app), then write “${p.help}”.`,
};
