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
  voteOpen: 'vote.ballot',
  rotationShow: 'rotation.show',
  rotationNudge: 'rotation.nudge',
} as const;

export type FormId = (typeof FORM)[keyof typeof FORM];
export type ActionId = (typeof ACTION)[keyof typeof ACTION];
