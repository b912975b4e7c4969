import type { Catalogue } from '../catalogue.js';
import { cases } from './cases.js';
import { checkins } from './checkins.js';
import { common, home } from './common.js';
import { delivery } from './delivery.js';
import { privacy } from './privacy.js';
import { reminders } from './reminders.js';
import { sessions } from './sessions.js';
import { setup } from './setup.js';
import { suspension } from './suspension.js';
import { syntheses } from './syntheses.js';
import { trends } from './trends.js';

export const en: Catalogue = {
  ...common,
  ...home,
  ...setup,
  ...sessions,
  ...cases,
  ...reminders,
  ...checkins,
  ...syntheses,
  ...privacy,
  ...delivery,
  ...trends,
  ...suspension,
};
