import type { Catalogue } from '../catalogue.js';
import { cases } from './cases.js';
import { common, home } from './common.js';
import { reminders } from './reminders.js';
import { sessions } from './sessions.js';
import { setup } from './setup.js';

export const en: Catalogue = { ...common, ...home, ...setup, ...sessions, ...cases, ...reminders };
