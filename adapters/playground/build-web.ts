import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { defaultWebDir } from './playground-adapter.js';

const ENTRY = join(import.meta.dirname, 'web', 'main.ts');

/**
 * Bundles the playground's page (TypeScript and CSS) into `outdir`/playground.{js,css}: one local script
 * and one stylesheet, nothing fetched from elsewhere.
 */
export async function buildWeb(outdir: string = defaultWebDir()): Promise<void> {
  await build({
    entryPoints: { playground: ENTRY },
    outdir,
    bundle: true,
    format: 'esm',
    target: ['es2022', 'chrome120', 'firefox120', 'safari16'],
    minify: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  buildWeb(process.argv[2]).catch((err: unknown) => {
    process.stderr.write(`Building the playground page failed: ${String(err)}\n`);
    process.exit(1);
  });
}
