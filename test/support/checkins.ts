import { buttonsOf, type MemoryUser, messageText } from '../../adapters/memory/platform.js';
import { TALLY_BASE } from '../../db/repositories/checkins.js';
import { ACTION } from '../../src/core/contract/ids.js';
import type { Message } from '../../src/core/contract/message.js';
import type { CheckinRound } from '../../src/core/domain/checkin.js';
import type { Harness } from './harness.js';

export type Answers = { workload: string; support: string; perspective: string; overall: string };

/** Four answers from one score each; `overall` defaults to the same score. */
export const scores = (workload: number, support = workload, perspective = workload, overall = workload) => ({
  workload: String(workload),
  support: String(support),
  perspective: String(perspective),
  overall: String(overall),
});

/** The check-in prompts and reminders a user received (messages carrying the Answer button). */
export function checkinPrompts(user: MemoryUser): Message[] {
  return user.directs.filter((m) => buttonsOf(m).some((b) => b.action === ACTION.checkinOpen));
}

/** Presses "Answer" with the round's id (as the prompt carries it) and submits the form. */
export async function answer(user: MemoryUser, roundId: string, values: Partial<Answers>) {
  const opened = await user.press({ action: ACTION.checkinOpen, value: roundId });
  if (opened.kind !== 'form') return { opened, submitted: undefined };
  const submitted = await user.submit(values);
  return { opened, submitted };
}

/** The group's open round, or fails. */
export function openRoundOf(h: Harness, groupId: string): CheckinRound {
  const round = h.store.checkins.openRoundOf(groupId);
  if (!round) throw new Error('no open round');
  return round;
}

/** Tally rows of a round, straight from SQLite (counters are stored as 2^40 + count). */
export function tallyRows(h: Harness, roundId: string) {
  return (
    h.db.sqlite
      .prepare(
        'SELECT question, bucket, count FROM checkin_tally WHERE round_id = ? ORDER BY question, bucket',
      )
      .all(roundId) as { question: string; bucket: number; count: number }[]
  ).map((r) => ({ ...r, count: r.count - TALLY_BASE }));
}

/** Sum of counts for one question (= respondents so far). */
export function tallyTotal(h: Harness, roundId: string, question = 'overall'): number {
  return tallyRows(h, roundId)
    .filter((r) => r.question === question)
    .reduce((a, r) => a + r.count, 0);
}

export function participationCount(h: Harness, roundId?: string): number {
  const row = roundId
    ? h.db.sqlite.prepare('SELECT count(*) AS n FROM checkin_participation WHERE round_id = ?').get(roundId)
    : h.db.sqlite.prepare('SELECT count(*) AS n FROM checkin_participation').get();
  return (row as { n: number }).n;
}

/** The text of a reply shown in place of a form or as a private message. */
export function replyText(reply: unknown): string {
  const r = reply as { kind: string; message?: Message };
  return r.message ? messageText(r.message) : '';
}

/** Results/notices sent to a user (direct messages that are neither prompts nor case reminders). */
export function resultsTo(user: MemoryUser): Message[] {
  return user.directs.filter(
    (m) => m.blocks.some((b) => b.type === 'bars') || /fewer than|moins de/i.test(messageText(m)),
  );
}

/** The one-line text (fallback) of a reply's message: for exact comparisons of short replies. */
export function replyLine(reply: unknown): string {
  return (reply as { message?: Message }).message?.fallbackText ?? '';
}
