import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, inflateRawSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { SAVE_NOTE_COMMAND, SUBMIT_CASE_COMMAND } from '../../adapters/teams/payloads.js';
import { buildTeamsPackage, fill, PACKAGE_FILES, validateTeamsPackage } from '../../manifest/teams/build.js';
import { colorIcon, outlineIcon } from '../../manifest/teams/icons.js';
import { decodePng, encodePng, pngSize } from '../../manifest/teams/png.js';
import { zip } from '../../manifest/teams/zip.js';
import { COMMANDS, parseCommand } from '../../src/core/contract/commands.js';

const DIR = join(import.meta.dirname, '..', '..', 'manifest', 'teams');
const ENV = {
  TEAMS_APP_ID: '6a0e5d9c-1111-4222-8333-444455556666',
  CAIRN_PUBLIC_URL: 'https://cairn.example.org',
};

type CommandList = { scopes: string[]; commands: { title: string; description: string }[] };
// biome-ignore lint/suspicious/noExplicitAny: manifest JSON
const botOf = (manifest: Record<string, any>) =>
  manifest.bots[0] as { scopes: string[]; commandLists: CommandList[] };

/** The entries of a ZIP file, read from its central directory. */
function unzip(file: Buffer): { name: string; data: Buffer }[] {
  const end = file.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = file.readUInt16LE(end + 10);
  let at = file.readUInt32LE(end + 16);
  const entries: { name: string; data: Buffer }[] = [];
  for (let i = 0; i < count; i++) {
    expect(file.readUInt32LE(at)).toBe(0x02014b50);
    const method = file.readUInt16LE(at + 10);
    const crc = file.readUInt32LE(at + 16);
    const size = file.readUInt32LE(at + 20);
    const nameLength = file.readUInt16LE(at + 28);
    const local = file.readUInt32LE(at + 42);
    const name = file.toString('utf8', at + 46, at + 46 + nameLength);
    const localNameLength = file.readUInt16LE(local + 26);
    const start = local + 30 + localNameLength + file.readUInt16LE(local + 28);
    const raw = file.subarray(start, start + size);
    const data = method === 8 ? inflateRawSync(raw) : raw;
    expect(crc32(data)).toBe(crc);
    entries.push({ name, data });
    at += 46 + nameLength;
  }
  return entries;
}

