import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The top self-time functions of V8 CPU profiles (`node --cpu-prof`), the way BENCHMARKS.md quotes them.
 *
 *   npx tsx bench/profile-summary.ts <file.cpuprofile | folder> [top=25]
 */
type Node = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
};
type Profile = { nodes: Node[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] };

export function summarize(file: string, top = 25): string {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  const byFunction = new Map<string, number>();
  for (const [id, us] of self) {
    const frame = byId.get(id)!.callFrame;
    const where = frame.url ? `${shorten(frame.url)}:${frame.lineNumber + 1}` : '';
    const key = `${frame.functionName || '(anonymous)'} ${where}`.trim();
    byFunction.set(key, (byFunction.get(key) ?? 0) + us);
  }
  const byPackage = new Map<string, number>();
  for (const [id, us] of self) {
    const key = packageOf(byId.get(id)!.callFrame);
    byPackage.set(key, (byPackage.get(key) ?? 0) + us);
  }
  const packages = [...byPackage.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 12)
    .map(([key, us]) => `${((us / total) * 100).toFixed(1)}% ${key}`)
    .join(', ');
  const lines = [...byFunction.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(
      ([key, us]) =>
        `${((us / total) * 100).toFixed(1).padStart(5)}%  ${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`,
    );
  return [
    `${relative(process.cwd(), file)}: ${(total / 1000).toFixed(0)} ms sampled`,
    `by package: ${packages}`,
    ...lines,
  ].join('\n');
}

/** Self time grouped by where the code lives: an npm package, a folder of Cairn, Node itself, or V8. */
function packageOf(frame: Node['callFrame']): string {
  const url = frame.url;
  if (!url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  const own = /\/dist\/((?:src\/core|src|adapters\/\w+|db|bench)\b)/.exec(url);
  if (own) return own[1]!;
  if (url.startsWith('node:')) return 'node';
  return url.replace(/^file:\/\//, '');
}

const shorten = (url: string): string =>
  url
    .replace(/^file:\/\//, '')
    .replace(/^.*node_modules\//, '~/')
    .replace(/^.*\/(dist|bench)\//, '$1/');

const [target, topArg] = process.argv.slice(2);
if (target) {
  const files = statSync(target).isDirectory()
    ? readdirSync(target)
        .filter((f) => f.endsWith('.cpuprofile'))
        .map((f) => join(target, f))
    : [target];
  for (const file of files) process.stdout.write(`${summarize(file, Number(topArg ?? 25))}\n\n`);
}
