import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fsyncSync,
  linkSync,
  mkdirSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../core/contract/logger.js';
import type { SecretSource } from './config.js';

const GENERATED_BYTES = 48;

/**
 * The master secret's value. A `file` source is read, or created on first start: 48 random bytes
 * (base64), mode 0600, written completely under a temporary name and then linked into place, which fails
 * if another process created the file meanwhile (that one is then read), so the file is never seen half
 * written and never replaced.
 */
export function resolveSecret(source: SecretSource, logger: Logger): string {
  if (source.kind !== 'file') return source.value;
  const existing = readSecret(source.path);
  if (existing !== undefined) {
    logger.info({ path: source.path }, 'using the generated secret file (CAIRN_SECRET is not set)');
    return existing;
  }
  mkdirSync(dirname(source.path), { recursive: true });
  const temporary = `${source.path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, `${randomBytes(GENERATED_BYTES).toString('base64')}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, source.path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  } finally {
    unlinkSync(temporary);
  }
  const created = readSecret(source.path);
  if (created === undefined) throw new Error(`the secret file ${source.path} could not be read back`);
  logger.warn(
    { path: source.path },
    'CAIRN_SECRET is not set: a secret was generated in this file and is used from now on. Backups must include it (Slack tokens, open check-ins and open forms depend on it); keep its copy apart from the database backups (PRIVACY.md, limits). Or set CAIRN_SECRET',
  );
  return created;
}

/** The file's secret (trimmed), undefined when there is no file; an empty or short file is an error. */
function readSecret(path: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const secret = text.trim();
  if (Buffer.byteLength(secret, 'utf8') < 32)
    throw new Error(
      `the secret file ${path} holds less than 32 bytes: restore it from a backup, or set CAIRN_SECRET`,
    );
  return secret;
}
