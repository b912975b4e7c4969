import type { types } from '@slack/bolt';
import type { Form, FormField, Option } from '../../src/core/contract/form.js';
import type { Message } from '../../src/core/contract/message.js';
import { escapedPieces, escapeShort, escapeText } from './escape.js';
import { fitBlocks, LIMITS, renderBlocks } from './render-message.js';

type KnownBlock = types.KnownBlock;
type PlainText = types.PlainTextElement;
type PlainTextOption = types.PlainTextOption;

/** Every input block's element carries this action id; the block id is the core's field id. */
export const INPUT_ACTION = 'value';
/** Callback id of the views that only show a message (nothing to submit). */
export const NOTICE_CALLBACK = 'cairn.notice';

const VIEW = { title: 24, button: 24, option: 75, optionsPerMenu: 100, label: 2000, placeholder: 150 };
const MAX_TEXT_INPUT = 3000;

const plain = (escaped: string): PlainText => ({ type: 'plain_text', text: escaped, emoji: true });
const short = (text: string, limit: number): PlainText => plain(escapeShort(text || '…', limit));

function option(o: Option): PlainTextOption {
  return { text: short(o.label, VIEW.option), value: o.value };
}

/** A menu of more than 100 options is shown as groups of 100 (Slack's limit per list). */
function menuOptions(options: Option[]): Pick<types.StaticSelect, 'options' | 'option_groups'> {
  if (options.length <= VIEW.optionsPerMenu) return { options: options.map(option) };
  const groups: types.StaticSelect['option_groups'] = [];
  for (let i = 0; i < options.length; i += VIEW.optionsPerMenu) {
    const chunk = options.slice(i, i + VIEW.optionsPerMenu);
    groups.push({ label: plain(`${i + 1}–${i + chunk.length}`), options: chunk.map(option) });
  }
  return { option_groups: groups };
}

function element(field: FormField): types.InputBlockElement {
  switch (field.kind) {
    case 'text':
    case 'multiline': {
      const input: types.PlainTextInput = {
        type: 'plain_text_input',
        action_id: INPUT_ACTION,
        multiline: field.kind === 'multiline',
        max_length: Math.min(field.maxLength, MAX_TEXT_INPUT),
      };
      // initial_value is shown as typed, never parsed: no escaping (it would show "&amp;").
      if (field.initial) input.initial_value = field.initial;
      if (field.placeholder) input.placeholder = short(field.placeholder, VIEW.placeholder);
      return input;
    }
    case 'select': {
      const select: types.StaticSelect = {
        type: 'static_select',
        action_id: INPUT_ACTION,
        ...menuOptions(field.options),
      };
      const initial = field.options.find((o) => o.value === field.initial);
      if (initial) select.initial_option = option(initial);
      return select;
    }
    case 'multiselect': {
      const select: types.MultiStaticSelect = {
        type: 'multi_static_select',
        action_id: INPUT_ACTION,
        ...menuOptions(field.options),
      };
      const initial = field.options.filter((o) => field.initial?.includes(o.value));
      if (initial.length) select.initial_options = initial.map(option);
      return select;
    }
    case 'checkbox': {
      const box = { text: short(field.optionLabel, VIEW.option), value: 'true' };
      const checkboxes: types.Checkboxes = { type: 'checkboxes', action_id: INPUT_ACTION, options: [box] };
      if (field.initial) checkboxes.initial_options = [box];
      return checkboxes;
    }
    case 'date': {
      const picker: types.Datepicker = { type: 'datepicker', action_id: INPUT_ACTION };
      if (field.initial) picker.initial_date = field.initial;
      return picker;
    }
    case 'time': {
      const picker: types.Timepicker = { type: 'timepicker', action_id: INPUT_ACTION };
      if (field.initial) picker.initial_time = field.initial;
      return picker;
    }
  }
}

function inputBlocks(field: FormField): KnownBlock[] {
  const before: KnownBlock[] = [];
  // A confirmation longer than a checkbox label may be is shown in full just above the box.
  if (field.kind === 'checkbox' && escapeText(field.optionLabel).length > VIEW.option) {
    for (const piece of escapedPieces(field.optionLabel, LIMITS.sectionText))
      before.push({ type: 'section', text: plain(piece) });
  }
  const input: types.InputBlock = {
    type: 'input',
    block_id: field.id,
    optional: !field.required,
    label: short(field.label, VIEW.label),
    element: element(field),
  };
  if (field.hint) input.hint = short(field.hint, VIEW.label);
  return [...before, input];
}

/** A title longer than Slack allows is shortened in the title bar and shown in full at the top. */
function titled(title: string): { title: PlainText; header: KnownBlock[] } {
  const bar = short(title, VIEW.title);
  if (bar.text === escapeText(title)) return { title: bar, header: [] };
  return { title: bar, header: renderBlocks([{ type: 'heading', text: title }]) };
}

/** The neutral form as a modal: intro blocks, then one input block per field (block id = field id). */
export function renderForm(form: Form): types.ModalView {
  const { title, header } = titled(form.title);
  const inputs = form.fields.flatMap(inputBlocks);
  // Past the modal's block limit, the explanation is shortened (with a visible "…"), never the fields.
  const intro = fitBlocks(
    [...header, ...renderBlocks(form.intro ?? [])],
    Math.max(1, LIMITS.viewBlocks - inputs.length),
  ).blocks;
  const view: types.ModalView = {
    type: 'modal',
    callback_id: form.id,
    private_metadata: form.state,
    title,
    submit: short(form.submitLabel, VIEW.button),
    blocks: [...intro, ...inputs],
  };
  if (form.closeLabel) view.close = short(form.closeLabel, VIEW.button);
  return view;
}

/** A modal that only shows a message (a result, a confirmation) with Slack's own close button. */
export function renderNotice(title: string, message: Message): types.ModalView {
  const { title: bar, header } = titled(title || 'Cairn');
  return {
    type: 'modal',
    callback_id: NOTICE_CALLBACK,
    title: bar,
    blocks: fitBlocks([...header, ...renderBlocks(message.blocks)], LIMITS.viewBlocks).blocks,
  };
}

/** The App Home tab. */
export function renderHome(message: Message): types.HomeView {
  return { type: 'home', blocks: fitBlocks(renderBlocks(message.blocks), LIMITS.viewBlocks).blocks };
}
