import { rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createSecrets } from '../../src/host/secrets.js';
import { FACILITATOR, lastDm, setUpGroup, TEAM } from '../slack/support/scenario.js';
import { CAIRN_SECRET, type SlackCairn, startSlackCairn } from '../slack/support/slack-cairn.js';
import { FakeSlack } from '../support/fake-slack.js';
import { DAY } from '../support/harness.js';
import {
  AttackBook,
  countedIn,
  linkLines,
  logsSince,
  membersOf,
  pct,
  tokensIn,
} from './support/attack-book.js';
import { analyseCopy, type CopyAnalysis, diffCopies, tallyCellsUnmoved } from './support/copy-analysis.js';
import { crossRoundLinks, type RoundTokens, secretHolderGuess } from './support/cross-round.js';
import { testPeople } from './support/people.js';
import { Rng, seededIds, seedFromEnv } from './support/random.js';
import { copyFiles, fastDir, foundAmong } from './support/raw-files.js';
import { type LogLine, leads, type RoundEvidence, type Sent, STRATEGIES } from './support/strategies.js';

/**
 * Attack 1 again, smaller, through the real Slack stack: Bolt on signed HTTP requests, the Web API client
 * against the fake Slack, Cairn's log at trace level with the Slack SDK's own (redacted) debug lines. The
 * attacker also gets the platform's record of every call Cairn made, with its time. 8 members, 10 rounds,
 * 80 answers: too few for the 6.7% bar (chance is 1 in 8 here), so the strategies are held to a sanity
 * bar and the run asserts the leads instead: nothing that names a member changes, is logged or is sent
 * while people answer, and no token outlives its round.
 *
 * The platform itself knows more: Slack opens the check-in form for a given person (`views.open` with
 * that person's trigger) and carries their submission. Its record of who opened the form, in order, is
 * printed as a LIMIT: it says who answered when, not what (the counters alone hold that).
 */

const SEED = seedFromEnv(20_260_303);
const ROUNDS = 10;
const COUNT = 8;
const SANITY_BAR = 0.3;

