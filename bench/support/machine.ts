import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, release, tmpdir, totalmem } from 'node:os';

/** The machine, as BENCHMARKS.md records it: CPUs, model, memory, Node, kernel, the databases' disk. */
export function describeMachine(): string {
  const model = /^model name\s*:\s*(.+)$/m.exec(safeRead('/proc/cpuinfo'))?.[1]?.trim() ?? 'unknown CPU';
  const memory = `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`;
  return (
    `Machine: ${cpus().length} CPUs (nproc), ${model}, ${memory} RAM, Node ${process.version}, ` +
    `Linux ${release()}, databases on ${filesystemOf(tmpdir())}.`
  );
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function filesystemOf(dir: string): string {
  try {
    const line = execFileSync('df', ['-T', dir], { encoding: 'utf8' }).trim().split('\n')[1] ?? '';
    const [device, type] = line.split(/\s+/);
    return `${type ?? '?'} (${device ?? '?'}, ${dir})`;
  } catch {
    return dir;
  }
}
