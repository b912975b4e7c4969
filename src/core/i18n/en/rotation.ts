import type { rotation as fr } from '../fr/rotation.js';
import type { Widen } from '../widen.js';

export const rotation: Widen<typeof fr> = {
  'rotation.last.never': 'first time',
  'rotation.last.sessions': (p) =>
    p.count === 1 ? 'presented at the last session' : `last presented ${p.count} sessions ago`,
  'rotation.caseFacts': (p) => `Vote: ${p.vote} · ${p.last}`,
  'rotation.caseLast': (p) => `Author’s last turn: ${p.last}`,
  'rotation.suggestedOrder':
    'Suggested order: urgent first, then the group’s vote, then whoever presented least recently. You decide.',
  'rotation.fallback': (p) => `Rotation — ${p.group}`,
  'rotation.title': (p) => `Rotation — ${p.group}`,
  'rotation.cycle': (p) => `Cycle started on ${p.since}: ${p.held} session(s) held since.`,
  'rotation.cycleNotStarted': 'No session yet: the cycle will start with the first one.',
  'rotation.attendanceNote':
    'Cairn keeps no attendance record: "sessions since" counts the sessions the group held while the person was a member.',
  'rotation.memberLine': (p) => `${p.name} — ${p.since} · this cycle: ${p.cycle} case(s) presented`,
  'rotation.sinceLast': (p) => `${p.count} session(s) since they last presented`,
  'rotation.sinceNever': (p) => `has never presented (${p.count} session(s) since joining)`,
  'rotation.noMembers': 'The group has no member yet.',
  'rotation.nudge': 'Invite to bring a case',
  'rotation.privateNote':
    'Visible to you only. The invitation goes to the person as a private message; no list is ever sent to the group.',
  'rotation.chooseGroup': 'Which group?',
  'nudge.fallback': (p) => `An invitation for "${p.group}"`,
  'nudge.title': (p) => `An invitation — ${p.group}`,
  'nudge.body': (p) =>
    `${p.facilitator} would be glad to hear from you in "${p.group}": is there a work situation you would like to bring to the group at a coming session? A few lines are enough, and there is no hurry: this is an invitation, not an obligation.`,
  'nudge.when': (p) => `Next session: ${p.when}.`,
  'nudge.private': 'This message is sent to you only.',
  'nudge.sent': (p) => `Invitation sent privately to ${p.name}.`,
  'nudge.already': (p) => `${p.name} already received an invitation today: nothing more was sent.`,
};
