import { COMMANDS, type CommandName } from '../../src/core/contract/commands.js';
import type { Language } from '../../src/core/contract/language.js';
import { type Core, type PlainKey, translator } from '../../src/core/index.js';
import type { CommandView, ConversationView, EntryView, FormView, PersonaView, View } from './api.js';
import type { Interactions } from './interactions.js';
import {
  directConversation,
  type Entry,
  PLAYGROUND_PLATFORM,
  type PlaygroundPlatform,
  spaceConversation,
} from './platform.js';

/** Everything the page shows for one persona: only what that persona could see on a real platform. */
export function buildView(
  core: Core,
  platform: PlaygroundPlatform,
  interactions: Interactions,
  ref: string,
  now: Date,
): View {
  const { directory } = core;
  const person = directory.person(PLAYGROUND_PLATFORM, ref);
  const conversations: ConversationView[] = [
    {
      id: directConversation(ref),
      kind: 'direct',
      title: 'Cairn',
      entries: entriesFor(platform, directConversation(ref), ref),
    },
    ...platform.spacesOf(ref).map((space) => {
      const id = spaceConversation(space.address);
      return {
        id,
        kind: 'space' as const,
        title: directory.spaceName(space.address) ?? space.address,
        entries: entriesFor(platform, id, ref),
      };
    }),
  ];
  const open = interactions.openForm(ref);
  let form: FormView | null = null;
  if (open) {
    const { state: _sealed, ...visible } = open.form ?? { state: '' };
    form = {
      seq: open.seq,
      form: open.form ? (visible as FormView['form']) : null,
      errors: open.errors,
      result: open.result,
    };
  }
  const language = person?.language ?? directory.defaults.language;
  return {
    persona: ref,
    personas: personas(core, platform),
    language,
    now: now.toISOString(),
    timeZone: person?.timeZone ?? directory.defaults.timeZone,
    conversations,
    form,
    home: core.home(interactions.actor(ref)),
    commands: commands(language),
  };
}

/** The core's own help lines describe the sub-commands (help describes itself). */
const DESCRIPTIONS: Partial<Record<CommandName, PlainKey>> = {
  setup: 'help.cmd.setup',
  session: 'help.cmd.session',
  sessions: 'help.cmd.sessions',
  case: 'help.cmd.case',
  cases: 'help.cmd.cases',
  note: 'help.cmd.note',
  notes: 'help.cmd.notes',
  plan: 'help.cmd.plan',
  checkin: 'help.cmd.checkin',
  synthesis: 'help.cmd.synthesis',
  syntheses: 'help.cmd.syntheses',
  guide: 'help.cmd.guide',
  rotation: 'help.cmd.rotation',
  pause: 'help.cmd.pause',
  language: 'help.cmd.language',
  privacy: 'help.cmd.privacy',
  'my-data': 'help.cmd.myData',
  'forget-me': 'help.cmd.forgetMe',
};

function commands(language: Language): CommandView[] {
  const t = translator(language);
  return COMMANDS.map((c) => {
    const key = DESCRIPTIONS[c.name];
    return {
      name: c.name,
      aliases: [...c.aliases],
      facilitatorOnly: c.facilitatorOnly,
      description: key ? t(key) : t('help.title'),
    };
  });
}

/** Personas with their role, the facilitator first. */
export function personas(core: Core, platform: PlaygroundPlatform): PersonaView[] {
  const list = platform.listPersonas().map((p) => {
    const person = core.directory.person(PLAYGROUND_PLATFORM, p.ref);
    return {
      ref: p.ref,
      name: person?.displayName ?? p.name,
      role: person?.role ?? null,
    } satisfies PersonaView;
  });
  // The facilitator first, then members by name.
  return list.sort(
    (a, b) =>
      Number(b.role === 'facilitator') - Number(a.role === 'facilitator') || a.name.localeCompare(b.name),
  );
}

function entriesFor(platform: PlaygroundPlatform, conversation: string, viewer: string): EntryView[] {
  return platform.entries(conversation, viewer).map((e: Entry) => ({
    id: e.id,
    author:
      e.author.kind === 'cairn'
        ? { kind: 'cairn' }
        : {
            kind: 'person',
            ref: e.author.ref,
            name: platform.persona(e.author.ref)?.name ?? e.author.ref,
          },
    at: e.at.toISOString(),
    private: e.visibleTo !== undefined,
    edited: e.edited,
    ...(e.message ? { message: e.message } : {}),
    ...(e.text !== undefined ? { text: e.text } : {}),
  }));
}
