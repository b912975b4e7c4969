import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Json } from '../support/fake-slack.js';
import { FakeSlack } from '../support/fake-slack.js';
import { populate, setUpGroup } from './support/scenario.js';
import { type SlackCairn, startSlackCairn } from './support/slack-cairn.js';
import { textOf } from './support/slack-client.js';

/**
 * A failure is said, in the person's language, and never loses what they typed: a modal Slack would not
 * open (its trigger_id expired after 3 seconds of a slow answer, or Slack refused it) gets a private
 * message; a modal submitted while Cairn fails (a database error, a bug) stays open with what was typed and
 * the failure under it, so it can be sent again.
 */
describe('Slack: a failure is said, and keeps what was typed', () => {
  let fake: FakeSlack;
  let cairn: SlackCairn;
  beforeEach(async () => {
    fake = await FakeSlack.start();
    populate(fake);
    cairn = await startSlackCairn(fake);
    await setUpGroup(cairn, fake);
  });
  afterEach(async () => {
    await cairn.close();
    await fake.close();
  });

  it('/cairn note: views.open refused, an ephemeral message says it failed (French)', async () => {
    fake.failNext('views.open', { error: 'expired_trigger_id' });
    const outcome = await cairn.driver.as('UALICE').command('note');
    expect(outcome.view).toBeUndefined();
    expect(outcome.reply).toMatchObject({ response_type: 'ephemeral' });
    expect(textOf(outcome.reply!.blocks as Json[])).toContain('Cairn n’a pas pu faire cela pour le moment');
  });

  it('a button that opens a form: the same, in English for an English-speaking member', async () => {
    const david = cairn.driver.as('UDAVID');
    await david.command('note A first situation to keep');
    const list = await david.command('notes');
    fake.failNext('views.open', { error: 'invalid_arguments' });
    const outcome = await david.pressInReply(list.reply!, 'note.case');
    expect(outcome.view).toBeUndefined();
    expect(textOf(outcome.reply!.blocks as Json[])).toContain('Cairn could not do that just now');
  });

  it('a submission Cairn could not handle: errors under the form, not a notice in its place', async () => {
    const alice = cairn.driver.as('UALICE');
    const opened = await alice.command('note');
    expect(opened.view?.callback_id).toBe('note');
    cairn.core.handle = async () => {
      throw new Error('database is locked');
    };
    const ack = await alice.submit(opened.view!, { text: 'Une situation longue à retaper.' });
    expect(ack.response_action).toBe('errors');
    expect(Object.values(ack.errors as Record<string, string>).join(' ')).toContain(
      'Cairn n’a pas pu faire cela pour le moment',
    );
    expect(alice.form).toBeDefined();
  });
});
