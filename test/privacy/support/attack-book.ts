import { TALLY_BASE } from '../../../db/repositories/checkins.js';
import type { LogBuffer } from '../../support/harness.js';
import type { CopyAnalysis } from './copy-analysis.js';
import type { LinkScore } from './cross-round.js';
import type { LogLine, Person } from './strategies.js';

export const pct = (n: number) => `${(n * 100).toFixed(1)}%`;

/** Each strategy's guesses against the truth, over every answer slot of every round. */
export class AttackBook {
  readonly scores = new Map<string, { correct: number; total: number }>();

  record(name: string, guesses: readonly string[], truth: readonly string[]): void {
    const s = this.scores.get(name) ?? { correct: 0, total: 0 };
    truth.forEach((who, i) => {
      s.total++;
      if (guesses[i] === who) s.correct++;
    });
    this.scores.set(name, s);
  }

  accuracy(name: string): number {
    const s = this.scores.get(name);
    return s?.total ? s.correct / s.total : 0;
  }

  lines(): string[] {
    return [...this.scores].map(
      ([name, s]) => `  ${pct(s.correct / s.total).padStart(6)}  (${s.correct}/${s.total})  ${name}`,
    );
  }
}

export const linkLines = (links: LinkScore[]): string[] =>
  links.map(
    (l) =>
      `  ${l.claims ? pct(l.correct / l.claims).padStart(6) : '   n/a'}  (${l.correct}/${l.claims} links)  ${l.name}`,
  );

/** What the attacker knows of a group's members: its member rows joined with people. */
export function membersOf(copy: CopyAnalysis, groupId: string): Person[] {
  const people = new Map((copy.tables.people ?? []).map((p) => [String(p.id), p]));
  return (copy.tables.memberships ?? [])
    .filter((m) => m.group_id === groupId && m.role === 'member')
    .map((m) => people.get(String(m.person_id)))
    .filter((p) => p !== undefined)
    .map((p) => ({
      userRef: String(p.user_ref),
      personId: String(p.id),
      displayName: String(p.display_name),
    }));
}

/** Log lines written since `from` (an index into the buffer), with their times. */
export const logsSince = (logs: LogBuffer, from: number): LogLine[] =>
  logs.lines
    .slice(from)
    .map((text) => ({ at: Date.parse((JSON.parse(text) as { time: string }).time), text }));

/** Answers counted so far in a round, as the counters in a copy show them (stored as 2^40 + count). */
export const countedIn = (copy: CopyAnalysis, roundId: string): number =>
  (copy.tables.checkin_tally ?? [])
    .filter((t) => t.round_id === roundId && t.question === 'overall')
    .reduce((a, t) => a + Number(t.count) - TALLY_BASE, 0);

/** The round's participation tokens in a copy: in write order and in key order. */
export function tokensIn(copy: CopyAnalysis, roundId: string): { physical: string[]; key: string[] } {
  const ours = new Set(copy.participation.filter((p) => p.round_id === roundId).map((p) => String(p.token)));
  return {
    physical: copy.tokens.physicalOrder.filter((t) => ours.has(t)),
    key: copy.tokens.keyOrder.filter((t) => ours.has(t)),
  };
}
