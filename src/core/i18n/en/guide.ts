import type { guide as fr } from '../fr/guide.js';
import type { Widen } from '../widen.js';

export const guide: Widen<typeof fr> = {
  'guide.step.expose': 'Presentation',
  'guide.step.clarification': 'Clarification questions',
  'guide.step.contract': 'Contract',
  'guide.step.consultation': 'Consultation',
  'guide.step.actionPlan': 'Action plan',
  'guide.step.learned': 'What we learned',
  'guide.rule.expose': 'The client presents the situation; the others listen without interrupting.',
  'guide.rule.clarification': 'Questions only, no advice yet.',
  'guide.rule.contract': 'The client says in one sentence what they ask of the group.',
  'guide.rule.consultation':
    'The consultants offer ideas, hypotheses and experiences; the client listens and takes notes.',
  'guide.rule.actionPlan': 'The client says what they take from it and what they will do first.',
  'guide.rule.learned': 'Each says what they take away from the session for themselves.',
  'guide.minutes': (p) => `${p.minutes} min`,
  'help.cmd.guide': 'guide a session step by step in the group’s space (during the session)',
  'guide.setup.label': (p) => `Session guide: ${p.step}`,
  'guide.setup.hint': 'How long each of the six steps lasts when the facilitator starts the guide ("guide").',

  'guide.start.title': 'Guide the session',
  'guide.start.submit': 'Start',
  'guide.start.intro': (p) =>
    `Session of ${p.when}. Choose the case presented: its title and its author’s name (the client) are shown in the group’s space, with the six steps and their time.`,
  'guide.start.case': 'Case presented',
  'guide.start.caseHint': '★: selected for this session (these cases come first).',
  'guide.start.option': (p) => `${p.author} — ${p.title}`,
  'guide.start.optionSelected': (p) => `★ ${p.author} — ${p.title}`,
  'guide.started': (p) => `The guide has started in the group’s space: “${p.title}”.`,

  'guide.live.fallback': (p) => `Session guide — ${p.step}: ${p.time}`,
  'guide.live.title': (p) => `Session guide — “${p.title}”`,
  'guide.live.context': (p) => `Session of ${p.when} · Client: ${p.client}`,
  'guide.live.now': (p) => `▶ Step ${p.n}/${p.total} — ${p.step} — ${p.time}`,
  'guide.live.left': (p) => `${p.minutes} min left`,
  'guide.live.up': 'time is up',
  'guide.live.over': (p) => `${p.minutes} min over`,
  'guide.live.paused': (p) => `paused (${p.time})`,
  'guide.live.done': (p) => `done in ${p.spent}`,
  'guide.live.request': (p) => `The client’s request: “${p.request}”`,
  'guide.live.footer': 'The facilitator leads the session. What is said in the group stays in the group.',
  'guide.button.next': 'Next step',
  'guide.button.extend': '+5 min',
  'guide.button.pause': 'Pause',
  'guide.button.resume': 'Resume',
  'guide.button.end': 'End',
  'guide.button.request': 'Record the request',

  'guide.record.fallback': (p) => `Session guide ended — “${p.title}”`,
  'guide.record.title': (p) => `Session guide — “${p.title}” (ended)`,
  'guide.record.line': (p) => `${p.n}. ${p.step}: ${p.spent} (planned ${p.planned})`,
  'guide.record.notReached': (p) => `${p.n}. ${p.step}: not reached`,
  'guide.record.total': (p) => `Total: ${p.total}.`,
  'guide.record.auto': 'Ended automatically 30 minutes after the session’s scheduled end.',

  'guide.ended':
    'The guide has ended: the case is marked presented, and Cairn is sending you a button to write the synthesis.',
  'guide.ended.next': (p) => `Next case selected for this session: “${p.title}”.`,
  'guide.button.startNext': 'Guide this case',
  'guide.synthesis.fallback': (p) => `Guide ended: “${p.title}”`,
  'guide.synthesis.text': (p) =>
    `The guide of “${p.title}” (${p.group}) has ended. When you are ready, write the synthesis: the form opens with the session and the case.`,
  'guide.button.synthesis': 'Write the synthesis',

  'guide.request.title': 'The client’s request',
  'guide.request.intro':
    'At the contract step, the client says in one sentence what they ask of the group. It is kept with the case and shown in the guide until the end.',
  'guide.request.label': 'The request, in one sentence',
  'guide.request.submit': 'Record',
  'guide.request.saved': 'Recorded: the request is shown in the guide.',

  // Stand-ins until issue 18 lands (the action-plan form, the "what do I take away" prompt).
  'guide.standin.actionPlan.fallback': 'Your action plan',
  'guide.standin.actionPlan.text': (p) =>
    `You presented “${p.title}”. Note for yourself, now, what you take from the consultation and the first thing you will do. It is yours: Cairn keeps nothing of it.`,
  'guide.standin.takeaway.fallback': 'What I take away from the session',
  'guide.standin.takeaway.text':
    'A moment for yourself: note one thing you learned today and one thing you will try. Nothing is sent to the group.',
};
