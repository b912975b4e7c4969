import type { suspension as fr } from '../fr/suspension.js';
import type { Widen } from '../widen.js';

export const suspension: Widen<typeof fr> = {
  'suspension.fallback': (p) => `Cairn was removed from the space of the group "${p.group}"`,
  'suspension.title': (p) => `Group "${p.group}" suspended`,
  'suspension.body': (p) =>
    `Cairn was removed from the space of the group "${p.group}". The group is suspended: no reminder, check-in or message goes out. Its data (cases, sessions, check-ins, syntheses posted only there) will be deleted on ${p.date} unless Cairn is added back to the space by then: the group will then resume as it was.`,
  'suspension.resumedFallback': (p) => `Cairn is back in the group "${p.group}"`,
  'suspension.resumed': (p) =>
    `Cairn was added back to the space of the group "${p.group}": the group resumes as it was, nothing will be deleted.`,
};
