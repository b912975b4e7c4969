import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANIFEST_FILES } from './manifest.js';

// Writes manifest.json and manifest.socket-mode.json next to this file: npx tsx manifest/slack/generate.ts
for (const [name, manifest] of Object.entries(MANIFEST_FILES)) {
  writeFileSync(join(import.meta.dirname, name), `${JSON.stringify(manifest, null, 2)}\n`);
}
