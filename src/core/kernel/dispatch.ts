import { parseCommand } from '../contract/commands.js';
import type { CoreDeps, Request } from './deps.js';
import type { InboundEvent, Reply } from '../contract/events.js';
import { NO_REPLY } from '../contract/events.js';
import type { FormValues } from '../contract/form.js';
import { failureFormReply, failureReply, privateText } from './replies.js';
import { resolveRequest } from './request.js';
import { ACTION, FORM } from '../contract/ids.js';
import { openCheckinForm, recordCheckin } from '../checkins/answer-checkin.js';
import { cancelSession } from '../sessions/cancel-session.js';
import { memberJoined, memberLeft } from '../groups/change-membership.js';
import { checkinCommand, manageRound } from '../checkins/checkin-command.js';
import { exportMyData } from '../people/export-my-data.js';
import { forgetMe, openForgetMe } from '../people/forget-me.js';
import { listCases } from '../cases/list-cases.js';
import { listSessions } from '../sessions/list-sessions.js';
import { listSyntheses, readSynthesis } from '../syntheses/list-syntheses.js';
import { markCase } from '../cases/mark-case.js';
import { openCaseEditForm, openCaseForm } from '../cases/open-case-form.js';
import { openSessionEditForm, openSessionForm } from '../sessions/open-session-form.js';
import { openSetupForm } from '../groups/open-setup-form.js';
import { openSynthesisForm } from '../syntheses/open-synthesis-form.js';
import { pauseReminders } from '../people/pause-reminders.js';
import { postSynthesis } from '../syntheses/post-synthesis.js';
import { purgeWorkspace, removeSpace } from '../groups/purge-workspace.js';
import { requestContact } from '../checkins/request-contact.js';
import { setLanguage } from '../people/set-language.js';
import { shareCheckinResult } from '../checkins/share-result.js';
import { showHelp } from '../home/show-help.js';
import { showPrivacy } from '../people/show-privacy.js';
import { skipReminder } from '../reminders/skip-reminder.js';
import { submitCase } from '../cases/submit-case.js';
import { submitSession } from '../sessions/submit-session.js';
import { submitSetup } from '../groups/submit-setup.js';
import { submitSynthesis } from '../syntheses/submit-synthesis.js';
import { viewCase } from '../cases/view-case.js';
import { withdrawCase } from '../cases/withdraw-case.js';

type Handler<A> = (req: Request, arg: A) => Reply | Promise<Reply>;

/** Sub-commands. Part 2 commands register through `extraCommands`. */
export const commandHandlers: Record<string, Handler<string>> = {
  help: (req) => showHelp(req),
  setup: (req) => openSetupForm(req),
  session: (req) => openSessionForm(req),
  sessions: (req) => listSessions(req),
  case: (req, args) => openCaseForm(req, { title: args || undefined }),
  cases: (req) => listCases(req),
  pause: (req, args) => pauseReminders(req, args),
  language: (req, args) => setLanguage(req, args),
  checkin: (req, args) => checkinCommand(req, args),
  synthesis: (req) => openSynthesisForm(req),
  syntheses: (req) => listSyntheses(req),
  privacy: (req) => showPrivacy(req),
  'my-data': (req) => exportMyData(req),
  'forget-me': (req) => openForgetMe(req),
};

export const actionHandlers: Record<string, Handler<string>> = {
  [ACTION.caseOpen]: (req, value) => openCaseForm(req, { sessionId: value || undefined }),
  [ACTION.caseEdit]: (req, value) => openCaseEditForm(req, value),
  [ACTION.caseWithdraw]: (req, value) => withdrawCase(req, value),
  [ACTION.caseView]: (req, value) => viewCase(req, value),
  [ACTION.caseMark]: (req, value) => markCase(req, value),
  [ACTION.casesList]: (req, value) => listCases(req, value || undefined),
  [ACTION.reminderSkip]: (req, value) => skipReminder(req, value),
  [ACTION.sessionNew]: (req) => openSessionForm(req),
  [ACTION.sessionEdit]: (req, value) => openSessionEditForm(req, value),
  [ACTION.sessionCancel]: (req, value) => cancelSession(req, value),
  [ACTION.help]: (req) => showHelp(req),
  [ACTION.checkinOpen]: (req, value) => openCheckinForm(req, value),
  [ACTION.careContact]: (req, value) => requestContact(req, value),
  [ACTION.checkinShare]: (req, value) => shareCheckinResult(req, value),
  [ACTION.checkinManage]: (req, value) => manageRound(req, value),
  [ACTION.synthesisWrite]: (req) => openSynthesisForm(req),
  [ACTION.synthesisEdit]: (req, value) => openSynthesisForm(req, value),
  [ACTION.synthesisRead]: (req, value) => readSynthesis(req, value),
  [ACTION.forgetMe]: (req) => openForgetMe(req),
};

