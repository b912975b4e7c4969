import type { Json, StoredView } from '../../support/fake-slack.js';

/** Reading Block Kit as a Slack client does: buttons, visible text, and a modal's input state. */
/** Every button in a list of blocks. */
export function buttonsIn(blocks: Json[]): Json[] {
  return blocks.flatMap((b) => (b.type === 'actions' ? ((b.elements as Json[]) ?? []) : []));
}

export function findButton(blocks: Json[], actionId: string, value?: string): Json {
  const found = buttonsIn(blocks).find(
    (b) => String(b.action_id).split('#')[0] === actionId && (value === undefined || b.value === value),
  );
  if (!found)
    throw new Error(`no button ${actionId} in ${JSON.stringify(buttonsIn(blocks).map((b) => b.action_id))}`);
  return found;
}

/** All text shown by a list of blocks (headers, sections, fields, contexts, button labels). */
export function textOf(blocks: Json[]): string {
  const parts: string[] = [];
  const take = (t: unknown) => {
    if (t && typeof t === 'object' && typeof (t as Json).text === 'string')
      parts.push(String((t as Json).text));
  };
  for (const b of blocks) {
    take(b.text);
    take(b.label);
    for (const f of (b.fields as Json[]) ?? []) take(f);
    for (const e of (b.elements as Json[]) ?? []) {
      take(e);
      take(e.text);
    }
  }
  return parts.join('\n');
}

type Option = { text: Json; value: string };

function optionsOf(element: Json): Option[] {
  if (Array.isArray(element.option_groups))
    return (element.option_groups as Json[]).flatMap((g) => (g.options as Option[]) ?? []);
  return (element.options as Option[]) ?? [];
}

/** view.state.values as a Slack client would send it, element type by element type. */
export function fill(view: StoredView, values: Record<string, string | string[] | boolean | null>): Json {
  const state: Json = {};
  for (const block of (view.blocks as Json[]) ?? []) {
    if (block.type !== 'input') continue;
    const id = String(block.block_id);
    const element = block.element as Json;
    const given = values[id];
    const has = id in values;
    const actionId = String(element.action_id);
    let value: Json;
    switch (element.type) {
      case 'plain_text_input': {
        // Like a Slack client: never more than max_length characters can be typed.
        const typed = String(element.initial_value ?? 'Texte de test').slice(
          0,
          Number(element.max_length ?? 3000),
        );
        value = { type: element.type, value: has ? given : typed };
        break;
      }
      case 'static_select': {
        const options = optionsOf(element);
        const chosen = has
          ? options.find((o) => o.value === given)
          : ((element.initial_option as Option | undefined) ?? options[0]);
        value = { type: element.type, selected_option: chosen ?? null };
        break;
      }
      case 'multi_static_select': {
        const options = optionsOf(element);
        const chosen = has
          ? options.filter((o) => Array.isArray(given) && given.includes(o.value))
          : ((element.initial_options as Option[] | undefined) ?? options.slice(0, 1));
        value = { type: element.type, selected_options: chosen };
        break;
      }
      case 'checkboxes': {
        const ticked = has ? given === true : true;
        value = { type: element.type, selected_options: ticked ? optionsOf(element) : [] };
        break;
      }
      case 'datepicker':
        value = { type: element.type, selected_date: has ? given : (element.initial_date ?? '2026-04-01') };
        break;
      case 'timepicker':
        value = { type: element.type, selected_time: has ? given : (element.initial_time ?? '14:00') };
        break;
      default:
        throw new Error(`unknown input element ${String(element.type)}`);
    }
    state[id] = { [actionId]: value };
  }
  return state;
}