describe('attack 1 over Slack: linkage from database copies, logs with SDK debug output, and Slack’s record', () => {
  let fake: FakeSlack;
  let cairn: SlackCairn;
  let dir: string;
  afterAll(async () => {
    await cairn?.close();
    await fake?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('no lead and no better than chance, with the SDK logging at debug level', async () => {
    const rng = new Rng(SEED);
    fake = await FakeSlack.start();
    const people = testPeople(COUNT, 'UMEMBER');
    fake.addUser(FACILITATOR, 'Claire Animatrice');
    for (const [id, name] of people) fake.addUser(id, name);
    fake.addUser(fake.botUserId, 'Cairn', { isBot: true });
    dir = fastDir();
    cairn = await startSlackCairn(fake, {
      start: '2026-01-05T08:00:00Z',
      logLevel: 'trace',
      logOnManualClock: true,
      ids: seededIds(new Rng(SEED + 1)),
      dir,
    });
    const ids = people.map(([id]) => id);
    const { facilitator } = await setUpGroup(cairn, fake, 'GLYON', 'Groupe Lyon', ids);
    const group = cairn.store.groups.findBySpace(`slack:${TEAM}:GLYON`)!;
    const refOf = (id: string) => `slack:${TEAM}:${id}`;
    const secrets = createSecrets(CAIRN_SECRET);
    const profiles = new Map(
      ids.map((id, i) => [id, [1 + (i % 5), 5 - (i % 5), 1 + ((i * 2) % 5), 1 + ((i * 3) % 5)]]),
    );

    // Slack's record of Cairn's calls, stamped with the time they happened.
    const sentLog: Sent[] = [];
    const openedForm: { at: number; user: string }[] = [];
    let callMark = fake.calls.length;
    const stamp = () => {
      const at = cairn.clock.now().getTime();
      for (const call of fake.calls.slice(callMark)) {
        const channel = String(call.args.channel ?? '');
        if (call.method === 'chat.postMessage' || call.method === 'chat.update')
          sentLog.push({
            at,
            address: channel.startsWith('D') ? refOf(channel.slice(1)) : `slack:${TEAM}:${channel}`,
          });
        if (
          call.method === 'views.open' &&
          (call.args.view as { callback_id?: string })?.callback_id === 'checkin'
        )
          openedForm.push({ at, user: refOf(String(call.args.trigger_id).split('.')[0]!) });
      }
      callMark = fake.calls.length;
    };
    const count = (method: string) => fake.callsTo(method).length;

    const book = new AttackBook();
    const tokens: RoundTokens[] = [];
    const found = {
      rows: 0,
      lines: 0,
      instants: 0,
      tokensAfterClose: 0,
      postedWhileAnswering: 0,
      writeOrderInPages: 0,
    };
    let before = analyseCopy(copyFiles(cairn.file));
    let logMark = cairn.logs.lines.length;
    let sentMark = 0;
    let sdkDebugLines = 0;

    for (let r = 0; r < ROUNDS; r++) {
      cairn.clock.advance(rng.int(1, 3) * DAY);
      await cairn.run();
      await facilitator.command('checkin open', 'GLYON');
      await cairn.run();
      stamp();
      const round = cairn.store.checkins.openRoundOf(group.id)!;
      const opened = analyseCopy(copyFiles(cairn.file));
      const order = rng.shuffle(ids);
      const m = rng.int(2, COUNT - 2);
      const quiet = ['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'views.publish'].map(count);
      const outboxBefore = (
        cairn.db.sqlite.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }
      ).n;
      const formsBefore = openedForm.length;
      let mid: { copy: CopyAnalysis; at: number; logs: LogLine[]; sent: Sent[] } | undefined;
      for (const [i, id] of order.entries()) {
        cairn.clock.advance(rng.int(1, 9) * 60_000 + rng.int(0, 59_999));
        const member = cairn.driver.as(id);
        const form = await member.pressInMessage(lastDm(fake, id)!, 'checkin.answer');
        expect(form.view?.callback_id).toBe('checkin');
        const [workload = '', support = '', perspective = '', overall = ''] = profiles.get(id)!.map(String);
        const ack = await member.submit(form.view!, { workload, support, perspective, overall });
        expect(ack.response_action).toBe('update');
        stamp();
        if (i === m - 1) {
          mid = {
            copy: analyseCopy(copyFiles(cairn.file)),
            at: cairn.clock.now().getTime(),
            logs: logsSince(cairn.logs, logMark),
            sent: sentLog.slice(sentMark),
          };
          logMark = cairn.logs.lines.length;
          sentMark = sentLog.length;
        }
      }
      const outboxAfter = (cairn.db.sqlite.prepare('SELECT count(*) AS n FROM outbox').get() as { n: number })
        .n;
      const posted = ['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'views.publish'].map(count);
      if (JSON.stringify(posted) !== JSON.stringify(quiet) || outboxAfter !== outboxBefore)
        found.postedWhileAnswering++;

      cairn.clock.advance(rng.int(1, 9) * 60_000);
      await facilitator.command('checkin close', 'GLYON');
      await cairn.run();
      stamp();
      const closeFiles = copyFiles(cairn.file);
      const close = analyseCopy(closeFiles);
      const truth = order.map(refOf);
      const roundTokens = new Map(truth.map((ref) => [secrets.participationToken(round.id, ref), ref]));
      found.tokensAfterClose += foundAmong(Buffer.concat([closeFiles.db, closeFiles.wal, closeFiles.shm]), [
        ...roundTokens.keys(),
      ]).length;
      const logsB = logsSince(cairn.logs, logMark);
      sdkDebugLines += [...mid!.logs, ...logsB].filter((l) =>
        /"level":20,.*"source":"slack-sdk"/.test(l.text),
      ).length;
      const evidence: RoundEvidence = {
        roundId: round.id,
        openedAt: round.openedAt.getTime(),
        closedAt: cairn.store.checkins.getRound(round.id)!.closedAt!.getTime(),
        members: membersOf(mid!.copy, group.id),
        slots: COUNT,
        m: countedIn(mid!.copy, round.id),
        midAt: mid!.at,
        before,
        mid: mid!.copy,
        close,
        changes: { a: diffCopies(before, mid!.copy), b: diffCopies(mid!.copy, close) },
        logs: { a: mid!.logs, b: logsB },
        sent: { a: mid!.sent, b: sentLog.slice(sentMark) },
      };
      expect(evidence.m).toBe(m);
      expect(evidence.members.map((p) => p.userRef).sort()).toEqual([...truth].sort());
      for (const s of STRATEGIES) book.record(s.name, s.guess(evidence), truth);
      book.record('LIMIT: holder of CAIRN_SECRET', secretHolderGuess(evidence, roundTokens), truth);
      book.record(
        'LIMIT: Slack’s own record of who opened the check-in form',
        openedForm.slice(formsBefore).map((o) => o.user),
        truth,
      );
      const l = leads(evidence);
      found.rows += l.rows.length;
      found.lines += l.lines.length;
      found.instants += l.instants;
      if (!mid!.copy.tokensInKeyOrder || !tallyCellsUnmoved(opened, mid!.copy, round.id))
        found.writeOrderInPages++;
      tokens.push({ roundId: round.id, ...tokensIn(mid!.copy, round.id), truth: roundTokens });
      before = close;
      logMark = cairn.logs.lines.length;
      sentMark = sentLog.length;
    }

    const links = crossRoundLinks(tokens);
    console.log(
      [
        `Attack 1 over Slack (seed ${SEED}): ${ROUNDS} rounds, ${COUNT} members, ${ROUNDS * COUNT} answers; chance ${pct(1 / COUNT)}, sanity bar ${pct(SANITY_BAR)}; ${sdkDebugLines} Slack SDK debug lines in the attacker's logs`,
        ...book.lines(),
        'Cross-round linkage (precision of claimed links):',
        ...linkLines(links),
        `Leads: rows ${found.rows}; log lines naming a member ${found.lines}; instants inside a round ${found.instants}; tokens after close ${found.tokensAfterClose}; rounds where answering posted, updated, published or queued anything ${found.postedWhileAnswering}; mid-round copies whose pages keep an order of writing ${found.writeOrderInPages}`,
      ].join('\n'),
    );

    // The attacker's logs really hold the SDK's debug output (so the search for leads covers it).
    expect(sdkDebugLines).toBeGreaterThan(50);
    for (const s of STRATEGIES) expect(book.accuracy(s.name), s.name).toBeLessThanOrEqual(SANITY_BAR);
    expect(links.find((l) => l.name.startsWith('same token'))?.claims).toBe(0);
    expect(found).toEqual({
      rows: 0,
      lines: 0,
      instants: 0,
      tokensAfterClose: 0,
      postedWhileAnswering: 0,
      writeOrderInPages: 0,
    });
  }, 120_000);
});
