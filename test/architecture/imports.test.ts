import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
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

  it('adapters do not import the database layer, and the database layer imports no adapter', () => {
    const offences: string[] = [];
    for (const file of sourceFiles(join(ROOT, 'adapters'))) {
      for (const spec of importsOf(file))
        if (/(^|\/)db\//.test(spec)) offences.push(`${relative(ROOT, file)} -> ${spec}`);
    }
    for (const file of sourceFiles(join(ROOT, 'db'))) {
      for (const spec of importsOf(file))
        if (/(^|\/)adapters\//.test(spec)) offences.push(`${relative(ROOT, file)} -> ${spec}`);
    }
    expect(offences).toEqual([]);
  });

  it('only src/main.ts wires the database and the adapters together', () => {
    const wiring: string[] = [];
    for (const file of sourceFiles(join(ROOT, 'src'))) {
      const specs = importsOf(file);
      const db = specs.some((s) => /(^|\/)db\//.test(s));
      const adapters = specs.some((s) => /(^|\/)adapters\//.test(s));
      if (db || adapters) wiring.push(relative(ROOT, file));
    }
    expect(wiring.every((f) => f === 'src/host/main.ts' || f.startsWith('src/host/cli'))).toBe(true);
  });

  it('the rule would catch an offending import', () => {
    const fake = "import { App } from '@slack/bolt';\nimport x from '../../db/client.js';";
    const specs = [...fake.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g)].map((m) => m[1]!);
    expect(specs.some((s) => FORBIDDEN_IN_CORE.some((re) => re.test(s)))).toBe(true);
  });
});
