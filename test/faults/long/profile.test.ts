import { it } from 'vitest';
import { loadScenario } from '../support/load.js';

it('profile', async () => {
  await loadScenario({
    perSecond: 150,
    durationMs: 10_000,
    maxAckMs: 100_000,
    nodeArgs: ['--cpu-prof', '--cpu-prof-dir=/tmp/cairn-prof'],
  }).catch((e) => console.log(String(e).slice(0, 200)));
}, 120_000);
