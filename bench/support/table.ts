/** One line of the results table. `ratio` is Cairn ÷ baseline (or as the goal states it). */
export type Row = {
  scenario: string;
  cairn: string;
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

export function markdownTable(rows: Row[]): string {
  const lines = ['| scenario | Cairn | baseline | ratio | goal | met? |', '|---|---:|---:|---:|---|:---:|'];
  for (const r of rows) {
    const met = r.met === null ? '—' : r.met ? 'yes' : '**no**';
    const ratio = r.ratio === null ? '—' : `${fmt(r.ratio, 2)}×`;
    lines.push(`| ${r.scenario} | ${r.cairn} | ${r.baseline} | ${ratio} | ${r.goal} | ${met} |`);
  }
  return lines.join('\n');
}
