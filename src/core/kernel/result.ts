/** Expected failures are values with a stable code; only bugs and infrastructure failures throw. */
export const ERROR_CODES = [
  'GROUP.NONE',
  'GROUP.NOT_FOUND',
  'GROUP.NOT_FACILITATOR',
  'GROUP.SPACE_NOT_SET_UP',
  'GROUP.SETUP_IN_SPACE',
  'GROUP.ALREADY_BOUND',
  'GROUP.CHOOSE',
  'GROUP.SPACE_UNREADABLE',
  'GROUP.CAIRN_NOT_IN_SPACE',
  'GROUP.NOT_IN_SPACE',
  'GROUP.SHARED_SPACE',
  'SESSION.NOT_FOUND',
  'SESSION.STARTED',
  'SESSION.NONE_UPCOMING',
  'CASE.NOT_FOUND',
  'CASE.LOCKED',
  'CASE.NOT_AUTHOR',
  'FORM.UNKNOWN',
  'FORM.EXPIRED',
  'ACTION.UNKNOWN',
  'PAUSE.BAD_DATE',
  'LANGUAGE.UNKNOWN',
  'CHECKIN.NOT_OPEN',
  'CHECKIN.ALREADY_OPEN',
  'CHECKIN.ALREADY_ANSWERED',
  'CHECKIN.NOT_FOUND',
  'CHECKIN.BAD_VALUE',
  'CHECKIN.NO_RESULT',
  'TRENDS.NONE_RELEASED',
  'CHECKIN.TOO_MANY_OPERATIONS',
  'SYNTHESIS.NOT_FOUND',
  'VOTE.NOT_FOUND',
  'VOTE.CLOSED',
  'VOTE.ALREADY_VOTED',
  'ROTATION.NOT_MEMBER',
  'SYNTHESIS.NO_TARGET',
  'PERSON.UNKNOWN',
  'GUIDE.IN_SPACE',
  'GUIDE.NO_SESSION',
  'GUIDE.ALREADY_RUNNING',
  'GUIDE.NO_CASE',
  'GUIDE.CASE_UNAVAILABLE',
  'GUIDE.ENDED',
  'GUIDE.NOT_LEADER',
  'GUIDE.NOT_CLIENT',
  'NOTE.TOO_LONG',
  'NOTE.NOT_FOUND',
  'PLAN.NO_CASE',
  'PLAN.NOT_YOUR_CASE',
  'PLAN.NOT_FOUND',
  'PLAN.ALREADY_REPORTED',
  'TAKEAWAY.NOT_FOUND',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export type Failure = { ok: false; code: ErrorCode };
export type Success<T> = { ok: true; value: T };
export type Result<T> = Success<T> | Failure;

export const ok = <T>(value: T): Success<T> => ({ ok: true, value });
export const fail = (code: ErrorCode): Failure => ({ ok: false, code });
