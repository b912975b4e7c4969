import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAddress, spaceAddressOf, spaceConversationId } from '../../adapters/teams/addresses.js';
import { admit, allowedTenantsOf } from '../../adapters/teams/admission.js';
import { deliveryErrorOf, retryAfterMs } from '../../adapters/teams/delivery-errors.js';
import { escapeMarkdown } from '../../adapters/teams/escape.js';
import { readDialogSubmission } from '../../adapters/teams/read-form.js';
import { renderFormDialog } from '../../adapters/teams/render-form.js';
import {
  barText,
  messageActivities,
  messageActivity,
  renderCard,
} from '../../adapters/teams/render-message.js';
import { TEAMS_STRINGS } from '../../adapters/teams/strings.js';
import { commandText, htmlToText } from '../../adapters/teams/text.js';
import type { Form } from '../../src/core/contract/form.js';
import { actions, divider, fields, heading, message, text } from '../../src/core/contract/message.js';
import { type Card, elementsOf, fill, inputsOf, shown } from './support/cards.js';

const MARKUP = '\\`*_[]()<>#~|{}!';

/** Every markup character is preceded by an odd number of backslashes (it is itself escaped). */
function allEscaped(out: string): boolean {
  for (let i = 0; i < out.length; i++) {
    if (!MARKUP.includes(out[i]!) || out[i] === '\\') continue;
    let slashes = 0;
    for (let j = i - 1; j >= 0 && out[j] === '\\'; j--) slashes++;
    if (slashes % 2 === 0) return false;
  }
  return true;
}

describe('escaping what people wrote', () => {
  it('shows any text literally: every markup character escaped, nothing lost', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...`${MARKUP}ab 1.-+=\n`.split('')) }), (s) => {
        const out = escapeMarkdown(s);
        expect(allEscaped(out)).toBe(true);
        expect(shown(out)).toBe(s);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string(), (s) => shown(escapeMarkdown(s.replace(/\r/g, ''))) === s.replace(/\r/g, '')),
    );
  });

  it('neutralises links, emphasis, headings, lists and mentions', () => {
    expect(escapeMarkdown('[x](https://evil.example)')).toBe('\\[x\\]\\(https://evil.example\\)');
    expect(escapeMarkdown('**gras** _it_')).toBe('\\*\\*gras\\*\\* \\_it\\_');
    expect(escapeMarkdown('# Titre\n- item\n1. un\n> cite')).toBe(
      '\\# Titre\n\n\\- item\n\n1\\. un\n\n\\> cite',
    );
    expect(escapeMarkdown('<at>Bruno</at>')).toBe('\\<at\\>Bruno\\</at\\>');
  });
});

describe('rendering neutral messages as Adaptive Cards', () => {
  const msg = message(
    'Rappel : séance du 16 mars',
    heading('Séance du 16 mars'),
    text('Préparez un cas [si vous voulez](http://x)'),
    fields({ label: 'Lieu', value: 'Salle *Rhône*' }),
    divider(),
    { type: 'bars', title: 'Charge', rows: [{ label: '1', count: 3, max: 4 }], summary: 'Médiane : 2' },
    actions(
      { action: 'case.open', label: 'Proposer un cas', value: 's1', style: 'primary' },
      { action: 'reminder.skip', label: 'Pas cette fois', value: 's1', style: 'danger' },
      { action: 'help', label: 'Politique', value: '', url: 'https://example.org/privacy' },
    ),
  );

  it('maps every block, escapes text and keeps the fallback as the summary', () => {
    const activity = messageActivity(msg);
    expect(activity.summary).toBe('Rappel : séance du 16 mars');
    const card = activity.attachments[0]!.content as Card;
    expect(card.version).toBe('1.5');
    expect(card.fallbackText).toBe('Rappel : séance du 16 mars');
    const types = card.body.map((e: { type: string }) => e.type);
    expect(types).toEqual([
      'TextBlock',
      'TextBlock',
      'FactSet',
      'TextBlock',
      'FactSet',
      'TextBlock',
      'ActionSet',
    ]);
    expect(card.body[3].separator).toBe(true);
    expect(card.body[1].text).toBe('Préparez un cas \\[si vous voulez\\]\\(http://x\\)');
    expect(card.body[1].wrap).toBe(true);
    expect(card.body[2].facts[0].value).toBe('Salle \\*Rhône\\*');
    expect(card.body[4].facts[0].value).toBe(barText({ count: 3, max: 4 }));
    expect(barText({ count: 3, max: 4 })).toBe('▇▇▇▇▇▇▇▇░░ 3');
    expect(barText({ count: 0, max: 0 })).toBe('░░░░░░░░░░ 0');
  });

  it('buttons carry { verb, action, value }; in a chat they open a dialog, inside one they submit it', () => {
    const chat = renderCard(msg, 'chat') as Card;
    const [submitCase, skip, link] = elementsOf(chat).filter((e) => e.type?.startsWith('Action.'));
    expect(submitCase).toMatchObject({
      type: 'Action.Submit',
      title: 'Proposer un cas',
      style: 'positive',
      data: { verb: 'cairn.action', action: 'case.open', value: 's1', msteams: { type: 'task/fetch' } },
    });
    expect(skip?.style).toBe('destructive');
    expect(link).toEqual({ type: 'Action.OpenUrl', title: 'Politique', url: 'https://example.org/privacy' });
    const dialog = renderCard(msg, 'dialog') as Card;
    expect(elementsOf(dialog).find((e) => e.type === 'Action.Submit')?.data.msteams).toBeUndefined();
  });
});

