import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pngSize } from '../../manifest/teams/png.js';
import type { FakeSlack } from '../support/fake-slack.js';
import { FakeSlack as Fake } from '../support/fake-slack.js';
import { FACILITATOR, lastDm, MEMBERS, populate, setUpGroup } from './support/scenario.js';
import { type SlackCairn, startSlackCairn } from './support/slack-cairn.js';
import { textOf } from './support/slack-client.js';

/** A round in #GLYON: opened, answered by four members (released), closed. */
async function releasedRound(cairn: SlackCairn, fake: FakeSlack) {
  const facilitator = cairn.driver.as(FACILITATOR);
  await facilitator.command('checkin open', 'GLYON');
  await cairn.run();
  for (const [i, overall] of ['4', '3', '5', '2'].entries()) {
    const member = cairn.driver.as(MEMBERS[i]!);
    const form = await member.pressInMessage(lastDm(fake, MEMBERS[i]!)!, 'checkin.answer');
    await member.submit(form.view!, { workload: '3', support: '4', perspective: '3', overall });
  }
  await facilitator.command('checkin close', 'GLYON');
  await cairn.run();
}

const uploadCalls = (fake: FakeSlack) =>
  fake.calls
    .filter((c) =>
      ['files.getUploadURLExternal', 'upload', 'files.completeUploadExternal'].includes(c.method),
    )
    .map((c) => c.method);

describe('Slack: the check-in trend picture', () => {
  let fake: FakeSlack;
  let cairn: SlackCairn;
  beforeEach(async () => {
    fake = await Fake.start();
    populate(fake);
    cairn = await startSlackCairn(fake, { start: '2026-03-02T08:00:00Z' });
  });
  afterEach(async () => {
    await cairn.close();
    await fake.close();
  });

  it('uploads the PNG into the facilitator’s DM after the result, its words as the message', async () => {
    await setUpGroup(cairn, fake);
    await releasedRound(cairn, fake);
    const dm = fake.dmChannelOf(FACILITATOR);
    // The result is a message; the picture a file shared right after it, through files.uploadV2's three steps.
    expect(textOf(lastDm(fake, FACILITATOR)!.blocks)).toMatch(/█/);
    expect(uploadCalls(fake)).toEqual([
      'files.getUploadURLExternal',
      'upload',
      'files.completeUploadExternal',
    ]);
    const [file] = fake.filesIn(dm);
    expect(fake.files).toHaveLength(1);
    expect(file?.filename).toBe('tendances-cairn.png');
    expect(file?.title).toBe('Tendances des points d’étape — Groupe Lyon');
    const size = pngSize(file!.bytes);
    expect(size?.width).toBeGreaterThan(1000); // drawn at twice its size for sharp screens
    expect(file!.bytes.length).toBeGreaterThan(10_000);
    // The text alternative: every figure in words, as plain text sections, escaped; its start as alt text.
    const words = textOf(file!.blocks);
    expect(words).toContain('Tendances des points d’étape de « Groupe Lyon » : 1 point d’étape publié');
    expect(words).toContain('Comment je vais, globalement');
    expect(words).toContain('Nombre de réponses : 2 mars 2026 : 4.');
    expect(file!.blocks.every((b) => b.type === 'section')).toBe(true);
    expect(file!.altText.length).toBeLessThanOrEqual(1000);
    expect(file!.altText.startsWith('Tendances des points d’étape de « Groupe Lyon »')).toBe(true);
    // Members get no file.
    for (const m of MEMBERS) expect(fake.filesIn(fake.dmChannelOf(m))).toHaveLength(0);
  });

  it('/cairn checkin trends answers at once, then the picture arrives by DM; a member gets a refusal and nothing', async () => {
    await setUpGroup(cairn, fake);
    const facilitator = cairn.driver.as(FACILITATOR);
    const early = await facilitator.command('checkin tendances', 'GLYON');
    expect(early.reply?.response_type).toBe('ephemeral');
    expect(early.reply?.text).toContain('Pas encore de tendances pour ce groupe');
    await releasedRound(cairn, fake);
    expect(fake.files).toHaveLength(1);

    cairn.clock.set(new Date('2026-03-03T08:00:00Z'));
    const asked = await facilitator.command('checkin trends', 'GLYON');
    expect(asked.reply?.response_type).toBe('ephemeral');
    expect(asked.reply?.text).toContain(
      'Je vous envoie en message privé l’image des tendances de « Groupe Lyon »',
    );
    expect(fake.files).toHaveLength(1); // not inside Slack's 3-second window: through the outbox
    await cairn.run();
    expect(fake.filesIn(fake.dmChannelOf(FACILITATOR))).toHaveLength(2);

    const member = await cairn.driver.as(MEMBERS[0]).command('checkin trends', 'GLYON');
    expect(member.reply?.text).toBe('Seul·e l’animateur·rice du groupe peut faire cela.');
    await cairn.run();
    expect(fake.files).toHaveLength(2);
  });

  it('an upload Slack refuses (no files:write yet) sends the words as a message; a 429 holds it for later, sent once', async () => {
    await setUpGroup(cairn, fake);
    fake.failNext('files.getUploadURLExternal', { error: 'missing_scope' });
    await releasedRound(cairn, fake);
    expect(fake.files).toHaveLength(0);
    const words = lastDm(fake, FACILITATOR)!;
    expect(words.text).toBe('Tendances des points d’étape — Groupe Lyon');
    expect(textOf(words.blocks)).toContain('Nombre de réponses : 2 mars 2026 : 4.');
    expect(cairn.logs.text).toContain('missing_scope');

    // Rate limited: nothing is posted meanwhile, the row waits for its Retry-After and is sent once.
    cairn.clock.set(new Date('2026-03-03T08:00:00Z'));
    fake.failNext('files.getUploadURLExternal', { status: 429, retryAfter: 2 });
    const before = fake.messagesIn(fake.dmChannelOf(FACILITATOR)).length;
    await cairn.driver.as(FACILITATOR).command('checkin trends', 'GLYON');
    await cairn.run();
    expect(fake.files).toHaveLength(0);
    expect(fake.messagesIn(fake.dmChannelOf(FACILITATOR))).toHaveLength(before);
    cairn.clock.set(new Date('2026-03-03T08:00:03Z'));
    await cairn.run();
    expect(fake.files).toHaveLength(1);
    expect(fake.messagesIn(fake.dmChannelOf(FACILITATOR))).toHaveLength(before);
    expect(fake.callsTo('files.completeUploadExternal').filter((c) => c.ok)).toHaveLength(1);
  });
});
