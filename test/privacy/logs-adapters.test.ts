import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { directConversation } from '../../adapters/playground/platform.js';
import { SAVE_NOTE_COMMAND } from '../../adapters/teams/payloads.js';
import { ACTION } from '../../src/core/contract/ids.js';
import { playgroundHarness } from '../playground/support.js';
import { lastDm, TEAM } from '../slack/support/scenario.js';
import { type SlackCairn, startSlackCairn } from '../slack/support/slack-cairn.js';
import { eventually } from '../slack/support/slack-client.js';
import { caseTexts } from '../support/cases.js';
import { FakeSlack } from '../support/fake-slack.js';
import { fill } from '../teams/support/cards.js';
import {
  dialogCard,
  openFormByCommand,
  setUpGroupChat,
  submit,
  scheduleSession as teamsSession,
} from '../teams/support/flows.js';
import { startTeamsHarness, type TeamsHarness } from '../teams/support/harness.js';
import { PlaygroundPerson, runPlayground } from './support/playground-driver.js';
import { fastDir } from './support/raw-files.js';
import { slackAnswer, slackCase, slackForgetMe, slackSynthesis } from './support/slack-flows.js';
import { teamsAnswer, teamsCase, teamsSynthesis } from './support/teams-flows.js';

/**
 * Attack 4 — the logs, on every adapter. Every flow runs with Cairn's log at trace level AND the
 * platforms' SDKs logging at their most verbose (Bolt and the Slack Web API client at debug; the Azure
 * pipeline under Bot Framework at verbose), all into a buffer; whatever the process writes to stdout and
 * stderr meanwhile (botbuilder writes failures with console.error) is captured too. Then the buffer is
 * searched for every value anyone submitted, every name and every user id. The SDKs' debug lines are not
 * turned off: the test asserts they are there, redacted to their shape (src/core/contract/sdk-log-redaction.ts).
 * The memory adapter's version of this attack is logs-memory.test.ts.
 */

const PEOPLE = {
  fac: ['UFACQZ', 'Claire Qzanimatrice'],
  alice: ['UALICEQZ', 'Alice Qzmartin'],
  bruno: ['UBRUNOQZ', 'Bruno Qzpetit'],
  chloe: ['UCHLOEQZ', 'Chloé Qzdurand'],
  david: ['UDAVIDQZ', 'David Qzmoreau'],
  emma: ['UEMMAQZ', 'Emma Qzlaurent'],
} as const;

