import { randomUUID } from 'node:crypto';
import type { IdSource } from '../core/ports/ids.js';

export const randomIds: IdSource = { newId: () => randomUUID() };
