import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cardText, elementsOf, inputsOf } from './support/cards.js';
import {
  dialogCard,
  findCard,
  type GroupChat,
  personalOf,
  press,
  setUpGroupChat,
  submit,
} from './support/flows.js';
import { startTeamsHarness, type TeamsHarness } from './support/harness.js';

const ANSWERS: Record<string, string>[] = [
  { workload: '2', support: '4', perspective: '3', overall: '1' },
  { workload: '3', support: '4', perspective: '3', overall: '3' },
  { workload: '4', support: '5', perspective: '2', overall: '4' },
  { workload: '2', support: '3', perspective: '4', overall: '4' },
];

describe('Teams: an anonymous check-in round', () => {
  let h: TeamsHarness;
  let g: GroupChat;
  beforeEach(async () => {
    h = await startTeamsHarness();
    g = await setUpGroupChat(h);
  });
  afterEach(async () => {
    await h.close();
  });

  it('prompts every member in 1:1, counts each answer once, writes nothing around answers, releases the result', async () => {
    await h.client.say(g.facilitator, 'checkin open', g.where);
    await h.run();
    for (const member of g.members)
      expect(cardText(findCard(h, personalOf(h, member), /Répondre/))).toBeTruthy();

    const adapterState = () => h.db.sqlite.prepare('select * from teams_conversations order by key').all();
    // Teams may move a person to another service URL: an ordinary activity would refresh the reference.
    h.db.sqlite
      .prepare(
        `update teams_conversations set reference = replace(reference, '"serviceUrl":"${h.fake.url}"', '"serviceUrl":"${h.fake.url.replace(/\/$/, '')}"')`,
      )
      .run();
    const inboundEvents = () => h.db.sqlite.prepare('select count(*) as n from inbound_events').get();
    const stateBefore = adapterState();
    const eventsBefore = inboundEvents();
    for (const [i, member] of g.members.entries()) {
      const prompt = findCard(h, personalOf(h, member), /Répondre/);
      const form = dialogCard(await press(h, member, prompt, /Répondre/));
      expect(inputsOf(form).map((x) => x.id)).toEqual([
        'f.workload',
        'f.support',
        'f.perspective',
        'f.overall',
      ]);
      const thanks = dialogCard(await submit(h, member, form, ANSWERS[i]!));
      expect(cardText(thanks)).toMatch(/Merci/);
      if (i === 0) {
        // Duty of care: the lowest "overall" shows the support contacts and a button, privately.
        expect(cardText(thanks)).toMatch(/\[.+\]/);
      }
    }
    // Nothing was written around the answers but the counters (no reference refresh, no event id).
    expect(adapterState()).toEqual(stateBefore);
    expect(inboundEvents()).toEqual(eventsBefore);

    // A second answer is refused and not counted.
    const alice = g.members[0]!;
    const again = await press(h, alice, findCard(h, personalOf(h, alice), /Répondre/), /Répondre/);
    expect(cardText(dialogCard(again))).toMatch(/déjà/);

    await h.client.say(g.facilitator, 'checkin close', g.where);
    await h.run();
    const result = findCard(h, personalOf(h, g.facilitator), /▇/);
    expect(cardText(result)).toMatch(/4/);
    const bars = elementsOf(result)
      .filter((e) => e.type === 'FactSet')
      .flatMap((f) => f.facts.map((fact: { value: string }) => fact.value))
      .filter((v: string) => /[▇░]{10} \d+$/.test(v));
    // Four questions, five buckets each; the counts of each question add up to the 4 respondents.
    expect(bars).toHaveLength(20);
    const counts = bars.map((v: string) => Number(v.split(' ').at(-1)));
    for (let q = 0; q < 4; q++)
      expect(counts.slice(q * 5, q * 5 + 5).reduce((a: number, b: number) => a + b, 0)).toBe(4);
    for (const member of g.members) {
      expect(h.fake.messagesIn(personalOf(h, member)).some((a) => /▇/.test(JSON.stringify(a)))).toBe(false);
    }
  });

  it('the duty-of-care button tells the facilitator, privately, that a member asks to be contacted', async () => {
    await h.client.say(g.facilitator, 'checkin open', g.where);
    await h.run();
    const alice = g.members[0]!;
    const form = dialogCard(await press(h, alice, findCard(h, personalOf(h, alice), /Répondre/), /Répondre/));
    const thanks = dialogCard(await submit(h, alice, form, ANSWERS[0]!));
    const care = elementsOf(thanks).find(
      (e) => e.type === 'Action.Submit' && e.data?.action === 'care.contact',
    );
    expect(care).toBeDefined();
    // Inside the dialog the button submits the dialog (no task/fetch).
    expect(care?.data.msteams).toBeUndefined();
    const sent = await h.client.submitTask(alice, care!.data);
    expect(cardText(dialogCard(sent)).length).toBeGreaterThan(0);
    await h.run();
    const notice = findCard(h, personalOf(h, g.facilitator), /Alice Martin/);
    expect(cardText(notice)).not.toMatch(/[▇]|1 — très difficile/);
  });
});