/** Everything written to stdout and stderr while `run` runs. */
async function capturingOutput(run: () => Promise<void>): Promise<string> {
  const chunks: string[] = [];
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  const keep = (chunk: unknown) => {
    chunks.push(String(chunk));
    return true;
  };
  process.stdout.write = keep as typeof process.stdout.write;
  process.stderr.write = keep as typeof process.stderr.write;
  try {
    await run();
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
  return chunks.join('');
}

/** Every submitted value, name and id, none found; "Qz" marks every one of them, so none can hide. */
function expectClean(label: string, logs: string, submitted: string[], ids: string[]) {
  const found = [...submitted, ...ids].filter((v) => logs.includes(v));
  const marks = logs.match(/.{0,60}Qz.{0,60}/gi) ?? [];
  console.log(
    `Attack 4 — ${label}: ${logs.split('\n').length} log lines searched for ${submitted.length} submitted values and ${ids.length} names and ids: ${found.length + marks.length} found`,
  );
  expect(found, label).toEqual([]);
  expect(marks, label).toEqual([]);
  // No check-in answer in any shape, no form values, no bodies.
  expect(logs).not.toMatch(/(workload|support|perspective|overall)\W{0,3}[1-5]/i);
  expect(logs).not.toMatch(/"(values|answers|tally|state|token|text|blocks)"\s*:\s*[[{"]/);
}

describe('attack 4: logs at their most verbose, SDK debug output included, on every adapter', () => {
  let fake: FakeSlack | undefined;
  let cairn: SlackCairn | undefined;
  let teams: TeamsHarness | undefined;
  let dir: string | undefined;
  beforeEach(() => {
    dir = fastDir();
  });
  afterEach(async () => {
    await cairn?.close();
    await fake?.close();
    await teams?.close();
    rmSync(dir!, { recursive: true, force: true });
    cairn = fake = teams = undefined;
  });

  it('Slack, through Bolt with signed requests: every flow; Bolt and Web API debug lines kept, nothing submitted in them', async () => {
    const submitted: string[] = [];
    const output = await capturingOutput(async () => {
      fake = await FakeSlack.start();
      for (const [id, name] of Object.values(PEOPLE)) fake.addUser(id, name);
      fake.addUser('UFREDQZ', 'Fred Qzroux');
      fake.addUser(fake.botUserId, 'Cairn', { isBot: true });
      const slack = await startSlackCairn(fake, { start: '2026-03-02T08:00:00Z', logLevel: 'trace', dir });
      cairn = slack;
      const members = [PEOPLE.alice, PEOPLE.bruno, PEOPLE.chloe, PEOPLE.david, PEOPLE.emma].map(([id]) => id);
      fake.addChannel('GQZ', [PEOPLE.fac[0], ...members, fake.botUserId]);
      const facilitator = slack.driver.as(PEOPLE.fac[0]);
      const setup = await facilitator.command('setup', 'GQZ');
      const group = { name: 'Groupe Qzhorizon', supportContacts: 'Écoute Qz : 01 23 45 67 89' };
      await facilitator.submit(setup.view!, group);
      await slack.run();
      submitted.push(...Object.values(group));
      const place = await facilitator.command('session', 'GQZ');
      await facilitator.submit(place.view!, { date: '2026-03-10', time: '14:00', place: 'Salle Qzpavillon' });
      await slack.run();
      submitted.push('Salle Qzpavillon');

      const cases = { alice: caseTexts('Qz-Alice'), bruno: caseTexts('Qz-Bruno') };
      await slackCase(slack, PEOPLE.alice[0], 'GQZ', cases.alice);
      await slackCase(slack, PEOPLE.bruno[0], 'GQZ', cases.bruno, { visibility: 'facilitator' });
      submitted.push(...Object.values(cases.alice), ...Object.values(cases.bruno));
      const titled = await slack.driver.as(PEOPLE.chloe[0]).command('case Comment puis-je Qztitre ?', 'GQZ');
      expect(titled.view?.callback_id).toBe('case');
      submitted.push('Comment puis-je Qztitre ?');
      // App Home, and a case edited from it.
      await slack.driver.sendEvent({
        type: 'app_home_opened',
        user: PEOPLE.alice[0],
        channel: `D${PEOPLE.alice[0]}`,
        tab: 'home',
        event_ts: '1',
      });
      await eventually(() => fake!.homes.get(PEOPLE.alice[0]));
      const edit = await slack.driver.as(PEOPLE.alice[0]).pressOnHome('case.edit');
      await slack.driver.as(PEOPLE.alice[0]).submit(edit.view!, { situation: 'Situation-Qz-modifiée' });
      submitted.push('Situation-Qz-modifiée');
      // Reminders, digest, the session, and the round the day after.
      slack.clock.set('2026-03-11T09:00:00Z');
      await slack.run();
      for (const [i, id] of members.slice(0, 4).entries())
        await slackAnswer(slack, id, {
          workload: String(1 + i),
          support: '2',
          perspective: '3',
          overall: i === 0 ? '1' : '4',
        });
      await facilitator.command('checkin close', 'GQZ');
      await slack.run();
      await facilitator.command('checkin share', 'GQZ');
      await facilitator.command('checkin all');
      const synthesis = {
        themes: 'Thèmes-Qz: la solitude',
        learned: 'Appris-Qz: nommer la tension',
        commitments: 'Engagements-Qz: un point hebdomadaire',
        freeText: `Libre-Qz: merci à ${PEOPLE.alice[1]}`,
      };
      await slackSynthesis(slack, PEOPLE.fac[0], synthesis);
      submitted.push(...Object.values(synthesis));
      // The notebook, an action plan and its report.
      const between = {
        note: 'Note-Qz: un arbitrage contesté',
        form: 'Noté-Qz: une opératrice en larmes',
        noticed: 'Ressenti-Qz: de la fatigue',
        plan: 'Plan-Qz: un entretien mensuel',
        happened: 'Compte-Rendu-Qz: deux entretiens sur trois',
      };
      const bruno = slack.driver.as(PEOPLE.bruno[0]);
      await bruno.command(`note ${between.note}`);
      const noteForm = await slack.driver.as(PEOPLE.chloe[0]).command('note');
      await slack.driver
        .as(PEOPLE.chloe[0])
        .submit(noteForm.view!, { text: between.form, noticed: between.noticed });
      const brunoId = slack.store.people.findByUserRef('slack', `slack:${TEAM}:${PEOPLE.bruno[0]}`)!.id;
      const brunoCase = slack.store.cases.listByAuthor(brunoId)[0]!;
      const queue = await facilitator.command('cases', 'GQZ');
      await facilitator.pressInReply(queue.reply!, 'case.mark', `${brunoCase.id}:presented`);
      await slack.run();
      const planModal = await bruno.press('plan.write');
      await bruno.submit(planModal.view!, {
        what: between.plan,
        withWhom: null,
        support: null,
        followUpOn: '2026-03-11',
      });
      await slack.run();
      const reportModal = await bruno.press('plan.report');
      await bruno.submit(reportModal.view!, {
        outcome: 'tried',
        happened: between.happened,
        learned: null,
        share: 'group',
      });
      expect(slack.store.plans.getByCase(brunoCase.id)?.report?.happened).toBe(between.happened);
      submitted.push(...Object.values(between));
      // Membership, preferences, data, erasure.
      await slack.driver.sendEvent({
        type: 'member_joined_channel',
        user: 'UFREDQZ',
        channel: 'GQZ',
        channel_type: 'G',
        team: TEAM,
        event_ts: '2',
      });
      await slack.driver.as(PEOPLE.emma[0]).command('language en');
      await slack.driver.as(PEOPLE.emma[0]).command('pause until 2026-12-31');
      await slack.driver.as(PEOPLE.bruno[0]).command('my-data');
      await slack.driver.as(PEOPLE.bruno[0]).command('privacy');
      await slack.driver.as(PEOPLE.chloe[0]).command('Qzmot-inconnu et la suite');
      submitted.push('Qzmot-inconnu');
      await slack.run();
      expect(lastDm(fake, PEOPLE.bruno[0])).toBeDefined();
      await slackForgetMe(slack, PEOPLE.alice[0]);
      // The flows really ran: Bruno's case stored (Alice's went with forget-me), a result released, the
      // synthesis posted.
      expect(slack.db.sqlite.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(1);
      expect(
        slack.db.sqlite.prepare("SELECT count(*) FROM syntheses WHERE status = 'posted'").pluck().get(),
      ).toBe(1);
      expect(
        slack.db.sqlite.prepare('SELECT count(*) FROM checkin_rounds WHERE released = 1').pluck().get(),
      ).toBe(1);
      await slack.driver.sendEvent({ type: 'app_uninstalled' });
      await eventually(() => slack.store.groups.listAll().length === 0);
    });
    const logs = `${cairn!.logs.text}\n${output}`;
    const sdkDebug = cairn!.logs.lines.filter(
      (l) => l.includes('"source":"slack-sdk"') && l.includes('"level":20'),
    );
    console.log(
      `Attack 4 — Slack: ${sdkDebug.length} Bolt / Web API debug lines kept (redacted), e.g. ${sdkDebug
        .slice(0, 3)
        .map((l) => JSON.parse(l).msg)
        .join(' | ')}`,
    );
    expect(sdkDebug.length).toBeGreaterThan(100);
    for (const kind of ['http request body', 'http request result', 'ack()', 'apiCall'])
      expect(
        sdkDebug.some((l) => l.includes(kind)),
        kind,
      ).toBe(true);
    const ids = Object.values(PEOPLE).flatMap(([id, name]) => [id, name, `slack:${TEAM}:${id}`]);
    expectClean('Slack', logs, submitted, ids);
  }, 90_000);

  it('Teams, through teams-ai and Bot Framework: every flow; the Azure pipeline’s verbose lines kept, nothing submitted in them', async () => {
    const submitted: string[] = [];
    let h!: TeamsHarness;
    const output = await capturingOutput(async () => {
      h = await startTeamsHarness({ start: '2026-03-02T08:00:00Z' });
      teams = h;
      const fac = h.client.user('aad-qz-claire', PEOPLE.fac[1]);
      const members = [PEOPLE.alice, PEOPLE.bruno, PEOPLE.chloe, PEOPLE.david].map(([id, name]) =>
        h.client.user(`aad-qz-${id.toLowerCase()}`, name),
      );
      const g = await setUpGroupChat(h, {
        chatId: '19:qz-group@thread.v2',
        name: 'Groupe Qzhorizon',
        facilitator: fac,
        members,
      });
      submitted.push('Groupe Qzhorizon');
      await teamsSession(h, g, '2026-03-10');
      const cases = { alice: caseTexts('Qz-Alice-T'), bruno: caseTexts('Qz-Bruno-T') };
      await teamsCase(h, members[0]!, cases.alice);
      await teamsCase(h, members[1]!, cases.bruno, 'facilitator');
      submitted.push(...Object.values(cases.alice), ...Object.values(cases.bruno));
      await h.client.say(g.facilitator, 'checkin open', g.where);
      await h.run();
      for (const [i, m] of members.entries())
        await teamsAnswer(h, m, {
          workload: String(1 + i),
          support: '2',
          perspective: '3',
          overall: i === 0 ? '1' : '4',
        });
      await h.client.say(g.facilitator, 'checkin close', g.where);
      await h.run();
      const synthesis = { themes: 'Thèmes-Qz-T: déléguer', learned: 'Appris-Qz-T: écouter' };
      await teamsSynthesis(h, g, synthesis);
      submitted.push(...Object.values(synthesis));
      // The notebook (typed, and a message saved as a note), an action plan and its report.
      const between = {
        note: 'Note-Qz-T: un arbitrage contesté',
        form: 'Noté-Qz-T: une opératrice en larmes',
        noticed: 'Ressenti-Qz-T: de la fatigue',
        plan: 'Plan-Qz-T: un entretien mensuel',
        happened: 'Compte-Rendu-Qz-T: deux entretiens sur trois',
      };
      await h.client.say(members[1]!, `note ${between.note}`);
      const noteForm = dialogCard(
        await h.client.extensionFetch(members[2]!, g.where, `<p>${between.form}</p>`, SAVE_NOTE_COMMAND),
      );
      await h.client.extensionSubmit(
        members[2]!,
        g.where,
        fill(noteForm, { noticed: between.noticed }),
        SAVE_NOTE_COMMAND,
      );
      const brunoId = h.db.sqlite
        .prepare('SELECT id FROM people WHERE display_name = ?')
        .pluck()
        .get(PEOPLE.bruno[1]) as string;
      const brunoCase = h.store.cases.listByAuthor(brunoId)[0]!;
      const action = (name: string, value: string) =>
        h.client.fetchTask(members[1]!, { verb: 'cairn.action', action: name, value });
      await submit(h, members[1]!, dialogCard(await action('plan.write', brunoCase.id)), {
        what: between.plan,
        followUpOn: '2026-03-09',
      });
      const planId = h.store.plans.getByCase(brunoCase.id)!.id;
      await submit(h, members[1]!, dialogCard(await action('plan.report', planId)), {
        outcome: 'tried',
        happened: between.happened,
        share: 'group',
      });
      expect(h.store.plans.get(planId)?.report?.happened).toBe(between.happened);
      expect(h.db.sqlite.prepare('SELECT count(*) FROM notes').pluck().get()).toBe(2);
      submitted.push(...Object.values(between));
      await h.client.say(members[2]!, 'mes-données');
      await h.client.say(members[2]!, 'pause until 2026-12-31');
      await h.client.say(members[3]!, 'Qzmot-inconnu');
      submitted.push('Qzmot-inconnu');
      const forget = await openFormByCommand(h, members[0]!, 'oubliez-moi');
      await submit(h, members[0]!, forget, { confirm: true });
      await h.run();
      expect(h.db.sqlite.prepare('SELECT count(*) FROM cases').pluck().get()).toBe(1);
      expect(
        h.db.sqlite.prepare("SELECT count(*) FROM syntheses WHERE status = 'posted'").pluck().get(),
      ).toBe(1);
      expect(
        h.db.sqlite.prepare('SELECT count(*) FROM checkin_rounds WHERE released = 1').pluck().get(),
      ).toBe(1);
      await h.client.uninstall(g.facilitator, g.where);
    });
    const logs = `${h.logs.text}\n${output}`;
    const sdk = h.logs.lines.filter((l) => l.includes('"source":"teams-sdk"'));
    console.log(
      `Attack 4 — Teams: ${sdk.length} Azure pipeline (Bot Framework) verbose lines kept (redacted), e.g. ${sdk
        .slice(0, 2)
        .map((l) => JSON.parse(l).msg)
        .join(' | ')}`,
    );
    expect(sdk.length).toBeGreaterThan(20);
    const ids = [PEOPLE.fac, PEOPLE.alice, PEOPLE.bruno, PEOPLE.chloe, PEOPLE.david].flatMap(([id, name]) => [
      `aad-qz-${id.toLowerCase()}`,
      name,
    ]);
    expectClean('Teams', logs, submitted, ids);
  }, 90_000);

  it('playground: every flow through its interactions; nothing submitted in the log', async () => {
    const pg = await playgroundHarness({ language: 'en' });
    try {
      const submitted: string[] = [];
      const platform = pg.playground.platform;
      const people = Object.values(PEOPLE).map(([id, name]) => ({ ref: `pg:${id.toLowerCase()}`, name }));
      for (const p of people) platform.addPersona(p);
      const space = 'pg-space:qz';
      platform.addSpace(
        space,
        people.map((p) => p.ref),
      );
      const [fac, alice, bruno, chloe, david, emma] = people.map(
        (p) => new PlaygroundPerson(pg, p.ref),
      ) as PlaygroundPerson[];
      await fac!.command('setup', space);
      await fac!.submit({ name: 'Groupe Qzhorizon', supportContacts: 'Écoute Qz : 01 23', language: 'en' });
      await runPlayground(pg);
      submitted.push('Groupe Qzhorizon', 'Écoute Qz : 01 23');
      await fac!.command('session', space);
      await fac!.submit({ date: '2026-03-10', time: '14:00', place: 'Salle Qzpavillon' });
      submitted.push('Salle Qzpavillon');
      for (const [who, tag] of [
        [alice, 'Qz-A'],
        [bruno, 'Qz-B'],
      ] as const) {
        await who!.command('case', space);
        const texts = caseTexts(tag);
        await who!.submit({
          ...texts,
          kind: 'problem',
          urgency: 'medium',
          visibility: 'group',
          charter: 'true',
        });
        submitted.push(...Object.values(texts));
      }
      await fac!.command('checkin open', space);
      await runPlayground(pg);
      for (const [i, who] of [alice, bruno, chloe, david].entries()) {
        await who!.press(ACTION.checkinOpen);
        await who!.submit({ workload: String(i + 1), support: '2', perspective: '3', overall: '4' });
        pg.playground.interactions.closeForm(who!.ref);
      }
      await fac!.command('checkin close', space);
      await runPlayground(pg);
      await fac!.command('synthesis', space);
      await fac!.submit({ themes: 'Thèmes-Qz-P', learned: 'Appris-Qz-P' });
      await fac!.submit({});
      submitted.push('Thèmes-Qz-P', 'Appris-Qz-P');
      await emma!.command('my-data');
      await pg.playground.interactions.say(emma!.ref, directConversation(emma!.ref), 'Qzmot-inconnu');
      submitted.push('Qzmot-inconnu');
      await alice!.command('forget-me');
      await alice!.submit({ confirm: 'true' });
      await runPlayground(pg);
      const count = (sql: string) => pgCount(pg.file, sql);
      expect(count('SELECT count(*) FROM cases')).toBe(1);
      expect(count("SELECT count(*) FROM syntheses WHERE status = 'posted'")).toBe(1);
      expect(count('SELECT count(*) FROM checkin_rounds WHERE released = 1')).toBe(1);
      expect(pg.logs.lines.length).toBeGreaterThan(20);
      expectClean(
        'playground',
        pg.logs.text,
        submitted,
        people.flatMap((p) => [p.ref, p.name]),
      );
    } finally {
      pg.close();
    }
  });
});

/** One number from the playground's database, read through a second connection. */
function pgCount(file: string, sql: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return db.prepare(sql).pluck().get() as number;
  } finally {
    db.close();
  }
}
