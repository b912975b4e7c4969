import type { Button, Message } from '../../src/core/contract/message.js';

/** Every piece of text in a message, for assertions and searches. */
export function messageText(message: Message): string {
  const parts: string[] = [message.fallbackText];
  for (const block of message.blocks) {
    switch (block.type) {
      case 'heading':
      case 'text':
      case 'context':
        parts.push(block.text);
        break;
      case 'fields':
        for (const f of block.fields) parts.push(`${f.label}: ${f.value}`);
        break;
      case 'bars':
        parts.push(block.title, ...block.rows.map((r) => `${r.label} ${r.count}`), block.summary ?? '');
        break;
      case 'actions':
        for (const b of block.buttons) parts.push(`[${b.label}]`);
        break;
      case 'chart':
        parts.push(block.chart.title, block.chart.altText);
        break;
      case 'image':
        parts.push(block.image.title, block.image.altText);
        break;
      case 'divider':
        break;
    }
  }
  return parts.join('\n');
}

/** The buttons of a message, to press them. */
export function buttonsOf(message: Message | undefined): Button[] {
  if (!message) return [];
  return message.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []));
}
