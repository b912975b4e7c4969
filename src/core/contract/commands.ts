/**
 * Every sub-command of `/cairn` (Slack, playground) and of the Teams bot, with its French aliases.
 * Adapters and manifests are checked against this list.
 */
export const COMMANDS = [
  { name: 'help', aliases: ['aide'], facilitatorOnly: false },
  { name: 'setup', aliases: ['configurer', 'config'], facilitatorOnly: false },
  { name: 'session', aliases: ['seance'], facilitatorOnly: true },
  { name: 'sessions', aliases: ['seances'], facilitatorOnly: false },
  { name: 'case', aliases: ['cas'], facilitatorOnly: false },
  { name: 'cases', aliases: ['mes-cas', 'dossiers'], facilitatorOnly: false },
  { name: 'checkin', aliases: ['check-in', 'meteo'], facilitatorOnly: false },
  { name: 'synthesis', aliases: ['synthese'], facilitatorOnly: true },
  { name: 'syntheses', aliases: ['syntheses-du-groupe', 'comptes-rendus'], facilitatorOnly: false },
  { name: 'guide', aliases: ['animer'], facilitatorOnly: true },
  { name: 'note', aliases: ['noter'], facilitatorOnly: false },
  { name: 'notes', aliases: ['carnet', 'mes-notes'], facilitatorOnly: false },
  { name: 'plan', aliases: ['plan-d-action'], facilitatorOnly: false },
  { name: 'rotation', aliases: ['roulement'], facilitatorOnly: true },
  { name: 'pause', aliases: [], facilitatorOnly: false },
  { name: 'language', aliases: ['langue'], facilitatorOnly: false },
  { name: 'privacy', aliases: ['confidentialite'], facilitatorOnly: false },
  { name: 'my-data', aliases: ['mes-donnees'], facilitatorOnly: false },
  { name: 'forget-me', aliases: ['oubliez-moi', 'oublie-moi'], facilitatorOnly: false },
] as const;

export type CommandName = (typeof COMMANDS)[number]['name'];

/** Lower case, accents and surrounding punctuation removed: "Séance" -> "seance". */
export function normalizeWord(word: string): string {
  return word
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '');
}

export type ParsedCommand = { name: CommandName | null; word: string; args: string };

/** Splits "case How can I…?" into the sub-command and the rest, verbatim. */
export function parseCommand(text: string): ParsedCommand {
  const trimmed = text.trim();
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  if (!match) return { name: 'help', word: '', args: '' };
  const word = normalizeWord(match[1] ?? '');
  const args = (match[2] ?? '').trim();
  const command = COMMANDS.find((c) => c.name === word || (c.aliases as readonly string[]).includes(word));
  return { name: command?.name ?? null, word: match[1] ?? '', args };
}