describe('attachments (the my-data export) as text', () => {
  it('shows a short file behind a button, and a long one in as many messages as needed, nothing cut', () => {
    const short = {
      ...message('Vos données'),
      attachment: { filename: 'cairn-my-data.json', mimeType: 'application/json', content: '{"a":"[x](y)"}' },
    };
    expect(messageActivities(short)).toHaveLength(1);
    const button = elementsOf(messageActivities(short)[0]!.attachments[0]!.content).find(
      (e) => e.type === 'Action.ShowCard',
    );
    expect(button?.title).toBe('cairn-my-data.json');
    expect(shown(button?.card.body[0].text)).toBe('{"a":"[x](y)"}');

    const content = JSON.stringify({
      cases: Array.from({ length: 12 }, (_, i) => ({ i, text: `é*_[${'x'.repeat(2_500)}` })),
    });
    const long = {
      ...message('Vos données'),
      attachment: { filename: 'cairn-my-data.json', mimeType: 'application/json', content },
    };
    const activities = messageActivities(long);
    expect(activities.length).toBeGreaterThan(1);
    const parts = activities.flatMap((a) =>
      elementsOf(a.attachments[0]!.content).filter((e) => e.type === 'Action.ShowCard'),
    );
    expect(parts.map((p) => p.title)).toEqual(
      activities.map((_, i) => `cairn-my-data.json (${i + 1}/${activities.length})`),
    );
    expect(parts.map((p) => shown(p.card.body[0].text)).join('')).toBe(content);
    for (const a of activities) expect(Buffer.byteLength(JSON.stringify(a))).toBeLessThan(28_000);
  });
});

