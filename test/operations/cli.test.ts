import { afterEach, expect, it } from 'vitest';
import { runCli } from '../../src/host/cli.js';
import { createHarness, type Harness } from '../support/harness.js';

let h: Harness;
afterEach(() => h?.close());

it('lists dead messages without their bodies and puts them back in the queue', async () => {
  h = await createHarness();
  const now = h.clock.now();
  const message = { fallbackText: 'confidential body', blocks: [] };
  h.store.outbox.enqueue(
    { id: 'a', platform: 'memory', kind: 'direct', address: 'U1', message, personId: null },
    now,
  );
  h.store.outbox.enqueue(
    { id: 'b', platform: 'memory', kind: 'direct', address: 'U2', message, personId: null },
    now,
  );
  h.store.outbox.markDead('a', 'channel_not_found');
  h.store.outbox.markDead('b', 'channel_not_found');
  const lines: string[] = [];
  expect(runCli(['outbox'], h.store, (l) => lines.push(l), now)).toBe(0);
  expect(lines[0]).toMatch(/pending: 0\s+dead: 2/);
  expect(lines.slice(1).map((l) => l.split('\t')[0])).toEqual(['a', 'b']);
  expect(lines.join('\n')).not.toContain('confidential body');

  expect(runCli(['outbox', 'retry', 'a'], h.store, () => {}, now)).toBe(0);
  expect(h.store.outbox.get('a')?.status).toBe('pending');
  await h.core.outbox.drain();
  expect(h.platform.directsTo('U1')).toHaveLength(1);

  expect(runCli(['outbox', 'retry', '--all'], h.store, () => {}, now)).toBe(0);
  expect(h.store.outbox.get('b')?.status).toBe('pending');
  expect(runCli(['outbox', 'retry', 'missing'], h.store, () => {}, now)).toBe(1);
  expect(runCli(['nonsense'], h.store, () => {}, now)).toBe(64);
});

it('outbox retry --all with nothing dead: nothing to do, exit 0, not the usage', async () => {
  h = await createHarness();
  const lines: string[] = [];
  expect(runCli(['outbox', 'retry', '--all'], h.store, (l) => lines.push(l), h.clock.now())).toBe(0);
  expect(lines).toEqual(['0 message(s) back in the queue']);
  expect(runCli(['outbox', 'retry'], h.store, () => {}, h.clock.now())).toBe(64);
});

it('status: the outbox backlog for the operator (what /healthz no longer tells whoever reaches the port)', async () => {
  h = await createHarness();
  const now = h.clock.now();
  const message = { fallbackText: 'confidential body', blocks: [] };
  for (const id of ['a', 'b', 'c'])
    h.store.outbox.enqueue(
      { id, platform: 'memory', kind: 'direct', address: 'U1', message, personId: null },
      now,
    );
  h.store.outbox.markDead('c', 'channel_not_found');
  const lines: string[] = [];
  expect(runCli(['status'], h.store, (l) => lines.push(l), now)).toBe(0);
  expect(lines).toEqual([`outbox pending: 2  dead: 1  oldest pending: ${now.toISOString()}`]);
  // With the database file at hand, the WAL's size: not empty means a checkpoint waits for another reader.
  const noBackup = () => ({ bytes: 0 });
  const more: string[] = [];
  runCli(
    ['status'],
    h.store,
    (l) => more.push(l),
    now,
    noBackup,
    () => 4096,
  );
  runCli(
    ['status'],
    h.store,
    (l) => more.push(l),
    now,
    noBackup,
    () => 0,
  );
  expect(more.filter((l) => l.startsWith('database'))).toEqual([
    'database WAL: 4096 bytes waiting to be checkpointed',
    'database WAL: empty',
  ]);
});

it('backs the database up into a new file, consistent and complete, and refuses to overwrite one', async () => {
  const { join } = await import('node:path');
  const { default: Database } = await import('better-sqlite3');
  const { backupDatabase } = await import('../../db/backup.js');
  h = await createHarness();
  const now = h.clock.now();
  h.store.outbox.enqueue(
    {
      id: 'kept',
      platform: 'memory',
      kind: 'direct',
      address: 'U1',
      message: { fallbackText: 'x', blocks: [] },
      personId: null,
    },
    now,
  );
  const target = join(h.dir, 'backup.db');
  const backup = (file: string) => backupDatabase(h.db.sqlite, file);
  const lines: string[] = [];
  expect(runCli(['backup', target], h.store, (l) => lines.push(l), now, backup)).toBe(0);
  expect(lines[0]).toMatch(/^backup written to .*backup\.db \(\d+ bytes\)$/);
  const copy = new Database(target, { readonly: true });
  expect(copy.prepare('SELECT id FROM outbox').all()).toEqual([{ id: 'kept' }]);
  expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
  copy.close();
  expect(runCli(['backup', target], h.store, (l) => lines.push(l), now, backup)).toBe(1);
  expect(lines[1]).toMatch(/exists/);
  expect(runCli(['backup'], h.store, () => {}, now, backup)).toBe(64);
});
