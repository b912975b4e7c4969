import type { ErrorCode } from '../../kernel/result.js';

export const errors: Record<ErrorCode, string> = {
  'GROUP.NONE':
    'You are not in any Cairn group. A facilitator creates a group with "setup" in the group’s private channel after inviting Cairn there.',
  'GROUP.NOT_FOUND': 'This group does not exist, or you are not in it.',
  'GROUP.NOT_FACILITATOR': 'Only the group’s facilitator can do this.',
  'GROUP.SPACE_NOT_SET_UP':
    'This space is not a Cairn group’s space yet. The facilitator can create it with "setup".',
  'GROUP.SETUP_IN_SPACE':
    'Run "setup" in the group’s private channel (or group chat) after inviting Cairn there.',
  'GROUP.ALREADY_BOUND': 'This space already belongs to a group.',
  'GROUP.CHOOSE': 'You are in several groups: say which one.',
  'GROUP.SPACE_UNREADABLE':
    'Cairn could not read the members of this space, so it cannot set a group up here. Check that Cairn was added to the space, then run "setup" again.',
  'GROUP.CAIRN_NOT_IN_SPACE':
    'Cairn is not in this space yet. Add it first (Slack: /invite @Cairn; Teams: + Apps in the chat), then run "setup" again.',
  'GROUP.NOT_IN_SPACE': 'Only a member of this space can set its group up or change it.',
  'GROUP.SHARED_SPACE':
    'This channel is shared with another organisation (Slack Connect): Cairn does not set a group up here, because people outside your organisation would see what the group shares. Create a private channel inside your organisation, invite Cairn and run "setup" there.',
  'SESSION.NOT_FOUND': 'This session does not exist or was cancelled.',
  'SESSION.STARTED': 'This session has already started.',
  'SESSION.GUIDE_RUNNING':
    'The session guide is running for this session: end it (End, in the guide) before changing the session.',
  'SESSION.NONE_UPCOMING': 'No session is scheduled.',
  'CASE.NOT_FOUND': 'This case does not exist, or you cannot read it.',
  'CASE.LOCKED':
    'This case can no longer be changed: its session has started, or it was presented or withdrawn.',
  'CASE.BEING_GUIDED':
    'This case is being presented with the session guide: end the guide before postponing it.',
  'CASE.NOT_AUTHOR': 'Only a case’s author can change it.',
  'FORM.UNKNOWN': 'This form is not recognised. Run the command again.',
  'FORM.EXPIRED':
    'This form has expired or is no longer valid: open it again (run the command or press the button again).',
  'ACTION.UNKNOWN': 'This button is no longer valid.',
  'PAUSE.BAD_DATE': 'Give a date to come: "pause until 2026-12-31" (or 31/12/2026), or "pause off".',
  'LANGUAGE.UNKNOWN': 'Available languages: "language fr" or "language en".',
  'CHECKIN.NOT_OPEN': 'This check-in is closed: your answer was not recorded.',
  'CHECKIN.ALREADY_OPEN': 'A check-in is already open for this group.',
  'CHECKIN.ALREADY_ANSWERED': 'You have already answered this check-in: nothing was counted twice.',
  'CHECKIN.NOT_FOUND': 'No check-in is open.',
  'CHECKIN.BAD_VALUE': 'Each answer must be a score from 1 to 5: nothing was recorded.',
  'CHECKIN.NO_RESULT':
    'No check-in result to share: none has closed yet, or the latest had too few answers to show anything.',
  'TRENDS.NONE_RELEASED':
    'No trends for this group yet: none of its check-ins had enough answers to be released. The first picture comes with the first released result.',
  'VOTE.NOT_FOUND': 'No vote of your group matches: nothing was counted.',
  'VOTE.CLOSED': 'This vote is closed: your choice was not counted.',
  'VOTE.ALREADY_VOTED': 'You have already voted: nothing was counted twice.',
  'VOTE.NO_CASES':
    'No case is left on this ballot: their authors withdrew them or kept them for the facilitator. Nothing to vote on.',
  'ROTATION.NOT_MEMBER': 'This person is no longer a member of the group: nothing was sent.',
  'CHECKIN.TOO_MANY_OPERATIONS':
    'This group’s check-ins were opened, closed or shared 6 times in the last hour: wait a little before doing it again.',
  'SYNTHESIS.NOT_FOUND': 'This synthesis does not exist, or you do not have access to it.',
  'SYNTHESIS.NO_TARGET': 'Choose at least one group.',
  'PERSON.UNKNOWN': 'Cairn keeps no data about you.',
  'GUIDE.IN_SPACE': 'Run "guide" in the group’s space (its private channel or group chat), during a session.',
  'GUIDE.NO_SESSION':
    'No session now: the guide opens 30 minutes before a session starts and stays open until it ends.',
  'GUIDE.ALREADY_RUNNING': 'A guide is already running in this space: end it before starting another one.',
  'GUIDE.NO_CASE': 'No case to present: none is selected for this session and none is proposed.',
  'GUIDE.CASE_UNAVAILABLE':
    'This case cannot be presented: it was withdrawn by its author, or it has already been presented.',
  'GUIDE.ENDED': 'This guide has ended: its buttons no longer change anything.',
  'GUIDE.NOT_LEADER': 'Only the facilitator leads the session.',
  'GUIDE.NOT_CLIENT': 'Only the facilitator or the client can record the client’s request.',
  'NOTE.TOO_LONG':
    'A note is 3,000 characters at most: nothing was saved. For a longer text, "note" alone opens the form.',
  'NOTE.NOT_FOUND': 'This note does not exist, or it is not yours.',
  'PLAN.NO_CASE':
    'You have no presented case yet: the action plan comes after presenting a case at a session.',
  'PLAN.NOT_YOUR_CASE': 'You can only write the action plan of a case you presented.',
  'PLAN.NOT_FOUND': 'This action plan does not exist, or it is not yours.',
  'PLAN.ALREADY_REPORTED': 'You already told how it went: your report is kept as it was.',
  'TAKEAWAY.NOT_FOUND': 'This session has not taken place yet, or you are not in its group.',
};
