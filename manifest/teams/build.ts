import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { z } from 'zod';
import type { ZipEntry } from './zip.js';

const here = import.meta.dirname;
const require = createRequire(import.meta.url);

const httpsUrl = z.url({ protocol: /^https$/, error: 'must be an https:// URL' });

/** What the package needs from the environment (the same variables Cairn runs with, plus its public URL). */
export const packageEnvSchema = z.object({
  TEAMS_APP_ID: z.uuid({ error: 'TEAMS_APP_ID must be the Azure Bot application id (a GUID)' }),
  CAIRN_PUBLIC_URL: httpsUrl,
  CAIRN_PRIVACY_URL: httpsUrl.default('https://github.com/cairn-coop/cairn/blob/main/PRIVACY.md'),
  CAIRN_TERMS_URL: httpsUrl.optional(),
  CAIRN_DEVELOPER_NAME: z.string().trim().min(1).max(32).default('Cairn'),
});

export type PackageEnv = Record<string, string | undefined>;

/** The files of the Teams app package, at the zip's root: manifest, French strings, icons. */
export const PACKAGE_FILES = ['manifest.json', 'fr.json', 'color.png', 'outline.png'] as const;

type Validate = typeof AppManifestUtils.validateAgainstSchema;
type Schema = NonNullable<Parameters<Validate>[1]>;

export type TeamsPackage = { manifest: Record<string, unknown>; entries: ZipEntry[] };

/** Fills the manifest's placeholders from `env` (checked), and reads the package's files. */
export function buildTeamsPackage(env: PackageEnv, dir: string = here): TeamsPackage {
  const parsed = packageEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(
      `Cannot build the Teams package:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`,
    );
  }
  const values = parsed.data;
  const version = (
    JSON.parse(readFileSync(join(dir, '..', '..', 'package.json'), 'utf8')) as { version: string }
  ).version;
  const manifestText = fill(readFileSync(join(dir, 'manifest.json'), 'utf8'), {
    VERSION: version,
    TEAMS_APP_ID: values.TEAMS_APP_ID,
    DEVELOPER_NAME: values.CAIRN_DEVELOPER_NAME,
    PUBLIC_URL: values.CAIRN_PUBLIC_URL,
    PUBLIC_HOST: new URL(values.CAIRN_PUBLIC_URL).host,
    PRIVACY_URL: values.CAIRN_PRIVACY_URL,
    TERMS_URL: values.CAIRN_TERMS_URL ?? values.CAIRN_PRIVACY_URL,
  });
  const entries = PACKAGE_FILES.map((name) => ({
    name,
    data: name === 'manifest.json' ? Buffer.from(manifestText, 'utf8') : readFileSync(join(dir, name)),
  }));
  return { manifest: JSON.parse(manifestText) as Record<string, unknown>, entries };
}

/** `{{NAME}}` -> value, JSON-escaped; a placeholder left unfilled is an error. */
export function fill(template: string, values: Record<string, string>): string {
  const filled = template.replace(/\{\{([A-Z_]+)\}\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`No value for ${whole} in the Teams manifest`);
    return JSON.stringify(value).slice(1, -1);
  });
  return filled;
}

/** Validates against the JSON schemas bundled in @microsoft/app-manifest (offline: the schema is passed in). */
export async function validateTeamsPackage(pkg: TeamsPackage): Promise<string[]> {
  const version = String(pkg.manifest.manifestVersion);
  const schemaDir = join('@microsoft/app-manifest/build/json-schemas/teams', `v${version}`);
  const manifestSchema = JSON.parse(
    readFileSync(require.resolve(`${schemaDir}/MicrosoftTeams.schema.json`), 'utf8'),
  ) as Schema;
  const localizationSchema = withCompilablePatterns(
    JSON.parse(readFileSync(require.resolve(`${schemaDir}/MicrosoftTeams.Localization.schema.json`), 'utf8')),
  );
  const errors = await AppManifestUtils.validateAgainstSchema(
    pkg.manifest as Parameters<Validate>[0],
    manifestSchema,
  );
  for (const entry of pkg.entries.filter((e) => e.name.endsWith('.json') && e.name !== 'manifest.json')) {
    const strings = JSON.parse(entry.data.toString('utf8'));
    const more = await AppManifestUtils.validateAgainstSchema(strings, localizationSchema);
    errors.push(...more.map((e) => `${entry.name}: ${e}`));
  }
  return errors;
}

/**
 * The bundled localization schema has a few property patterns (for `activities`, which Cairn does not use)
 * that are not valid Unicode regular expressions, so the validator refuses to compile the schema. They are
 * dropped; with `additionalProperties: false` the keys they described are then refused, which is stricter.
 */
function withCompilablePatterns(schema: { patternProperties?: Record<string, unknown> }): Schema {
  const patterns = Object.entries(schema.patternProperties ?? {}).filter(([pattern]) => {
    try {
      new RegExp(pattern, 'u');
      return true;
    } catch {
      return false;
    }
  });
  return { ...schema, patternProperties: Object.fromEntries(patterns) } as unknown as Schema;
}
