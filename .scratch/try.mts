import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../src/config.js';
import { startCairn } from '../src/main.js';
const dir = mkdtempSync(join(tmpdir(), 'pg-'));
const t0 = Date.now();
const cairn = await startCairn(loadConfig({ CAIRN_DB: join(dir, 'c.db'), PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn' }));
console.log('started in', Date.now() - t0, 'ms', cairn.url);
const pg = cairn.playground!;
const v = pg.view('pg:helene');
console.log(JSON.stringify(v.personas), v.now);
for (const c of v.conversations) { console.log('---', c.title, c.entries.length); for (const e of c.entries) console.log(e.at, e.private, e.author, e.text ?? e.message?.fallbackText); }
console.log(JSON.stringify(v.home.blocks.map(b => b.type === 'text' || b.type==='heading' || b.type==='context' ? b.text : b.type)));
const nv = pg.view('pg:nadia');
for (const c of nv.conversations) { console.log('--- nadia', c.title, c.entries.length); for (const e of c.entries) console.log(e.at, e.private, e.text ?? e.message?.fallbackText); }
console.log('next due', pg.time.nextDue());
const r = await pg.time.step('next');
console.log(r);
const tv = pg.view('pg:thomas');
for (const c of tv.conversations) { console.log('--- thomas', c.title, c.entries.length); for (const e of c.entries.slice(-2)) console.log(e.at, e.private, e.text ?? e.message?.fallbackText); }
await cairn.stop();
