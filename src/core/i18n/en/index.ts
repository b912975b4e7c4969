import type { Catalogue } from '../catalogue.js';
import { cases } from './cases.js';
import { checkins } from './checkins.js';
import { common, home } from './common.js';
import { delivery } from './delivery.js';
import { guide } from './guide.js';
import { notes } from './notes.js';
import { plans } from './plans.js';
import { privacy } from './privacy.js';
import { reminders } from './reminders.js';
import { rotation } from './rotation.js';
import { sessions } from './sessions.js';
import { setup } from './setup.js';
import { suspension } from './suspension.js';
import { syntheses } from './syntheses.js';
import { trends } from './trends.js';
import { votes } from './votes.js';

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
  ...guide,
  ...notes,
  ...plans,
  ...votes,
  ...rotation,
  ...suspension,
};
