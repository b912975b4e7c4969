/** One line of the results table. `ratio` is Cairn ÷ baseline (or as the goal states it). */
export type Row = {
  scenario: string;
  cairn: string;
  /** Cairn on PostgreSQL, where measured (scenarios 1 and 3): its figure and its own ratio, in brackets. */
  postgres?: string;
  baseline: string;
  ratio: number | null;
  goal: string;
  /** null: reported, no goal. */
  met: boolean | null;
};

export const fmt = (n: number, digits = 0): string =>
  Number.isFinite(n)
    ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : '—';

export const ms = (n: number): string => `${fmt(n, n < 10 ? 2 : 1)} ms`;

/** A figure of Cairn on PostgreSQL with its ratio to the row's baseline: "412 req/s (0.10×)". */
export const withRatio = (figure: string, ratio: number): string => `${figure} (${fmt(ratio, 2)}×)`;

/**
 * The results table. When some row has a PostgreSQL figure, a column "Cairn on PostgreSQL" comes beside
 * Cairn's (on SQLite); the ratio, goal and met? columns stay SQLite's.
 */
export function markdownTable(rows: Row[]): string {
  const pg = rows.some((r) => r.postgres !== undefined);
  const lines = pg
    ? [
        '| scenario | Cairn on SQLite | Cairn on PostgreSQL | baseline | ratio (SQLite) | goal | met? (SQLite) |',
        '|---|---:|---:|---:|---:|---|:---:|',
      ]
    : ['| scenario | Cairn | baseline | ratio | goal | met? |', '|---|---:|---:|---:|---|:---:|'];
  for (const r of rows) {
    const met = r.met === null ? '—' : r.met ? 'yes' : '**no**';
    const ratio = r.ratio === null ? '—' : `${fmt(r.ratio, 2)}×`;
    const cairn = pg ? `${r.cairn} | ${r.postgres ?? '—'}` : r.cairn;
    lines.push(`| ${r.scenario} | ${cairn} | ${r.baseline} | ${ratio} | ${r.goal} | ${met} |`);
  }
  return lines.join('\n');
}
