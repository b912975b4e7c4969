import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

const h = monitorEventLoopDelay({ resolution: 5 });
h.enable();
let gcMax = 0,
  gcTotal = 0,
  gcN = 0;
const kinds = {};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gcMax = Math.max(gcMax, e.duration);
    gcTotal += e.duration;
    gcN++;
    const k = e.detail?.kind;
    kinds[k] = (kinds[k] ?? 0) + 1;
  }
}).observe({ entryTypes: ['gc'] });
setInterval(() => {
  process.stderr.write(
    `PROBE loop max ${(h.max / 1e6).toFixed(0)}ms p99 ${(h.percentile(99) / 1e6).toFixed(0)}ms gc max ${gcMax.toFixed(0)}ms total ${gcTotal.toFixed(0)}ms n ${gcN} ${JSON.stringify(kinds)}\n`,
  );
  h.reset();
  gcMax = 0;
  gcTotal = 0;
  gcN = 0;
}, 1000).unref();
