import { openPgStore } from '../../db/pg/store.js';
import { CHECKIN_QUESTIONS } from '../../src/core/domain/checkin.js';

/**
 * One "instance" answering check-ins as answer-checkin.ts does (participation and counters in one
 * transaction), for the concurrency test: `tsx pg-answer-loop.ts <url> <round> <token,token,...>`.
 * Prints how many answers counted and how many were refused as second answers.
 */
const [url, roundId, list] = process.argv.slice(2);
if (!url || !roundId || !list) throw new Error('usage: pg-answer-loop <url> <round> <tokens>');
const pg = openPgStore({ url, poolSize: 2 });
let counted = 0;
let refused = 0;
for (const token of list.split(',')) {
  const ok = pg.store.transaction(() => {
    if (!pg.store.checkins.addParticipation(roundId, token)) return false;
    for (const [i, q] of CHECKIN_QUESTIONS.entries())
      pg.store.checkins.increment(roundId, q, ((token.length + i) % 5) + 1);
    return true;
  });
  if (ok) counted++;
  else refused++;
}
pg.close();
process.stdout.write(`${JSON.stringify({ counted, refused })}\n`);
