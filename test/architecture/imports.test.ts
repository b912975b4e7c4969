import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** Every module specifier a file imports or re-exports (static and dynamic). */
function importsOf(file: string): string[] {
  const source = readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  const patterns = [
    /\bfrom\s+['"]([^'"]+)['"]/g,
    /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
    /^\s*import\s+['"]([^'"]+)['"]/gm,
  ];
  for (const pattern of patterns) for (const m of source.matchAll(pattern)) specifiers.push(m[1]!);
  return specifiers;
}

/** The folders of src/core named after what people do. */
const FEATURES = [
  'groups',
  'sessions',
  'cases',
  'reminders',
  'checkins',
  'syntheses',
  'notes',
  'plans',
  'people',
  'home',
  'guide',
  'votes',
  'rotation',
];

const FORBIDDEN_IN_CORE = [
  /^@slack\//,
  /^@microsoft\//,
  /^botbuilder/,
  /^drizzle-orm/,
  /^better-sqlite3/,
  /^node-cron/,
  /^express/,
  /^pino/,
];

describe('architecture', () => {
  const coreFiles = sourceFiles(join(ROOT, 'src', 'core'));

  it('finds the core files (the rule below cannot pass vacuously)', () => {
    expect(coreFiles.length).toBeGreaterThan(30);
  });

  it('src/core imports no platform, database, scheduler, HTTP or logging library', () => {
    const offences: string[] = [];
    for (const file of coreFiles) {
      for (const spec of importsOf(file)) {
        if (FORBIDDEN_IN_CORE.some((re) => re.test(spec)))
          offences.push(`${relative(ROOT, file)} -> ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('src/core imports nothing outside src/core', () => {
    const offences: string[] = [];
    for (const file of coreFiles) {
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = relative(join(ROOT, 'src', 'core'), join(file, '..', spec));
        if (target.startsWith('..')) offences.push(`${relative(ROOT, file)} -> ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('src/core holds features, the contract, the kernel and shared areas only: no loose file but its face', () => {
    const AREAS = new Set([...FEATURES, 'contract', 'kernel', 'domain', 'i18n', 'ports', 'delivery']);
    const misplaced = coreFiles
      .map((f) => relative(join(ROOT, 'src', 'core'), f))
      .filter((f) => f !== 'index.ts' && !AREAS.has(f.split(sep)[0]!));
    expect(misplaced).toEqual([]);
    for (const feature of FEATURES)
      expect(existsSync(join(ROOT, 'src', 'core', feature, 'routes.ts')), `${feature}/routes.ts`).toBe(true);
  });

  it('the contract imports nothing but itself; the kernel, domain, ports and delivery import no feature', () => {
    const offences: string[] = [];
    for (const file of coreFiles) {
      const area = relative(join(ROOT, 'src', 'core'), file).split(sep)[0]!;
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = relative(join(ROOT, 'src', 'core'), join(file, '..', spec)).split(sep)[0]!;
        if (area === 'contract' && target !== 'contract') offences.push(`${relative(ROOT, file)} -> ${spec}`);
        if (['kernel', 'domain', 'ports', 'delivery', 'i18n'].includes(area) && FEATURES.includes(target))
          offences.push(`${relative(ROOT, file)} -> ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it("adapters import only the core's contract and its face (src/core/index.ts): no database, no host, no other adapter", () => {
    const offences: string[] = [];
    const adapterFiles = sourceFiles(join(ROOT, 'adapters'));
    expect(adapterFiles.length).toBeGreaterThan(40);
    for (const file of adapterFiles) {
      const own = relative(join(ROOT, 'adapters'), file).split(sep)[0]!;
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = relative(ROOT, join(file, '..', spec));
        const allowed =
          target.startsWith(join('adapters', own) + sep) ||
          target.startsWith(join('src', 'core', 'contract') + sep) ||
          target === join('src', 'core', 'index.js');
        if (!allowed) offences.push(`${relative(ROOT, file)} -> ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('the database layer imports no adapter and no host; it knows the core only by its ports and domain', () => {
    const offences: string[] = [];
    for (const file of sourceFiles(join(ROOT, 'db'))) {
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = relative(ROOT, join(file, '..', spec));
        if (target.startsWith('db' + sep)) continue;
        const core = join('src', 'core') + sep;
        const allowed = ['ports', 'domain', 'contract'].some((a) => target.startsWith(core + a + sep));
        if (!allowed) offences.push(`${relative(ROOT, file)} -> ${spec}`);
      }
    }
    expect(offences).toEqual([]);
  });

  it('only the host assembles the database and the adapters (src/host/assemble.ts; src/host/database.ts opens the configured engine, which the operator CLI uses too)', () => {
    const wiring: string[] = [];
    for (const file of sourceFiles(join(ROOT, 'src'))) {
      const specs = importsOf(file);
      const db = specs.some((s) => /(^|\/)db\//.test(s));
      const adapters = specs.some((s) => /(^|\/)adapters\//.test(s));
      if (db || adapters) wiring.push(relative(ROOT, file));
    }
    expect(wiring.sort()).toEqual([
      'src/host/assemble.ts',
      'src/host/cli.ts',
      'src/host/database.ts',
      'src/host/slack-settings.ts',
    ]);
  });

  it('the rule would catch an offending import', () => {
    const fake = "import { App } from '@slack/bolt';\nimport x from '../../db/client.js';";
    const specs = [...fake.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
    expect(specs.some((s) => FORBIDDEN_IN_CORE.some((re) => re.test(s)))).toBe(true);
  });
});
