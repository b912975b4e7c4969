import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Where a request's time goes, from V8 CPU profiles (`npm run bench -- --profile`): the share of busy
 * time (idle left out) spent inside each part of the work, counted inclusively — a sample counts for a
 * part when any frame of its stack belongs to it. Parts nest (the core runs inside Bolt's listener), so
 * the shares do not add up to 100 %. BENCHMARKS.md quotes these tables.
 *
 *   npx tsx bench/profile-parts.ts <file.cpuprofile | folder>
 */
const PARTS: [string, RegExp][] = [
  ["Bolt's receiver: signature, body parsing, the acknowledgment", /bolt\/dist\/receivers\//],
  ["Bolt's middleware and listener (App.processEvent)", /^processEvent .*bolt\/dist\/App\.js/],
  ['Express routing in front of Bolt', /node_modules\/(express|router)\//],
  ["Cairn's core (src/core): the person, their groups, the reply", /\/dist\/src\/core\//],
  ['  of which dates formatted (luxon)', /node_modules\/luxon\//],
  [
    'SQLite (drizzle-orm, better-sqlite3), commits and fsyncs included',
    /node_modules\/(drizzle-orm|better-sqlite3)\//,
  ],
  ['  of which the checkpoint after a check-in answer', /^checkpoint .*\/dist\/db\/sqlite-store\.js/],
  ['rendering for Slack (Block Kit, modal)', /\/dist\/adapters\/slack\/render-/],
  ['the follow-up Web API call (WebClient.apiCall: views.open)', /^apiCall .*web-api\/dist\/WebClient\.js/],
  ['log lines (pino)', /node_modules\/(pino|sonic-boom)\//],
  ['garbage collection', /^\(garbage collector\)/],
];

type Node = {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
};
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[] };

export function parts(file: string): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const label = (n: Node) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url}`;
  const inPart = new Array<number>(PARTS.length).fill(0);
  let busy = 0;
  for (const [id, us] of self) {
    const leaf = byId.get(id)!;
    if (leaf.callFrame.functionName === '(idle)') continue;
    busy += us;
    const stack: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at))
      stack.push(label(byId.get(at)!));
    PARTS.forEach(([, pattern], i) => {
      if (stack.some((frame) => pattern.test(frame))) inPart[i]! += us;
    });
  }
  const lines = PARTS.map(([name], i) => `${((inPart[i]! / busy) * 100).toFixed(1).padStart(5)}%  ${name}`);
  return [`${relative(process.cwd(), file)}: ${(busy / 1000).toFixed(0)} ms busy`, ...lines].join('\n');
}

const [target] = process.argv.slice(2);
if (target) {
  const files = statSync(target).isDirectory()
    ? readdirSync(target)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => join(target, f))
    : [target];
  for (const file of files) process.stdout.write(`${parts(file)}\n\n`);
}
