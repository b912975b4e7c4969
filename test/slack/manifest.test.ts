import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BOT_EVENTS, BOT_SCOPES, METHOD_SCOPES } from '../../adapters/slack/scopes.js';
import { MANIFEST_FILES, USAGE_HINT } from '../../manifest/slack/manifest.js';
import { COMMANDS } from '../../src/core/contract/commands.js';

const ROOT = join(import.meta.dirname, '..', '..');
const ADAPTER = join(ROOT, 'adapters', 'slack');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sources(path) : name.endsWith('.ts') ? [path] : [];
  });
}

/** Every Web API method the adapter calls, read from its code (`client.chat.postMessage(` …). */
function calledMethods(): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const file of sources(ADAPTER)) {
    const code = readFileSync(file, 'utf8');
    for (const m of code.matchAll(
      /\bclient\.(apps|auth|chat|conversations|files|oauth|users|views)\.((?:v2\.)?\w+)\(/g,
    )) {
      const method = `${m[1]}.${m[2]}`;
      found.set(method, [...(found.get(method) ?? []), relative(ROOT, file)]);
    }
  }
  return found;
}

/** Scopes Slack requires to receive each event Cairn subscribes to. */
const EVENT_SCOPES: Record<(typeof BOT_EVENTS)[number], string | null> = {
  app_home_opened: null,
  app_uninstalled: null,
  tokens_revoked: null,
  member_joined_channel: 'groups:read',
  member_left_channel: 'groups:read',
  group_left: 'groups:read',
};

describe('Slack manifest', () => {
  const files = Object.entries(MANIFEST_FILES);

  it('is committed as generated from manifest.ts (npx tsx manifest/slack/generate.ts)', () => {
    for (const [name, manifest] of files) {
      const committed = JSON.parse(readFileSync(join(ROOT, 'manifest', 'slack', name), 'utf8'));
      expect(committed, name).toEqual(JSON.parse(JSON.stringify(manifest)));
    }
  });

  it('reaches every core command (and its French aliases) through /cairn', () => {
    for (const [, manifest] of files) {
      const [command] = manifest.features?.slash_commands ?? [];
      expect(command?.command).toBe('/cairn');
      expect(command?.should_escape).toBe(false);
      const hint = command?.usage_hint ?? '';
      expect(hint.length).toBeLessThanOrEqual(1000);
      const listed = hint.split('|').map((s) => s.trim());
      for (const c of COMMANDS) expect(listed, c.name).toContain(c.name);
      const long = manifest.display_information.long_description ?? '';
      expect(long.length).toBeGreaterThanOrEqual(175);
      expect(long.length).toBeLessThanOrEqual(4000);
      for (const c of COMMANDS) for (const alias of c.aliases) expect(long, alias).toContain(alias);
    }
    expect(USAGE_HINT).toContain('forget-me');
  });

  it('asks for exactly the scopes the code needs, and nothing that reads history', () => {
    const called = calledMethods();
    expect(called.size).toBeGreaterThan(6);
    const unknown = [...called.keys()].filter((m) => !(m in METHOD_SCOPES));
    expect(unknown, 'a Web API method without a known scope: add it to METHOD_SCOPES').toEqual([]);
    const needed = new Set<string>(['commands']);
    for (const method of called.keys()) if (METHOD_SCOPES[method]) needed.add(METHOD_SCOPES[method]!);
    for (const event of BOT_EVENTS) if (EVENT_SCOPES[event]) needed.add(EVENT_SCOPES[event]!);
    expect([...needed].sort()).toEqual([...BOT_SCOPES].sort());
    for (const [, manifest] of files) {
      expect([...(manifest.oauth_config?.scopes?.bot ?? [])].sort()).toEqual([...BOT_SCOPES].sort());
      expect(manifest.oauth_config?.scopes?.bot?.some((s) => s.includes('history'))).toBe(false);
    }
  });

  it('subscribes to exactly the events the listeners handle', () => {
    const handled = new Set<string>();
    for (const file of sources(join(ADAPTER, 'listeners')))
      for (const m of readFileSync(file, 'utf8').matchAll(/app\.event\('(\w+)'/g)) handled.add(m[1]!);
    expect([...handled].sort()).toEqual([...BOT_EVENTS].sort());
    for (const [, manifest] of files)
      expect(manifest.settings?.event_subscriptions?.bot_events?.slice().sort()).toEqual(
        [...BOT_EVENTS].sort(),
      );
  });

  it('serves HTTP with App Home, interactivity and token rotation; Socket Mode needs no URL', () => {
    const http = MANIFEST_FILES['manifest.json'];
    expect(http.features?.app_home?.home_tab_enabled).toBe(true);
    expect(http.settings).toMatchObject({
      socket_mode_enabled: false,
      token_rotation_enabled: true,
      interactivity: { is_enabled: true, request_url: 'https://cairn.example.org/slack/events' },
      event_subscriptions: { request_url: 'https://cairn.example.org/slack/events' },
    });
    expect(http.oauth_config?.redirect_urls).toEqual(['https://cairn.example.org/slack/oauth_redirect']);
    const socket = MANIFEST_FILES['manifest.socket-mode.json'];
    expect(socket.settings?.socket_mode_enabled).toBe(true);
    expect(JSON.stringify(socket)).not.toContain('https://');
  });
});
