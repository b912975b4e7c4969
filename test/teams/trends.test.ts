import { afterEach, describe, expect, it } from 'vitest';
import { MAX_ACTIVITY_BYTES, messageActivities } from '../../adapters/teams/render-message.js';
import { pngSize } from '../../manifest/teams/png.js';
import { message } from '../../src/core/contract/message.js';
import { seedReleasedRounds, variedAnswers } from '../support/rounds.js';
import { cardProblems } from './support/card-schema.js';
import { type Card, cardOf, cardText, elementsOf } from './support/cards.js';
import type { Activity } from './support/fake-connector.js';
import { dialogCard, findCard, personalOf, press, setUpGroupChat, submit } from './support/flows.js';
import { startTeamsHarness, type TeamsHarness } from './support/harness.js';

/** A group name as long as the setup form allows (80), with French accents: the longest alternative text. */
const LONG_NAME = 'Groupe Lyon Part-Dieu — managers de proximité des équipes de maintenance et prod';

const ANSWERS = [
  { workload: '2', support: '4', perspective: '3', overall: '3' },
  { workload: '3', support: '4', perspective: '3', overall: '3' },
  { workload: '4', support: '5', perspective: '2', overall: '4' },
  { workload: '2', support: '3', perspective: '4', overall: '4' },
];

/** Eleven released rounds, a month apart, before the harness's today (2 March 2026). */
const HISTORY = Array.from({ length: 11 }, (_, i) =>
  new Date(Date.UTC(2025, 3 + i, 1 + (i % 3) * 9, 16)).toISOString(),
);

const images = (card: Card) => elementsOf(card).filter((e) => e.type === 'Image');
const trendCards = (h: TeamsHarness, conversation: string): Activity[] =>
  h.fake.messagesIn(conversation).filter((a) => /Tendances des points/.test(JSON.stringify(a)));

describe('Teams: a picture in a card', () => {
  const picture = (bytes: number) => ({
    pngBase64: Buffer.alloc(bytes, 7).toString('base64'),
    width: 600,
    height: 400,
    title: 'Tendances des points d’étape — Groupe Lyon',
    altText:
      'Tendances des points d’étape de « Groupe Lyon » : 3 points d’étape publiés.\nNombre de réponses : 4.',
    filename: 'tendances-cairn.png',
  });

  it('is an Image with a data URI and its words as alternative, which the Adaptive Cards SDK reads without a warning', () => {
    const [activity, ...rest] = messageActivities(
      message('Tendances', { type: 'image', image: picture(9_000) }),
    );
    expect(rest).toEqual([]);
    const card = cardOf(activity as Activity);
    expect(cardProblems(card)).toEqual([]);
    expect(images(card)[0]).toMatchObject({ size: 'Auto', altText: picture(1).altText });
  });

  it('gives its words instead when the message would be too long for Teams (a last resort: the outbox draws it to fit)', () => {
    const [activity] = messageActivities(message('Tendances', { type: 'image', image: picture(25_000) }));
    expect(Buffer.byteLength(JSON.stringify(activity))).toBeLessThanOrEqual(MAX_ACTIVITY_BYTES);
    const card = cardOf(activity as Activity);
    expect(images(card)).toEqual([]);
    expect(cardText(card)).toContain('Nombre de réponses : 4.');
    expect(cardProblems(card)).toEqual([]);
  });
});