describe('forms as dialogs and back', () => {
  const form: Form = {
    id: 'case',
    title: 'Proposer un cas',
    submitLabel: 'Envoyer',
    closeLabel: 'Annuler',
    intro: [text('Quelques questions.')],
    state: 'sealed-state',
    fields: [
      {
        id: 'title',
        kind: 'text',
        label: 'Titre',
        required: true,
        maxLength: 150,
        initial: 'Titre SECRET-1',
      },
      {
        id: 'situation',
        kind: 'multiline',
        label: 'Situation',
        required: true,
        maxLength: 3000,
        hint: 'Par rôle',
      },
      {
        id: 'kind',
        kind: 'select',
        label: 'Nature',
        required: true,
        options: [{ value: 'problem', label: 'Problème' }],
      },
      {
        id: 'groups',
        kind: 'multiselect',
        label: 'Groupes',
        required: true,
        options: [
          { value: 'g1', label: 'Lyon' },
          { value: 'g2', label: 'Grenoble' },
        ],
        initial: ['g1'],
      },
      { id: 'charter', kind: 'checkbox', label: 'Charte', optionLabel: 'J’accepte', required: true },
      { id: 'date', kind: 'date', label: 'Date', required: true, initial: '2026-03-16' },
      { id: 'time', kind: 'time', label: 'Heure', required: false },
    ],
  };

  it('renders each field kind as its Adaptive Card input', () => {
    const card = renderFormDialog(form, TEAMS_STRINGS.fr).card.content as Card;
    const inputs = inputsOf(card);
    expect(inputs.map((i) => [i.id, i.type])).toEqual([
      ['f.title', 'Input.Text'],
      ['f.situation', 'Input.Text'],
      ['f.kind', 'Input.ChoiceSet'],
      ['f.groups', 'Input.ChoiceSet'],
      ['f.charter', 'Input.Toggle'],
      ['f.date', 'Input.Date'],
      ['f.time', 'Input.Time'],
    ]);
    expect(inputs[1]).toMatchObject({ isMultiline: true, maxLength: 3000, isRequired: true });
    expect(inputs[2]).toMatchObject({ style: 'compact', isMultiSelect: false });
    expect(inputs[3]).toMatchObject({ style: 'compact', isMultiSelect: true, value: 'g1' });
    expect(inputs[4]).toMatchObject({ valueOn: 'true', valueOff: 'false', value: 'false' });
    expect(inputs[0]?.errorMessage).toBe(TEAMS_STRINGS.fr.required);
  });

  it('reads back what Teams submits, and never carries initial values in the button', () => {
    const card = renderFormDialog(form, TEAMS_STRINGS.fr).card.content as Card;
    const submitData = elementsOf(card).find(
      (e) => e.type === 'Action.Submit' && e.style === 'positive',
    )?.data;
    expect(JSON.stringify(submitData)).not.toContain('SECRET-1');
    const data = fill(card, {
      situation: 'Ma situation',
      groups: ['g1', 'g2'],
      charter: true,
      time: '14:30',
    });
    const read = readDialogSubmission(data);
    expect(read?.formId).toBe('case');
    expect(read?.state).toBe('sealed-state');
    expect(read?.values).toEqual({
      title: 'Titre SECRET-1',
      situation: 'Ma situation',
      kind: '',
      groups: ['g1', 'g2'],
      charter: 'true',
      date: '2026-03-16',
      time: '14:30',
    });
    expect(readDialogSubmission(fill(card, { charter: false }))?.values.charter).toBe('');
  });

  it('re-renders with errors under their fields and what was typed', () => {
    const card = renderFormDialog(form, TEAMS_STRINGS.en, {
      errors: { situation: 'Required.', other: 'Something else.' },
      values: { title: 'Typed', situation: '' },
    }).card.content as Card;
    const index = card.body.findIndex((e: { id?: string }) => e.id === 'f.situation');
    // The hint, then the error, under the field.
    expect(card.body[index + 2]).toMatchObject({ type: 'TextBlock', color: 'Attention', text: 'Required.' });
    expect(card.body.at(-1)).toMatchObject({ color: 'Attention', text: 'Something else.' });
    expect(inputsOf(card)[0]?.value).toBe('Typed');
  });

  it('refuses malformed submissions', () => {
    expect(readDialogSubmission({ verb: 'cairn.form', formId: 'case' })).toBeNull();
    expect(readDialogSubmission({ verb: 'other', formId: 'case', state: 's', form: {} })).toBeNull();
    expect(readDialogSubmission('nope')).toBeNull();
    const card = renderFormDialog(form, TEAMS_STRINGS.fr).card.content as Card;
    const data = fill(card, {});
    data.form.fields = Array.from({ length: 100 }, () => data.form.fields[0]);
    expect(readDialogSubmission(data)).toBeNull();
  });
});

