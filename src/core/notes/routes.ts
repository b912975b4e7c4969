import { ACTION, FORM } from '../contract/ids.js';
import type { FeatureRoutes, ScheduledJob } from '../kernel/routes.js';
import { deleteNote } from './delete-note.js';
import { openKeepForm, submitKeep } from './keep-notes.js';
import { listNotes } from './list-notes.js';
import { noteToCase } from './note-to-case.js';
import { openNoteForm } from './open-note-form.js';
import { noteCommand, submitNote } from './save-note.js';
import { sendDueTakeaways } from './send-takeaways.js';
import { openTakeawayForm, submitTakeaway } from './write-takeaway.js';

/** The private notebook: notes jotted between sessions, and what each person takes away from a session. */
export const noteRoutes = {
  commands: {
    note: (req, args) => noteCommand(req, args),
    notes: (req) => listNotes(req),
  },
  actions: {
    [ACTION.noteOpen]: (req) => openNoteForm(req),
    [ACTION.notesList]: (req, value) => listNotes(req, value),
    [ACTION.noteToCase]: (req, value) => noteToCase(req, value),
    [ACTION.noteDelete]: (req, value) => deleteNote(req, value),
    [ACTION.notesKeep]: (req) => openKeepForm(req),
    [ACTION.takeawayWrite]: (req, value) => openTakeawayForm(req, value),
  },
  forms: {
    [FORM.note]: (req, f) => submitNote(req, f.state, f.values),
    [FORM.notesKeep]: (req, f) => submitKeep(req, f.state, f.values),
    [FORM.takeaway]: (req, f) => submitTakeaway(req, f.state, f.values),
  },
} satisfies FeatureRoutes;

export const noteJobs = { takeaways: sendDueTakeaways } satisfies Record<string, ScheduledJob>;
