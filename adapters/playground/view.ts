import { COMMANDS, type CommandName } from '../../src/core/contract/commands.js';
import type { Language } from '../../src/core/domain/language.js';
import { type PlainKey, translator } from '../../src/core/i18n/catalogue.js';
import type { Core } from '../../src/core/index.js';
import { languageFor } from '../../src/core/kernel/request.js';
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
): View {
  const { store, config, clock } = core.deps;
  const person = store.people.findByUserRef(PLAYGROUND_PLATFORM, ref);
  const groups = person ? store.memberships.listByPerson(person.id) : [];
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
        title: store.groups.findBySpace(space.address)?.name ?? space.address,
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
  const language = person ? languageFor(core.deps, person) : config.defaultLanguage;
  return {
    persona: ref,
    personas: personas(core, platform),
    language,
    now: clock.now().toISOString(),
    timeZone: groups[0]?.group.timeZone ?? config.defaultTimeZone,
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
  checkin: 'help.cmd.checkin',
  synthesis: 'help.cmd.synthesis',
  syntheses: 'help.cmd.syntheses',
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
  const { store } = core.deps;
  const list = platform.listPersonas().map((p) => {
    const person = store.people.findByUserRef(PLAYGROUND_PLATFORM, p.ref);
    const roles = person ? store.memberships.listByPerson(person.id).map((g) => g.role) : [];
    const role = roles.includes('facilitator') ? 'facilitator' : roles.length ? 'member' : null;
    return { ref: p.ref, name: person?.displayName ?? p.name, role } satisfies PersonaView;
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
