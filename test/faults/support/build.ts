import { execFile } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SOURCES = ['src', 'adapters', 'db', 'manifest', 'package.json', 'tsconfig.json', 'tsconfig.build.json'];

/** Newest modification time under `path` (files only). */
function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) latest = Math.max(latest, newest(join(path, entry)));
  return latest;
}

/** True when dist/ was built after the last change to what it is built from. */
const main = join(ROOT, 'dist', 'src', 'host', 'main.js');
const web = join(ROOT, 'dist', 'web', 'playground.js');

export function builtAppIsFresh(): boolean {
  if (!existsSync(main) || !existsSync(web)) return false;
  const built = Math.min(statSync(main).mtimeMs, statSync(web).mtimeMs);
  return SOURCES.every((s) => newest(join(ROOT, s)) <= built);
}

/**
 * vitest globalSetup: the fault tests run the BUILT app (`node dist/src/host/main.js`), so build it once before
 * any test file runs (skipped when dist/ is already newer than every source).
 */
export default async function buildOnce(): Promise<void> {
  if (builtAppIsFresh()) return;
  await promisify(execFile)('npm', ['run', 'build', '--silent'], { cwd: ROOT, timeout: 300_000 });
  // tsc leaves unchanged outputs alone: mark the build as done now.
  const now = new Date();
  for (const file of [main, web]) utimesSync(file, now, now);
}
