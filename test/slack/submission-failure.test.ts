import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeSlack } from '../support/fake-slack.js';
import { populate, setUpGroup } from './support/scenario.js';
import { type SlackCairn, startSlackCairn } from './support/slack-cairn.js';

/**
 * A modal submitted while Cairn fails (a database error, a bug): the modal stays open with what was typed,
 * and the failure is said under it in the person's language, so they can send it again.
 */
describe('Slack: a submission Cairn could not handle keeps what was typed', () => {
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

  it('the note modal: errors under the form, not a notice in its place', async () => {
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
