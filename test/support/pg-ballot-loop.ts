import { openPgStore } from '../../db/pg/store.js';

/**
 * One "instance" casting ballots as cast-ballot.ts does (participation token and counters in one
 * transaction), for the concurrency test: `tsx pg-ballot-loop.ts <url> <round> <case,case,...> <token,...>`.
 * Each token chooses one case (by the token's last digit). Prints how many ballots counted and how many
 * were refused as second ballots.
 */
const [url, roundId, caseList, tokenList] = process.argv.slice(2);
if (!url || !roundId || !caseList || !tokenList)
  throw new Error('usage: pg-ballot-loop <url> <round> <cases> <tokens>');
const caseIds = caseList.split(',');
const pg = openPgStore({ url, poolSize: 2 });
let counted = 0;
let refused = 0;
for (const token of tokenList.split(',')) {
  const ok = pg.store.transaction(() => {
    if (!pg.store.votes.addParticipation(roundId, token)) return false;
    pg.store.votes.increment(roundId, caseIds[Number(token.at(-1)) % caseIds.length]!);
    return true;
  });
  if (ok) counted++;
  else refused++;
}
pg.close();
process.stdout.write(`${JSON.stringify({ counted, refused })}\n`);
