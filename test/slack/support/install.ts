import { expect } from 'vitest';
import type { FakeSlack } from '../../support/fake-slack.js';
import type { SlackCairn } from './slack-cairn.js';

const TEAM = 'T0CAIRN';

/** Installs Cairn in a workspace the way a browser would: /slack/install, Slack's consent, the redirect. */
export async function install(cairn: SlackCairn, fake: FakeSlack, team = TEAM): Promise<Response> {
  const start = await fetch(`${cairn.url}/slack/install`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const location = new URL(start.headers.get('location')!);
  expect(location.searchParams.get('scope')?.split(',').sort()).toEqual(
    ['chat:write', 'commands', 'files:write', 'groups:read', 'im:write', 'users:read'].sort(),
  );
  const state = location.searchParams.get('state')!;
  const cookie = start.headers.get('set-cookie')!.split(';')[0]!;
  fake.codes.set('CODE-1', { team });
  return fetch(`${cairn.url}/slack/oauth_redirect?code=CODE-1&state=${encodeURIComponent(state)}`, {
    headers: { cookie },
    redirect: 'manual',
  });
}
