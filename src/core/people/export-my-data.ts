import { type Block, context, heading, message, text } from '../contract/message.js';
import type { Reply } from '../contract/reply.js';
import { enqueueDirect } from '../delivery/enqueue.js';
import { formatDate } from '../i18n/format.js';
import { failureReply } from '../kernel/replies.js';
import type { Request } from '../kernel/request.js';

/**
 * `/cairn my-data`: everything Cairn holds about the person, sent to them in a direct message (as a JSON
 * file where the platform allows, and as text). Check-in answers cannot be included: Cairn cannot tell
 * which are theirs.
 */
export function exportMyData(req: Request): Reply {
  if (!req.stored) return failureReply(req, 'PERSON.UNKNOWN');
  const { store, clock } = req.deps;
  const { t } = req;
  const person = req.person;
  const memberships = store.memberships.listByPerson(person.id);
  const cases = store.cases.listByAuthor(person.id);
  const written = store.syntheses.listByAuthor(person.id);
  const syntheses = written.filter((s) => s.status === 'posted');
  const drafts = written.filter((s) => s.status === 'draft');
  const notes = store.notes.listByAuthor(person.id);
  const plans = store.plans.listByAuthor(person.id);
  const sessionDate = (id: string | null) =>
    (id ? store.sessions.get(id)?.startsAt.toISOString() : null) ?? null;
  const zone = memberships[0]?.group.timeZone ?? req.deps.config.defaultTimeZone;
  const data = {
    exportedAt: clock.now().toISOString(),
    person: {
      displayName: person.displayName,
      platform: person.platform,
      platformUserId: person.userRef,
      language: person.language,
      remindersPausedUntil: person.pausedUntil?.toISOString() ?? null,
      knownSince: person.createdAt.toISOString(),
    },
    groups: memberships.map((m) => {
      const since = store.caseChoice.joinedAt(m.group.id).get(person.id);
      return { name: m.group.name, role: m.role, memberSince: since?.toISOString() ?? null };
    }),
    cases: cases.map((c) => ({
      title: c.title,
      kind: c.kind,
      situation: c.situation,
      stakes: c.stakes,
      tried: c.tried,
      expectations: c.expectations,
      urgency: c.urgency,
      visibility: c.visibility,
      status: c.status,
      clientRequest: c.clientRequest,
      group: memberships.find((m) => m.group.id === c.groupId)?.group.name ?? null,
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    })),
    synthesesWritten: syntheses.map((s) => ({ themes: s.themes, createdAt: s.createdAt.toISOString() })),
    // Never posted: their own writing, which nobody else can read (kept 2 days, erased by forget-me).
    synthesisDrafts: drafts.map((s) => ({
      themes: s.themes,
      learned: s.learned,
      commitments: s.commitments,
      createdAt: s.createdAt.toISOString(),
    })),
    notThisTime: store.optOuts.listByPerson(person.id).map((id) => ({ session: sessionDate(id) })),
    notebook: {
      keepMonths: store.notes.keepMonths(person.id),
      notes: notes.map((n) => ({
        kind: n.kind,
        text: n.text,
        noticed: n.noticed || null,
        session: sessionDate(n.sessionId),
        sentToFacilitatorsAt: n.sharedAt?.toISOString() ?? null,
        createdAt: n.createdAt.toISOString(),
      })),
    },
    actionPlans: plans.map((p) => ({
      case: store.cases.get(p.caseId)?.title ?? null,
      whatIWillTry: p.what,
      withWhom: p.withWhom,
      byWhen: p.followUpOn,
      support: p.support,
      whoMayRead: p.visibility,
      followUp: p.followUp,
      report: p.report
        ? {
            outcome: p.report.outcome,
            whatHappened: p.report.happened,
            whatILearned: p.report.learned,
            share: p.report.share,
            reportedAt: p.report.reportedAt.toISOString(),
          }
        : null,
    })),
    checkInAnswers: t('myData.checkinsNotIncluded'),
    caseVotes: t('myData.votesNotIncluded'),
  };
  const blocks: Block[] = [
    heading(t('myData.title')),
    text(t('myData.person', { name: person.displayName, language: person.language ?? '—' })),
    text(
      memberships.length
        ? t('myData.groups', {
            groups: memberships.map((m) => `${m.group.name} (${t(`myData.role.${m.role}`)})`).join(', '),
          })
        : t('myData.noGroups'),
    ),
    text(t('myData.cases', { count: cases.length })),
  ];
  for (const c of cases) {
    blocks.push(
      text(`• ${c.title} — ${t(`case.status.${c.status}`)} (${formatDate(c.createdAt, req.lang, zone)})`),
    );
  }
  blocks.push(text(t('myData.notebook', { notes: notes.length, plans: plans.length })));
  if (person.pausedUntil && person.pausedUntil > clock.now()) {
    blocks.push(text(t('myData.paused', { until: formatDate(person.pausedUntil, req.lang, zone) })));
  }
  blocks.push(
    text(t('myData.checkinsNotIncluded')),
    text(t('myData.votesNotIncluded')),
    context(t('myData.fileNote')),
  );
  const msg = {
    ...message(t('myData.fallback'), ...blocks),
    attachment: {
      filename: 'cairn-my-data.json',
      mimeType: 'application/json',
      content: JSON.stringify(data, null, 2),
    },
  };
  store.transaction(() =>
    enqueueDirect(req.deps, `my-data:${person.id}:${clock.now().getTime()}`, person, msg),
  );
  return { kind: 'message', message: message(t('myData.sent')) };
}
