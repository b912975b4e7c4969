/** Stable ids of forms and buttons: adapters carry them verbatim, the core routes on them. */
export const FORM = {
  setup: 'setup',
  session: 'session',
  case: 'case',
  checkin: 'checkin',
  synthesis: 'synthesis',
  synthesisPreview: 'synthesis.preview',
  forgetMe: 'forget-me',
  notice: 'notice',
  guideStart: 'guide.start',
  guideRequest: 'guide.request',
  note: 'note',
  notesKeep: 'notes.keep',
  takeaway: 'takeaway',
  plan: 'plan',
  planReport: 'plan.report',
  vote: 'vote',
} as const;

export const ACTION = {
  caseOpen: 'case.open',
  caseEdit: 'case.edit',
  caseWithdraw: 'case.withdraw',
  caseView: 'case.view',
  caseMark: 'case.mark',
  casesList: 'cases.list',
  reminderSkip: 'reminder.skip',
  sessionNew: 'session.new',
  sessionEdit: 'session.edit',
  sessionCancel: 'session.cancel',
  checkinOpen: 'checkin.answer',
  careContact: 'care.contact',
  checkinShare: 'checkin.share',
  checkinManage: 'checkin.manage',
  synthesisWrite: 'synthesis.write',
  synthesisEdit: 'synthesis.edit',
  synthesisRead: 'synthesis.read',
  forgetMe: 'forget-me',
  help: 'help',
  guideStartCase: 'guide.start-case',
  guideNext: 'guide.next',
  guideExtend: 'guide.extend',
  guidePause: 'guide.pause',
  guideEnd: 'guide.end',
  guideRequest: 'guide.request',
  guideSynthesis: 'guide.synthesis',
  noteOpen: 'note.open',
  notesList: 'notes.list',
  noteToCase: 'note.case',
  noteDelete: 'note.delete',
  notesKeep: 'notes.keep',
  takeawayWrite: 'takeaway.write',
  planWrite: 'plan.write',
  planReport: 'plan.report',
  planPause: 'plan.pause',
  planResume: 'plan.resume',
  planDismiss: 'plan.dismiss',
  voteOpen: 'vote.ballot',
  rotationShow: 'rotation.show',
  rotationNudge: 'rotation.nudge',
} as const;

export type FormId = (typeof FORM)[keyof typeof FORM];
export type ActionId = (typeof ACTION)[keyof typeof ACTION];

const KNOWN = new Set<string>([...Object.values(FORM), ...Object.values(ACTION)]);

/** A form or button id fit for a log line: a client may send any string (Teams: up to 100 characters). */
export const loggableId = (id: string): string => (KNOWN.has(id) ? id : 'unknown');
