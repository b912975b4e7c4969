import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { View } from '../../adapters/playground/api.js';

const ROOT = join(import.meta.dirname, '..', '..');
const run = promisify(execFile);

/** The environment of a fresh machine: no platform credentials, no Cairn settings. */
function cleanEnv(db: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(SLACK_|TEAMS_|CAIRN_|NODE_ENV$|PORT$|HOST$|LOG_LEVEL$)/.test(key)) env[key] = value;
  }
  return { ...env, PORT: '0', HOST: '127.0.0.1', CAIRN_DB: db, LOG_LEVEL: 'warn' };
}

type Started = { child: ChildProcess; port: number; output: () => string };

/** Runs `node dist/src/host/main.js` as `npm start` does after its build, and waits for its URL. */
function startProcess(db: string, args: string[] = []): Promise<Started> {
  const child = spawn(process.execPath, ['dist/src/host/main.js', ...args], { cwd: ROOT, env: cleanEnv(db) });
  let out = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL printed:\n${out}`)), 15_000);
    const onData = (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const match = /Cairn is running on http:\/\/localhost:(\d+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve({ child, port: Number(match[1]), output: () => out });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`exited with ${code}:\n${out}`)));
  });
}

function stopProcess(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve(child.exitCode);
    child.once('exit', (code) => resolve(code));
    child.kill('SIGTERM');
  });
}

describe('npm start on an empty data directory', () => {
  let dir: string;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cairn-start-'));
    // `npm start` builds first (TypeScript and the page bundle), then runs dist/src/host/main.js.
    await run('npm', ['run', 'build', '--silent'], { cwd: ROOT, timeout: 240_000 });
  }, 300_000);

  afterAll(async () => {
    for (const child of children) await stopProcess(child);
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page and the seeded demo within 10 seconds, prints the URL, and stops on SIGTERM', async () => {
    const began = Date.now();
    const started = await startProcess(join(dir, 'cairn.db'));
    children.push(started.child);
    const base = `http://127.0.0.1:${started.port}`;
    const page = await fetch(base);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('/playground.js');
    expect((await fetch(`${base}/playground.js`)).status).toBe(200);
    const view = (await (await fetch(`${base}/api/playground/view`)).json()) as View;
    const elapsed = Date.now() - began;
    expect(elapsed).toBeLessThan(10_000);
    expect(view.personas).toHaveLength(6);
    expect(view.conversations.map((c) => c.title)).toContain('Groupe Lyon — managers de proximité');
    expect(JSON.stringify(view.home)).toContain('Comment puis-je accompagner un technicien expérimenté');
    expect(started.output()).toContain(`Playground: open http://localhost:${started.port}`);
    process.stdout.write(`npm start (after build): page and seeded demo served in ${elapsed} ms\n`);
    expect(await stopProcess(started.child)).toBe(0);
  });

  it('keeps the demo on a restart, and re-seeds it with --reset-demo', async () => {
    const db = join(dir, 'cairn.db');
    const again = await startProcess(db);
    children.push(again.child);
    const kept = (await (await fetch(`http://127.0.0.1:${again.port}/api/playground/view`)).json()) as View;
    expect(kept.personas).toHaveLength(6);
    // The demo was not seeded a second time: its old conversations are not replayed.
    expect(kept.conversations.every((c) => c.entries.length === 0)).toBe(true);
    expect(await stopProcess(again.child)).toBe(0);

    const reset = await startProcess(db, ['--reset-demo']);
    children.push(reset.child);
    const fresh = (await (await fetch(`http://127.0.0.1:${reset.port}/api/playground/view`)).json()) as View;
    expect(fresh.personas).toHaveLength(6);
    expect(fresh.conversations.find((c) => c.kind === 'space')?.entries.length).toBeGreaterThan(0);
    expect(await stopProcess(reset.child)).toBe(0);
  });
});