describe('the Teams app package', () => {
  it('passes the official schema bundled in @microsoft/app-manifest (manifest and French strings)', async () => {
    const pkg = buildTeamsPackage(ENV);
    expect(pkg.manifest.manifestVersion).toBe('1.25');
    expect(await validateTeamsPackage(pkg)).toEqual([]);
    expect(pkg.manifest.id).toBe(ENV.TEAMS_APP_ID);
    expect(pkg.manifest.validDomains).toEqual(['cairn.example.org']);
    expect(JSON.stringify(pkg.manifest)).not.toMatch(/\{\{/);
  });

  it('the validation is real: a wrong manifest or strings file is refused', async () => {
    const pkg = buildTeamsPackage(ENV);
    const wrong = structuredClone(pkg.manifest);
    botOf(wrong).scopes = ['channel'];
    wrong.unknownProperty = true;
    const errors = await validateTeamsPackage({ ...pkg, manifest: wrong });
    expect(errors.length).toBeGreaterThanOrEqual(2);
    const badStrings = pkg.entries.map((e) =>
      e.name === 'fr.json'
        ? { name: e.name, data: Buffer.from(JSON.stringify({ 'name.short': 'x'.repeat(31) })) }
        : e,
    );
    expect(await validateTeamsPackage({ ...pkg, entries: badStrings })).not.toEqual([]);
  });

  it('declares the bot in personal, team and group chat scopes, and the "Submit a case" and "Save as a note" actions', () => {
    const { manifest } = buildTeamsPackage(ENV);
    expect(botOf(manifest).scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    // biome-ignore lint/suspicious/noExplicitAny: manifest JSON
    const commands = (manifest as any).composeExtensions[0].commands;
    expect(commands.map((c: { id: string }) => c.id)).toEqual([SUBMIT_CASE_COMMAND, SAVE_NOTE_COMMAND]);
    for (const command of commands) {
      expect(command).toMatchObject({ type: 'action', fetchTask: true });
      expect(command.context).toContain('message');
    }
  });

  it('lists every core command, and the French titles are the aliases Cairn understands', () => {
    const { manifest } = buildTeamsPackage(ENV);
    const lists = botOf(manifest).commandLists;
    const listed = new Set(lists.flatMap((l) => l.commands.map((c) => parseCommand(c.title).name)));
    expect([...listed].sort()).toEqual(COMMANDS.map((c) => c.name).sort());
    for (const list of lists) for (const c of list.commands) expect(parseCommand(c.title).name).toBe(c.title);
    const fr = JSON.parse(readFileSync(join(DIR, 'fr.json'), 'utf8')) as Record<string, string>;
    lists.forEach((list, i) => {
      list.commands.forEach((c, j) => {
        const title = fr[`bots[0].commandLists[${i}].commands[${j}].title`];
        expect({ title, name: parseCommand(title ?? '').name }).toEqual({ title, name: c.title });
        expect(fr[`bots[0].commandLists[${i}].commands[${j}].description`]).toBeTruthy();
      });
    });
  });

  it('has a 192×192 colour icon and a 32×32 white-on-transparent outline, as generated', () => {
    const color = readFileSync(join(DIR, 'color.png'));
    const outline = readFileSync(join(DIR, 'outline.png'));
    expect(pngSize(color)).toEqual({ width: 192, height: 192 });
    expect(pngSize(outline)).toEqual({ width: 32, height: 32 });
    expect(color.equals(encodePng(colorIcon()))).toBe(true);
    expect(outline.equals(encodePng(outlineIcon()))).toBe(true);
    const pixels = decodePng(outline, inflateSync).pixels;
    let transparent = 0;
    let drawn = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i + 3] === 0) transparent++;
      else {
        drawn++;
        expect([pixels[i], pixels[i + 1], pixels[i + 2]]).toEqual([255, 255, 255]);
      }
    }
    expect(transparent).toBeGreaterThan(100);
    expect(drawn).toBeGreaterThan(100);
    expect(pngSize(Buffer.from('not a png'))).toBeNull();
  });

  it('zips the manifest, the strings and the icons at the root of the archive', () => {
    const pkg = buildTeamsPackage(ENV);
    const entries = unzip(zip(pkg.entries));
    expect(entries.map((e) => e.name)).toEqual([...PACKAGE_FILES]);
    for (const entry of entries) {
      expect(entry.name).not.toContain('/');
      expect(entry.data.equals(pkg.entries.find((e) => e.name === entry.name)!.data)).toBe(true);
    }
    expect(JSON.parse(entries[0]!.data.toString('utf8')).bots[0].botId).toBe(ENV.TEAMS_APP_ID);
  });

  it('says what is missing or wrong in the environment', () => {
    expect(() => buildTeamsPackage({})).toThrow(/TEAMS_APP_ID[\s\S]*CAIRN_PUBLIC_URL/);
    expect(() => buildTeamsPackage({ ...ENV, CAIRN_PUBLIC_URL: 'http://cairn.example.org' })).toThrow(
      /https/,
    );
    expect(() => fill('{"a":"{{MISSING}}"}', {})).toThrow(/MISSING/);
    expect(fill('{"a":"{{X}}"}', { X: 'quote " and \\' })).toBe('{"a":"quote \\" and \\\\"}');
  });

  it('is built by `npm run teams:package`', () => {
    const scripts = JSON.parse(readFileSync(join(DIR, '..', '..', 'package.json'), 'utf8')).scripts;
    expect(scripts['teams:package']).toBe('tsx manifest/teams/package-cli.ts');
  });
});