describe('edges of the adapter', () => {
  it('maps connector failures onto the outbox rules', () => {
    const failure = (statusCode: number, retryAfter?: string) => ({
      statusCode,
      response: { headers: { get: (n: string) => (n === 'retry-after' ? retryAfter : undefined) } },
    });
    expect(deliveryErrorOf(failure(429, '3'), 's')).toMatchObject({
      kind: 'rate_limited',
      retryAfterMs: 3000,
      scope: 's',
    });
    expect(deliveryErrorOf(failure(412), 's')).toMatchObject({ kind: 'rate_limited', retryAfterMs: 1000 });
    for (const status of [500, 502, 503, 504, 408])
      expect(deliveryErrorOf(failure(status), 's').kind).toBe('transient');
    for (const status of [400, 401, 403, 404])
      expect(deliveryErrorOf(failure(status), 's').kind).toBe('permanent');
    expect(deliveryErrorOf(new Error('ECONNRESET'), 's').kind).toBe('transient');
    const now = Date.parse('2026-03-02T08:00:00Z');
    expect(retryAfterMs(failure(429, 'Mon, 02 Mar 2026 08:00:05 GMT'), now)).toBe(5000);
  });

  it('admits Teams activities from allowed tenants only', () => {
    const allowed = allowedTenantsOf(' A-1 , b-2 ', 'own');
    expect([...allowed]).toEqual(['a-1', 'b-2']);
    expect([...allowedTenantsOf(undefined, 'OWN')]).toEqual(['own']);
    expect(allowedTenantsOf(undefined, undefined).size).toBe(0);
    const activity = (
      tenant?: string,
      channelId = 'msteams',
      serviceUrl = 'https://smba.trafficmanager.net/emea/',
    ) => ({
      channelId,
      serviceUrl,
      conversation: { tenantId: tenant },
      channelData: { tenant: { id: tenant } },
    });
    const policy = { allowedTenants: allowed, loopbackServiceUrls: false };
    expect(admit(activity('A-1'), policy)).toEqual({ ok: true, tenantId: 'A-1' });
    expect(admit(activity('c-3'), policy).ok).toBe(false);
    expect(admit(activity(undefined), policy).ok).toBe(false);
    expect(admit(activity('a-1', 'slack'), policy).ok).toBe(false);
    expect(admit(activity('c-3'), { ...policy, allowedTenants: new Set() }).ok).toBe(true);
  });

  it('admits a service URL on a Bot Framework host only (loopback for tests only)', () => {
    const policy = { allowedTenants: new Set<string>(), loopbackServiceUrls: false };
    const at = (serviceUrl: string, loopback = false) =>
      admit(
        { channelId: 'msteams', serviceUrl, conversation: { tenantId: 't' } },
        { ...policy, loopbackServiceUrls: loopback },
      ).ok;
    for (const good of [
      'https://smba.trafficmanager.net/emea/',
      'https://smba.trafficmanager.net/amer/',
      'https://europe.webchat.botframework.com/',
      'https://smba.infra.gcc.teams.microsoft.com/teams',
      'https://smba.infra.gov.teams.microsoft.us/teams',
      'https://smba.infra.dod.teams.microsoft.us/teams',
      'https://api.botframework.azure.cn/',
    ])
      expect(at(good), good).toBe(true);
    for (const bad of [
      'http://smba.trafficmanager.net/emea/',
      'https://smba.trafficmanager.net.evil.example/',
      'https://evil.example/?x=smba.trafficmanager.net',
      'https://botframework.com.evil.example/',
      'https://user:pw@smba.trafficmanager.net/',
      'https://smba.trafficmanager.net:8443/',
      'http://127.0.0.1:3978/',
      'not a url',
      '',
    ])
      expect(at(bad), bad).toBe(false);
    expect(at('http://127.0.0.1:3978/', true)).toBe(true);
    expect(at('http://localhost:3978/', true)).toBe(true);
    expect(at('http://10.0.0.1:3978/', true)).toBe(false);
  });

  it('reads words out of Teams text and HTML', () => {
    expect(commandText('  <at>Bob</at>  cas&nbsp; Titre  ')).toBe('Bob cas Titre');
    expect(htmlToText('<div>Un<br>deux</div><p>&lt;trois&gt; &amp; &#233;&#x20AC;</p>')).toBe(
      'Un\ndeux\n<trois> & é€',
    );
  });

  it('addresses a channel by the channel, not the thread', () => {
    const thread = {
      type: 'message',
      channelId: 'msteams',
      serviceUrl: 'x',
      from: { id: '29:a' },
      recipient: { id: '28:b' },
      conversation: { id: '19:c@thread.tacv2;messageid=17', conversationType: 'channel' },
    };
    expect(spaceConversationId(thread)).toBe('19:c@thread.tacv2');
    expect(parseAddress(spaceAddressOf('t-1', '19:c@thread.tacv2'))).toEqual({
      tenantId: 't-1',
      id: '19:c@thread.tacv2',
    });
    expect(parseAddress('slack:T1:C1')).toBeNull();
  });

  it('has every adapter string in French and English', () => {
    expect(Object.keys(TEAMS_STRINGS.en).sort()).toEqual(Object.keys(TEAMS_STRINGS.fr).sort());
    for (const lang of ['fr', 'en'] as const)
      for (const value of Object.values(TEAMS_STRINGS[lang])) expect(value.trim().length).toBeGreaterThan(0);
    expect(TEAMS_STRINGS.fr.repliedPrivately).not.toBe(TEAMS_STRINGS.en.repliedPrivately);
  });
});
