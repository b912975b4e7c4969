import type { webApi } from '@slack/bolt';
import { BOT_EVENTS, BOT_SCOPES } from '../../adapters/slack/scopes.js';
import { COMMANDS } from '../../src/core/contract/commands.js';

type Manifest = webApi.AppsManifestCreateArguments['manifest'];

/** The slash command's usage hint: every sub-command Cairn knows. */
export const USAGE_HINT = COMMANDS.map((c) => c.name).join(' | ');

const LONG_DESCRIPTION = [
  'Cairn accompagne les groupes de co-développement entre leurs séances : rappels pour préparer un cas,',
  'dépôt de cas, points d’étape anonymes, synthèses dans le canal privé du groupe. La hiérarchie n’a accès à rien.',
  '',
  'Cairn keeps co-development peer groups of managers working between sessions: case-preparation reminders,',
  'case submission, anonymous check-ins and session syntheses in the group’s private channel. Managers’',
  'hierarchy gets nothing.',
  '',
  `Commandes / commands: /cairn ${COMMANDS.map((c) => [c.name, ...c.aliases].join(' = ')).join(' · ')}`,
].join('\n');

/**
 * Cairn's Slack app manifest. `baseUrl` is where Cairn is reachable (HTTP mode); with `socketMode` the
 * app needs no public URL and runs with one workspace's bot token (no token rotation: nothing would
 * refresh it).
 */
export function slackManifest(options: { baseUrl: string } | { socketMode: true }): Manifest {
  const http = 'baseUrl' in options ? options.baseUrl.replace(/\/$/, '') : undefined;
  const events = http ? `${http}/slack/events` : undefined;
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: 'Cairn',
      description: 'Reminders, cases, anonymous check-ins and syntheses for co-development peer groups.',
      long_description: LONG_DESCRIPTION,
      background_color: '#3b4a3f',
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: true },
      bot_user: { display_name: 'Cairn', always_online: true },
      slash_commands: [
        {
          command: '/cairn',
          description: 'Cairn : cas, points d’étape, synthèses / cases, check-ins, syntheses',
          usage_hint: USAGE_HINT,
          should_escape: false,
          ...(events ? { url: events } : {}),
        },
      ],
    },
    oauth_config: {
      ...(http ? { redirect_urls: [`${http}/slack/oauth_redirect`] } : {}),
      scopes: { bot: [...BOT_SCOPES] },
    },
    settings: {
      interactivity: { is_enabled: true, ...(events ? { request_url: events } : {}) },
      event_subscriptions: { ...(events ? { request_url: events } : {}), bot_events: [...BOT_EVENTS] },
      org_deploy_enabled: false,
      socket_mode_enabled: !http,
      token_rotation_enabled: Boolean(http),
    },
  };
}

/** The files in this folder, as they must read (`npx tsx manifest/slack/generate.ts` writes them). */
export const MANIFEST_FILES = {
  'manifest.json': slackManifest({ baseUrl: 'https://cairn.example.org' }),
  'manifest.socket-mode.json': slackManifest({ socketMode: true }),
};
