import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACK_WAIT_MS } from '../../adapters/slack/listeners/command.js';
import type { Json } from '../support/fake-slack.js';
import { FakeSlack } from '../support/fake-slack.js';
import { populate, setUpGroup } from './support/scenario.js';
import { type SlackCairn, startSlackCairn } from './support/slack-cairn.js';
import { eventually, textOf } from './support/slack-client.js';

describe('Slack: a command answered by a message is answered in its acknowledgment', () => {
  let fake: FakeSlack;
  let cairn: SlackCairn;
  beforeEach(async () => {
    fake = await FakeSlack.start();
    populate(fake);
    cairn = await startSlackCairn(fake);
  });
  afterEach(async () => {
    await cairn.close();
    await fake.close();
  });

  it('/cairn help: the ephemeral help is the body of the acknowledgment, and nothing goes to the response_url', async () => {
    const help = await cairn.driver.as('UALICE').command('help');
    expect(help.inAck).toBe(true);
    expect(help.reply).toMatchObject({ response_type: 'ephemeral', text: expect.any(String) });
    expect(textOf(help.reply!.blocks as Json[])).toContain('/cairn case');
    await cairn.run();
    expect(fake.responses).toEqual([]);
  });

  it('/cairn case still acknowledges empty and opens its modal with the trigger_id', async () => {
    await setUpGroup(cairn, fake);
    const opened = await cairn.driver.as('UALICE').command('case');
    expect(opened.inAck).toBeUndefined();
    expect(opened.view?.callback_id).toBe('case');
  });

  it(`a core slower than ${ACK_WAIT_MS} ms: acknowledged without it, the answer follows at the response_url`, async () => {
    const handle = cairn.core.handle.bind(cairn.core);
    cairn.core.handle = async (event) => {
      await new Promise((resolve) => setTimeout(resolve, ACK_WAIT_MS + 300));
      return handle(event);
    };
    const started = Date.now();
    const res = await cairn.driver.sendForm({
      team_id: 'T0CAIRN',
      channel_id: 'DUALICE',
      user_id: 'UALICE',
      user_name: 'alice',
      command: '/cairn',
      text: 'help',
      response_url: fake.responseUrl(),
      trigger_id: 'slow.1',
      api_app_id: 'ACAIRN',
    });
    expect(res).toEqual({ status: 200, body: '' });
    expect(Date.now() - started).toBeLessThan(ACK_WAIT_MS + 300);
    const late = await eventually(() => fake.responses[0]?.body, ACK_WAIT_MS + 3000);
    expect(late).toMatchObject({ response_type: 'ephemeral' });
  });
});