describe('Teams: the check-in trend picture', () => {
  let h: TeamsHarness;
  afterEach(async () => {
    await h?.close();
  });

  it('sends a year of rounds as an inline image in the 1:1 chat, in one message under the size limit', async () => {
    h = await startTeamsHarness();
    // Teams refuses a longer message (413): a picture that did not fit would not arrive at all.
    h.fake.maxActivityBytes = MAX_ACTIVITY_BYTES;
    expect(LONG_NAME).toHaveLength(80);
    const g = await setUpGroupChat(h, { name: LONG_NAME });
    seedReleasedRounds(h.store, g.groupId, HISTORY, (i) => variedAnswers(5 + (i % 3), 2 + (i % 3), i));

    await h.client.say(g.facilitator, 'checkin open', g.where);
    await h.run();
    for (const [i, member] of g.members.entries()) {
      const form = dialogCard(
        await press(h, member, findCard(h, personalOf(h, member), /Répondre/), /Répondre/),
      );
      await submit(h, member, form, ANSWERS[i]!);
    }
    await h.client.say(g.facilitator, 'checkin close', g.where);
    await h.run();

    const chat = personalOf(h, g.facilitator);
    // The result card, then the picture's.
    const result = findCard(h, chat, /▇/);
    const [activity] = trendCards(h, chat);
    expect(activity).toBeDefined();
    expect(h.fake.messagesIn(chat).indexOf(activity!)).toBeGreaterThan(
      h.fake.messagesIn(chat).findIndex((a) => cardOf(a) === result),
    );
    const bytes = Buffer.byteLength(JSON.stringify(activity));
    expect(bytes).toBeLessThanOrEqual(MAX_ACTIVITY_BYTES);
    const card = cardOf(activity);
    expect(cardProblems(card)).toEqual([]);
    expect(cardProblems(result)).toEqual([]);
    const [image] = images(card);
    expect(image?.url).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]+=*$/);
    const png = Buffer.from(String(image!.url).split(',')[1]!, 'base64');
    const size = pngSize(png)!;
    // The compact drawing: within Teams' 1024 px, and smaller than the full one (894 px wide at scale 1).
    expect(size.width).toBeLessThanOrEqual(900);
    expect(size.width).toBeGreaterThan(600);
    expect(png.length).toBeLessThanOrEqual(17_500);
    console.log(
      `[trends] Teams picture of 12 rounds: ${size.width}×${size.height} px, PNG ${png.length} bytes, message ${bytes} of ${MAX_ACTIVITY_BYTES} bytes`,
    );
    // Twelve columns: the eleven seeded rounds and today's, in words for screen readers.
    expect(image!.altText).toContain('12 points d’étape publiés, du');
    expect(image!.altText).toContain('au 2 mars 2026');
    expect(cardText(card)).toContain(`Tendances des points d’étape — ${LONG_NAME}`);
    // Members get no picture.
    for (const m of g.members) expect(trendCards(h, personalOf(h, m))).toHaveLength(0);
  });

  it('the trends command answers in the chat at once; the picture follows in the 1:1 chat', async () => {
    h = await startTeamsHarness();
    h.fake.maxActivityBytes = MAX_ACTIVITY_BYTES;
    const g = await setUpGroupChat(h);
    const chat = personalOf(h, g.facilitator);
    await h.client.say(g.facilitator, 'checkin tendances', g.where);
    expect(cardText(findCard(h, chat, /Pas encore de tendances/))).toBeTruthy();
    seedReleasedRounds(h.store, g.groupId, HISTORY.slice(-3), (i) => variedAnswers(4, 3, i));

    await h.client.say(g.facilitator, 'checkin trends', g.where);
    expect(cardText(findCard(h, chat, /Je vous envoie en message privé/))).toBeTruthy();
    await h.run();
    const [activity] = trendCards(h, chat).filter((a) => images(cardOf(a)).length > 0);
    const card = cardOf(activity);
    expect(cardProblems(card)).toEqual([]);
    expect(images(card)[0]?.altText).toContain('3 points d’étape publiés');

    // A member asking gets the refusal, and no picture is sent to anyone.
    const alice = g.members[0]!;
    await h.client.say(alice, 'checkin trends', g.where);
    await h.run();
    expect(cardText(findCard(h, personalOf(h, alice), /Seul·e l’animateur·rice/))).toBeTruthy();
    expect(trendCards(h, personalOf(h, alice)).filter((a) => images(cardOf(a)).length > 0)).toHaveLength(0);
  });
});
