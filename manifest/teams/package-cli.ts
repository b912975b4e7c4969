import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildTeamsPackage, validateTeamsPackage } from './build.js';
import { zip } from './zip.js';

/**
 * `npm run teams:package`: fills manifest/teams/manifest.json from the environment (TEAMS_APP_ID,
 * CAIRN_PUBLIC_URL, optional CAIRN_PRIVACY_URL, CAIRN_TERMS_URL, CAIRN_DEVELOPER_NAME), checks it against
 * the official schema, and writes dist/cairn-teams.zip to upload in Teams.
 */
async function main(): Promise<void> {
  const pkg = buildTeamsPackage(process.env);
  const errors = await validateTeamsPackage(pkg);
  if (errors.length > 0)
    throw new Error(`The Teams manifest does not pass the schema:\n  - ${errors.join('\n  - ')}`);
  const out = join(import.meta.dirname, '..', '..', 'dist');
  mkdirSync(out, { recursive: true });
  const file = join(out, 'cairn-teams.zip');
  writeFileSync(file, zip(pkg.entries));
  process.stdout.write(`Teams app package written: ${file} (${pkg.entries.map((e) => e.name).join(', ')})\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