export const formHandlers: Record<string, Handler<{ state: string; values: FormValues }>> = {
  [FORM.setup]: (req, f) => submitSetup(req, f.state, f.values),
  [FORM.session]: (req, f) => submitSession(req, f.state, f.values),
  [FORM.case]: (req, f) => submitCase(req, f.state, f.values),
  [FORM.notice]: () => ({ kind: 'form.done' }),
  [FORM.checkin]: (req, f) => recordCheckin(req, f.state, f.values),
  [FORM.synthesis]: (req, f) => submitSynthesis(req, f.state, f.values),
  [FORM.synthesisPreview]: (req, f) => postSynthesis(req, f.state, f.values),
  [FORM.forgetMe]: (req, f) => forgetMe(req, f.state, f.values),
};

/**
 * The single entry point of every adapter: a neutral event in, what to show inside the platform's
 * response window out. Retried deliveries (same event id) have no second effect.
 */
export async function handleEvent(deps: CoreDeps, event: InboundEvent): Promise<Reply> {
  // Around a check-in answer nothing is written but the counters: no event id, no display-name refresh,
  // no log line (its time could be matched with the counters' changes).
  const anonymous =
    (event.kind === 'form.submitted' && event.formId === FORM.checkin) ||
    (event.kind === 'action' && event.action === ACTION.checkinOpen);
  if (event.eventId && !anonymous && !deps.store.inbound.firstSeen(event.eventId, deps.clock.now())) {
    deps.logger.debug({ eventId: event.eventId }, 'duplicate delivery ignored');
    return NO_REPLY;
  }
  switch (event.kind) {
    case 'command': {
      const req = resolveRequest(deps, event.actor, event.place);
      const parsed = parseCommand(event.text);
      const handler = parsed.name ? commandHandlers[parsed.name] : undefined;
      deps.logger.info({ command: parsed.name ?? 'unknown', platform: event.actor.platform }, 'command');
      if (!handler) {
        if (parsed.word)
          return withNotice(showHelp(req), req.t('help.unknownCommand', { word: parsed.word.slice(0, 40) }));
        return showHelp(req);
      }
      return handler(req, parsed.args);
    }
    case 'action': {
      const req = resolveRequest(deps, event.actor, event.place, { readOnly: anonymous });
      const handler = actionHandlers[event.action];
      if (!anonymous) deps.logger.info({ action: event.action, platform: event.actor.platform }, 'action');
      return handler ? handler(req, event.value) : failureReply(req, 'ACTION.UNKNOWN');
    }
    case 'form.submitted': {
      const req = resolveRequest(deps, event.actor, { kind: 'direct' }, { readOnly: anonymous });
      const handler = formHandlers[event.formId];
      if (!anonymous)
        deps.logger.info({ form: event.formId, platform: event.actor.platform }, 'form submitted');
      return handler
        ? handler(req, { state: event.state, values: event.values })
        : failureFormReply(req, 'FORM.UNKNOWN');
    }
    case 'member.joined':
      memberJoined(deps, event.platform, event.space, event.user);
      return NO_REPLY;
    case 'member.left':
      memberLeft(deps, event.platform, event.space, event.user.userRef);
      return NO_REPLY;
    case 'uninstalled':
      purgeWorkspace(deps, event.platform, event.workspace);
      return NO_REPLY;
    case 'space.removed':
      removeSpace(deps, event.platform, event.space);
      return NO_REPLY;
  }
}

function withNotice(reply: Reply, notice: string): Reply {
  if (reply.kind !== 'message') return privateText(notice);
  return {
    kind: 'message',
    message: { ...reply.message, blocks: [{ type: 'text', text: notice }, ...reply.message.blocks] },
  };
}
