import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/client.js';

/**
 * `npm run cairn -- …` as the operator runs it (`tsx src/host/cli.ts`), as a process: what it prints and
 * its exit code when the configuration or the database is not what the operator meant.
 */
const root = resolve(import.meta.dirname, '../..');
const tsx = join(root, 'node_modules', '.bin', 'tsx');

function cairn(args: string[], env: Record<string, string>) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !/^(CAIRN_|SLACK_|TEAMS_|LOG_LEVEL|PORT|HOST)/.test(k)),
  );
  const run = spawnSync(tsx, ['src/host/cli.ts', ...args], {
    cwd: root,
    env: { ...clean, NODE_ENV: 'test', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe.concurrent('npm run cairn, as a process', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'cairn-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a malformed variable: one clear line naming it, no stack trace, exit 78', () => {
    const run = cairn(['status'], { CAIRN_DB: join(dir, 'env.db'), LOG_LEVEL: 'verbose' });
    expect(run.code).toBe(78);
    expect(run.stderr).toMatch(/LOG_LEVEL/);
    expect(run.stderr).not.toMatch(/ZodError|\n\s+at /);
    expect(existsSync(join(dir, 'env.db'))).toBe(false);
  });

  it('status, outbox and backup on a CAIRN_DB that does not exist: refused, nothing created', () => {
    const missing = join(dir, 'typo', 'cairn.db');
    for (const args of [['status'], ['outbox'], ['backup', join(dir, 'b.db')]]) {
      const run = cairn(args, { CAIRN_DB: missing });
      expect(run.code, args.join(' ')).not.toBe(0);
      expect(run.stderr).toContain(missing);
      expect(run.stdout).not.toMatch(/pending: 0/);
    }
    expect(existsSync(join(dir, 'typo'))).toBe(false);
    expect(existsSync(join(dir, 'b.db'))).toBe(false);
  });

  it('the usage creates no database', () => {
    const file = join(dir, 'usage.db');
    const run = cairn(['nonsense'], { CAIRN_DB: file });
    expect(run.code).toBe(64);
    expect(run.stdout).toMatch(/^Usage: npm run cairn --/);
    expect(existsSync(file)).toBe(false);
  });

  it('status on an existing database answers, exit 0', () => {
    const file = join(dir, 'real.db');
    openDatabase(file).close();
    const run = cairn(['status'], { CAIRN_DB: file });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^outbox pending: 0\s+dead: 0/);
  });

  it('migrate-store from a SQLite file that does not exist: refused, not an empty copy reported as done', () => {
    const from = join(dir, 'no-such.db');
    const to = join(dir, 'copy.db');
    const run = cairn(['migrate-store', from, to], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(from);
    expect(run.stdout).not.toMatch(/Copied/);
    expect(existsSync(from)).toBe(false);
  });
});
