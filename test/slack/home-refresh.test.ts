import { afterEach, beforeEach, expect, it } from 'vitest';
import { FakeSlack } from '../support/fake-slack.js';
import { lastDm, populate, scheduleSession, setUpGroup } from './support/scenario.js';
import { type SlackCairn, startSlackCairn } from './support/slack-cairn.js';
import { eventually } from './support/slack-client.js';

let fake: FakeSlack;
let cairn: SlackCairn;
beforeEach(async () => {
  fake = await FakeSlack.start();
  populate(fake);
  cairn = await startSlackCairn(fake, { start: '2026-03-02T08:00:00Z' });
  const { facilitator } = await setUpGroup(cairn, fake);
  await scheduleSession(cairn, facilitator, 'GLYON', '2026-03-20');
  cairn.clock.set('2026-03-13T08:01:00Z');
  await cairn.run();
});
afterEach(async () => {
  await cairn.close();
  await fake.close();
});

const publishesFor = (user: string) =>
  fake.callsTo('views.publish').filter((c) => c.args.user_id === user).length;

it('refreshes the Home tab after a submitted form only for people who opened it lately', async () => {
  const alice = cairn.driver.as('UALICE');
  const bruno = cairn.driver.as('UBRUNO');
  const submitCase = async (who: typeof alice, user: string) => {
    const opened = await who.pressInMessage(lastDm(fake, user)!, 'case.open');
    expect((await who.submit(opened.view!, { title: 'Comment puis-je déléguer ?' })).response_action).toBe(
      'update',
    );
  };
  // Bruno never opened his Home tab: nothing to refresh (it is published when he opens it).
  await submitCase(bruno, 'UBRUNO');
  await cairn.core.idle();
  expect(publishesFor('UBRUNO')).toBe(0);

  // Alice opens hers, then submits a case: her Home shows it at once.
  await cairn.driver.sendEvent({
    type: 'app_home_opened',
    user: 'UALICE',
    channel: 'DUALICE',
    tab: 'home',
    event_ts: '1',
  });
  await eventually(() => publishesFor('UALICE') === 1);
  await submitCase(alice, 'UALICE');
  await eventually(() => publishesFor('UALICE') === 2);
  expect(JSON.stringify(fake.homes.get('UALICE'))).toContain('Comment puis-je déléguer ?');
});
