import type { BenchConnector } from './fake-connector.js';
import type { BenchSlack } from './fake-slack.js';
import type { BenchPostgres } from './postgres.js';
import type { Row } from './table.js';

/** What every scenario gets: the fakes (on the driver CPU), where to put rows and notes, options. */
export type Bench = {
  slack: BenchSlack;
  connector: BenchConnector;
  /** The PostgreSQL server of the PostgreSQL column (scenarios 1 and 3), when it is installed and running. */
  postgres?: BenchPostgres;
  rows: Row[];
  /** Lines printed under the table (what was checked, what was seen). */
  notes: string[];
  /** When set, Cairn's processes write CPU profiles here. */
  profileDir?: string;
  /** Divides sizes and durations (`--quick`, to try the bench itself); 1 for real runs. */
  quick: boolean;
  log(line: string): void;
};

/** The driver's CPU use (load generator and fakes) during `work`, as a share of one CPU. */
export async function withDriverCpu<T>(work: () => Promise<T>): Promise<{ value: T; driverCpu: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const value = await work();
  const used = process.cpuUsage(cpu0);
  return { value, driverCpu: (used.user + used.system) / 1000 / (performance.now() - t0) };
}

export const pct = (share: number): string => `${Math.round(share * 100)}%`;
