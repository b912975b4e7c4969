import type { notes as fr } from '../fr/notes.js';
import type { Widen } from '../widen.js';

export const notes: Widen<typeof fr> = {
  'note.formTitle': 'Note a situation',
  'note.formIntro':
    'Your practice notebook: what you live between two sessions, noted as it happens. Only you can read it.',
  'note.text': 'The situation',
  'note.textHint': 'What happened, with other people named by their role.',
  'note.noticed': 'What I felt or noticed',
  'note.noticedHint': 'Optional.',
  'note.save': 'Save',
  'note.saved': 'Noted in your notebook. Only you can read it.',
  'note.savedCount': (p) =>
    p.count === 1 ? 'Your notebook has 1 note.' : `Your notebook has ${p.count} notes.`,
  'notes.fallback': (p) => `My notebook: ${p.count} note(s)`,
  'notes.title': 'My practice notebook',
  'notes.private': (p) =>
    `Only you read these notes: not the facilitator, not the group. They are kept ${p.months} months at most.`,
  'notes.empty': (p) => `Your notebook is empty. Note a situation as it happens: "${p.command} …".`,
  'notes.noteLabel': (p) => `Note of ${p.date}`,
  'notes.takeawayLabel': (p) => `What I take away from the session of ${p.date}${p.shared}`,
  'notes.sharedMark': ' (sent to the facilitator)',
  'notes.noticedLine': (p) => `Felt, noticed: ${p.text}`,
  'notes.toCase': 'Turn into a case',
  'notes.delete': 'Delete',
  'notes.deleted': 'Note deleted.',
  'notes.open': 'My notes',
  'notes.write': 'Note a situation',
  'notes.all': 'All my notes',
  'notes.filterSession': (p) => `Taken away on ${p.date}`,
  'notes.filteredBy': (p) => `What I take away from the session of ${p.date}.`,
  'notes.filteredByGone': 'What I take away from a session that no longer exists.',
  'notes.more': (p) => `${p.count} older note(s) not shown: "${p.command}" sends you all of them.`,
  'notes.keepButton': 'Keep my notes for less long',
  'notes.keepTitle': 'How long to keep',
  'notes.keepIntro': (p) =>
    `Your group’s rule: ${p.months} months. You may choose shorter; older notes are then deleted at once.`,
  'notes.keepLabel': 'Keep my notes',
  'notes.keepGroup': (p) => `As the group (${p.months} months)`,
  'notes.keepMonths': (p) => `${p.months} months`,
  'notes.keepSave': 'Save',
  'notes.keepSaved': (p) => `Noted: your notes are kept ${p.months} months at most.`,
  'takeaway.fallback': (p) => `What you take away from the session — ${p.group}`,
  'takeaway.title': 'What do I take away from this session?',
  'takeaway.body': (p) =>
    `Session of ${p.date} — ${p.group}. A few lines for yourself: a private note in your notebook. You can also send it, with your name, to the facilitator for the synthesis.`,
  'takeaway.inCheckin': (p) =>
    `And what do you take away from the session of ${p.date}? A private note in your notebook, unrelated to the check-in.`,
  'takeaway.write': 'What I take away',
  'takeaway.privateNote': 'Only you read it, unless you choose to send it.',
  'takeaway.formTitle': 'What I take away',
  'takeaway.formIntro': (p) => `Session of ${p.date}.`,
  'takeaway.text': 'What I take away from this session',
  'takeaway.textHint': 'An idea, a shift, what I will try.',
  'takeaway.shareLabel': 'For the synthesis',
  'takeaway.shareOption': 'Send it, with my name, to the facilitator for the synthesis',
  'takeaway.shareHint': 'Never anonymous: free text tells who wrote it. Without this box, it stays yours.',
  'takeaway.saved': 'Noted in your notebook. Only you can read it.',
  'takeaway.savedShared':
    'Noted in your notebook, and sent with your name to the facilitator for the synthesis.',
  'takeaway.forFacilitatorFallback': (p) =>
    `${p.name} sends you what they take away from the session of ${p.date}`,
  'takeaway.forFacilitator': (p) =>
    `${p.name} sends you, for the synthesis, what they take away from the session of ${p.date}:`,
  'takeaway.forFacilitatorHint':
    'Sent with their name, for you: do not quote them by name in the synthesis without their agreement.',
};
