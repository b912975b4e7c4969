import type { checkins as fr } from '../fr/checkins.js';
import type { Widen } from '../widen.js';

export const checkins: Widen<typeof fr> = {
  'checkin.promptFallback': (p) => `Anonymous check-in — ${p.group}`,
  'checkin.halfwayFallback': (p) => `Reminder: anonymous check-in — ${p.group}`,
  'checkin.promptTitle': (p) => `How are you doing? — ${p.group}`,
  'checkin.promptBody': (p) =>
    `An anonymous check-in is open until ${p.until}: four questions, a score from 1 to 5, one minute.`,
  'checkin.halfwayBody': (p) =>
    `The anonymous check-in stays open until ${p.until}. If you have already answered, ignore this.`,
  'checkin.answer': 'Answer',
  'checkin.anonymityNote': (p) =>
    `Anonymous: nobody, neither the facilitator nor whoever runs the service, can tell who answered what. No result with fewer than ${p.k} answers.`,
  'checkin.formTitle': 'Anonymous check-in',
  'checkin.formIntro': (p) => `Between two sessions of "${p.group}". Answer for yourself, today.`,
  'checkin.submit': 'Send',
  'checkin.q.workload': 'My workload',
  'checkin.q.workload.hint': '1 = overwhelming, 5 = entirely manageable',
  'checkin.q.workload.1': '1 — overwhelming',
  'checkin.q.workload.2': '2 — heavy',
  'checkin.q.workload.3': '3 — tight but bearable',
  'checkin.q.workload.4': '4 — reasonable',
  'checkin.q.workload.5': '5 — entirely manageable',
  'checkin.q.support': 'The support I feel',
  'checkin.q.support.hint': '1 = I feel alone, 5 = very well supported',
  'checkin.q.support.1': '1 — I feel alone',
  'checkin.q.support.2': '2 — little support',
  'checkin.q.support.3': '3 — some support',
  'checkin.q.support.4': '4 — well supported',
  'checkin.q.support.5': '5 — very well supported',
  'checkin.q.perspective': 'Perspective on my situation',
  'checkin.q.perspective.hint': '1 = too close to see, 5 = a lot of perspective',
  'checkin.q.perspective.1': '1 — too close to see',
  'checkin.q.perspective.2': '2 — little perspective',
  'checkin.q.perspective.3': '3 — some perspective',
  'checkin.q.perspective.4': '4 — good perspective',
  'checkin.q.perspective.5': '5 — a lot of perspective',
  'checkin.q.overall': 'How I am, overall',
  'checkin.q.overall.hint': '1 = very hard, 5 = very good',
  'checkin.q.overall.1': '1 — very hard',
  'checkin.q.overall.2': '2 — hard',
  'checkin.q.overall.3': '3 — OK',
  'checkin.q.overall.4': '4 — good',
  'checkin.q.overall.5': '5 — very good',
  'checkin.badValue': 'Choose a score from 1 to 5.',
  'checkin.thanksTitle': 'Thank you',
  'checkin.thanks': (p) =>
    `Your answer is counted, without your name. The overall results go to the facilitator after the check-in closes on ${p.until}, if enough people answered.`,
  'checkin.chooseGroup': 'A check-in is open in several of your groups: which one?',
  'checkin.chooseGroupFor': 'You facilitate several groups: which one?',
  'checkin.opened': (p) =>
    `Check-in open for "${p.group}" until ${p.until}. Every member got the same invitation. Anonymity threshold: ${p.k}.`,
  'checkin.closed': (p) =>
    `The check-in of "${p.group}" is closed. The result is sent to you in a direct message.`,
  'checkin.statusTitle': 'Check-ins',
  'checkin.statusOpen': (p) => `"${p.group}": a check-in is open until ${p.until} (threshold ${p.k}).`,
  'checkin.statusClosed': (p) => `"${p.group}": no check-in open.`,
  'checkin.statusHelp': (p) =>
    `Open: ${p.open} · Close: ${p.close} · Share the latest result with the group: ${p.share} · All my groups: ${p.all}`,
  'checkin.resultFallback': (p) => `Check-in result — ${p.group}`,
  'checkin.resultTitle': (p) => `Check-in — ${p.group} (closed ${p.date})`,
  'checkin.resultRespondents': (p) => `${p.count} answers (anonymity threshold: ${p.k}).`,
  'checkin.medianLine': (p) => `Median: ${p.median} · ${p.change}`,
  'checkin.changeSame': 'unchanged since the previous check-in',
  'checkin.changeBy': (p) => `${p.delta} since the previous check-in`,
  'checkin.changeNone': 'no comparable previous check-in',
  'checkin.scaleNote': 'Scale from 1 (hard) to 5 (very good). Results are not sent to members.',
  'checkin.belowThresholdFallback': (p) => `Check-in closed — ${p.group}`,
  'checkin.belowThreshold': (p) =>
    `The check-in of "${p.group}" closed with fewer than ${p.k} answers: no result, to protect anonymity.`,
  'checkin.share': 'Share with the group',
  'checkin.sharedFallback': (p) => `Overall check-in result — ${p.group}`,
  'checkin.sharedTitle': (p) => `The group’s check-in (closed ${p.date})`,
  'checkin.sharedDone': (p) => `Result shared in the space of "${p.group}".`,
  'checkin.aggregateFallback': 'Check-ins across your groups',
  'checkin.aggregateTitle': (p) => `All your groups (${p.groups} group(s), latest closed check-in)`,
  'checkin.aggregateExcluded': (p) =>
    `${p.count} group(s) not included: no closed check-in, or too few answers.`,
  'checkin.aggregateNone': 'No group has a closed check-in with enough answers.',
  'care.intro': 'You are going through a hard time. You are not alone: here are contacts who can help.',
  'care.defaultContacts':
    'Occupational health (your company’s occupational health service); if you are in distress, a helpline (in France: 3114, free, 24/7); in an emergency, 112.',
  'care.button': 'I would like my facilitator to contact me',
  'care.note':
    'If you press it, the facilitator only gets your name and your request, nothing of your answers.',
  'care.noFacilitator':
    'This group has no facilitator to tell right now. Here are contacts who can help you now:',
  'care.sent': 'Done: your facilitator will contact you. Your request says nothing about your answers.',
  'care.requestFallback': (p) => `${p.name} would like to be contacted`,
  'care.request': (p) => `${p.name} ("${p.group}") would like you to contact them.`,
  'care.requestNote':
    'This request says nothing about this person’s check-in answers: Cairn does not know them.',
};
