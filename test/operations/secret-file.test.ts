import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEV_SECRET, loadConfig } from '../../src/host/config.js';
import { createLogger } from '../../src/host/logger.js';
import { resolveSecret } from '../../src/host/secret-file.js';
import { LogBuffer } from '../support/harness.js';

/**
 * Slack or Teams configured outside production without CAIRN_SECRET: Cairn generates 48 random bytes on
 * first start, in `cairn.secret` beside the database (mode 0600, complete before it appears), warns once
 * where it is, and uses it from then on.
 */
let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const slackEnv = (db: string) => ({ CAIRN_DB: db, SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's' });

describe('the generated secret file', () => {
  it('is created once beside the database, 0600, warned about once, and read back on the next start', () => {
    dir = mkdtempSync(join(tmpdir(), 'cairn-secret-'));
    const db = join(dir, 'data', 'cairn.db');
    const config = loadConfig(slackEnv(db));
    const path = join(dir, 'data', 'cairn.secret');
    expect(config.secret).toEqual({ kind: 'file', path });

    const logs = new LogBuffer();
    const logger = createLogger({ level: 'info', destination: logs });
    const secret = resolveSecret(config.secret, logger);
    expect(secret).not.toBe(DEV_SECRET);
    expect(Buffer.from(secret, 'base64')).toHaveLength(48);
    expect(readFileSync(path, 'utf8').trim()).toBe(secret);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    const warnings = logs.lines.map((l) => JSON.parse(l) as { level: number; msg: string; path?: string });
    expect(warnings.filter((l) => l.level === 40)).toEqual([
      expect.objectContaining({ path, msg: expect.stringMatching(/Backups must include it/) }),
    ]);
    expect(logs.text).not.toContain(secret);

    // The next start reads it: the same secret, no second warning, no temporary file left.
    const again = new LogBuffer();
    expect(resolveSecret(config.secret, createLogger({ level: 'info', destination: again }))).toBe(secret);
    expect(again.lines.filter((l) => JSON.parse(l).level === 40)).toEqual([]);
    expect(readFileSync(path, 'utf8').trim()).toBe(secret);
    expect(existsSync(join(dir, 'data'))).toBe(true);
    expect(readFileSync(path, 'utf8').split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('appears complete or not at all: written under a temporary name, linked into place, nothing left over', () => {
    dir = mkdtempSync(join(tmpdir(), 'cairn-secret-'));
    const config = loadConfig(slackEnv(join(dir, 'cairn.db')));
    const secret = resolveSecret(config.secret, createLogger({ level: 'silent' }));
    expect(readdirSync(dir)).toEqual(['cairn.secret']);
    // A file already there (another process won the race) is read, never replaced.
    writeFileSync(join(dir, 'cairn.secret'), `${'k'.repeat(64)}\n`, { mode: 0o600 });
    expect(resolveSecret(config.secret, createLogger({ level: 'silent' }))).toBe('k'.repeat(64));
    expect(secret).not.toBe('k'.repeat(64));
  });

  it('refuses a damaged file rather than generating another secret over it', () => {
    dir = mkdtempSync(join(tmpdir(), 'cairn-secret-'));
    const config = loadConfig(slackEnv(join(dir, 'cairn.db')));
    writeFileSync(join(dir, 'cairn.secret'), 'short\n');
    expect(() => resolveSecret(config.secret, createLogger({ level: 'silent' }))).toThrow(
      /holds less than 32 bytes: restore it from a backup, or set CAIRN_SECRET/,
    );
    expect(readFileSync(join(dir, 'cairn.secret'), 'utf8')).toBe('short\n');
  });
});
