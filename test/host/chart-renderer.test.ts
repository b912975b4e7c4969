import { describe, expect, it } from 'vitest';
import { pngSize } from '../../manifest/teams/png.js';
import { groupTrendChart } from '../../src/core/checkins/trends/trend-chart.js';
import { createChartRenderer, variantsFor } from '../../src/host/charts/chart-renderer.js';
import { exampleRounds } from '../../src/host/charts/make-example.js';

/** A year of rounds, in French, with a group name as long as the setup form allows: the heaviest picture. */
const chart = groupTrendChart(exampleRounds(), {
  language: 'fr',
  timeZone: 'Europe/Paris',
  groupName: 'Groupe Lyon Part-Dieu — managers de proximité des équipes de maintenance et prod',
})!;

describe('the chart renderer (the core’s ChartRenderer port)', () => {
  it('tries the full picture, then the compact layout smaller and smaller, only under a size limit', () => {
    expect(variantsFor({ scale: 2 })).toEqual([{ compact: false, scale: 2 }]);
    expect(variantsFor({ scale: 1, maxBytes: 17_500 })).toEqual([
      { compact: false, scale: 1 },
      { compact: true, scale: 1 },
      { compact: true, scale: 0.9 },
      { compact: true, scale: 0.8 },
      { compact: true, scale: 0.75 },
    ]);
  });

  it('draws the picture within a size limit when one variant fits, and says none does otherwise', async () => {
    const renderer = createChartRenderer();
    const t0 = performance.now();
    const full = await renderer.draw(chart, { scale: 1 });
    const t1 = performance.now();
    const fitted = await renderer.draw(chart, { scale: 1, maxBytes: 17_500 });
    const t2 = performance.now();
    expect(full!.png.byteLength).toBeGreaterThan(17_500);
    expect(pngSize(Buffer.from(fitted!.png))).toEqual({ width: fitted!.width, height: fitted!.height });
    expect(fitted!.png.byteLength).toBeLessThanOrEqual(17_500);
    expect(fitted!.width).toBeLessThan(full!.width);
    expect(fitted!.height).toBeLessThan(full!.height);
    expect(await renderer.draw(chart, { scale: 1, maxBytes: 2_000 })).toBeUndefined();
    console.log(
      `[trends] 12 rounds: full ${full!.width}×${full!.height} px ${full!.png.byteLength} B in ${Math.round(t1 - t0)} ms; ` +
        `within 17,500 B: ${fitted!.width}×${fitted!.height} px ${fitted!.png.byteLength} B in ${Math.round(t2 - t1)} ms`,
    );
  });

  it('goes on after a drawing that failed (the queue of drawings is not stuck)', async () => {
    const renderer = createChartRenderer();
    const broken = { ...chart, panels: null } as unknown as typeof chart;
    const results = await Promise.allSettled([
      renderer.draw(broken, { scale: 1 }),
      renderer.draw(chart, { scale: 0.5 }),
    ]);
    expect(results[0]?.status).toBe('rejected');
    expect(results[1]?.status).toBe('fulfilled');
  });
});
