import { type Change, type CopyAnalysis, instantsIn, type Row } from './copy-analysis.js';

/**
 * The attacker's strategies against check-in anonymity. Each is real code that, from what a copy of the
 * database, the logs and the platform's record of messages show about one round, outputs a guess (a
 * member) for every answer slot (the first, second, … answer of the round). A strategy with no signal for
 * a slot still guesses, from its own hypothesis: nobody gets credit for abstaining.
 */

export type Person = { userRef: string; personId: string; displayName: string };
/** The platform's record of a message Cairn sent: when, to whom (a user ref or a space address). */
export type Sent = { at: number; address: string };
/** A log line with its time. */
export type LogLine = { at: number; text: string };

/** Everything the attacker has about one round. Slots 0..m-1 fall before the mid-round copy. */
export type RoundEvidence = {
  roundId: string;
  openedAt: number;
  closedAt: number;
  members: Person[];
  slots: number;
  /** Answers counted in the mid-round copy (the attacker reads it from the counters). */
  m: number;
  /** When the mid-round copy was taken (a file's modification time tells it). */
  midAt: number;
  before: CopyAnalysis;
  mid: CopyAnalysis;
  close: CopyAnalysis;
  /** Rows that changed from the previous copy to the mid-round copy (A), and from it to the close (B). */
  changes: { a: Change[]; b: Change[] };
  logs: { a: LogLine[]; b: LogLine[] };
  sent: { a: Sent[]; b: Sent[] };
};

export type Strategy = { name: string; guess(e: RoundEvidence): string[] };

const by = <T>(items: readonly T[], key: (t: T) => string): T[] =>
  [...items].sort((x, y) => key(x).localeCompare(key(y)));

/**
 * The member(s) a piece of text names: their person id, user ref, the platform's own id inside the ref
 * (`UALICE` in `slack:T1:UALICE`) or display name appears in it.
 */
export function namesIn(text: string, members: readonly Person[]): string[] {
  return members
    .filter((m) => {
      const platformId = m.userRef.split(':').at(-1) ?? m.userRef;
      return (
        text.includes(m.personId) ||
        text.includes(m.userRef) ||
        (platformId.length >= 5 && text.includes(platformId)) ||
        text.includes(m.displayName)
      );
    })
    .map((m) => m.userRef);
}

const rowNames = (row: Row, members: readonly Person[]) => namesIn(JSON.stringify(row), members);

/** Fills slots from two ordered lists of suspects (before / after the mid copy), else from `fallback`. */
function assign(e: RoundEvidence, a: readonly string[], b: readonly string[], fallback: readonly string[]) {
  return Array.from({ length: e.slots }, (_, p) =>
    p < e.m ? (a[p] ?? fallback[p % fallback.length]!) : (b[p - e.m] ?? fallback[p % fallback.length]!),
  );
}

const refs = (people: readonly Person[]) => people.map((p) => p.userRef);
const byUserRef = (e: RoundEvidence) => refs(by(e.members, (m) => m.userRef));
const byName = (e: RoundEvidence) => refs(by(e.members, (m) => m.displayName));

/** The round's participation tokens in the mid copy, in write order (page layout) and in key order. */
const tokensOf = (e: RoundEvidence) => {
  const ours = new Set(
    e.mid.participation.filter((r) => r.round_id === e.roundId).map((r) => String(r.token)),
  );
  return {
    physical: e.mid.tokens.physicalOrder.filter((t) => ours.has(t)),
    key: e.mid.tokens.keyOrder.filter((t) => ours.has(t)),
  };
};

/** Row order: the i-th token in the B-tree's key order is taken to be the i-th member sorted by id. */
const rowOrder: Strategy = {
  name: 'row order (B-tree key order of tokens vs members by id)',
  guess(e) {
    const { physical, key } = tokensOf(e);
    const members = byUserRef(e);
    const a = physical.map((t) => members[key.indexOf(t)]!);
    return assign(e, a, members.slice(e.m), members);
  },
};

/**
 * Page order: tokens' write order (cell offsets in the page) is the answer order; the attacker pairs it
 * with the order in which the members' own rows were written (people rowids), then with names.
 */
const pageOrder: Strategy = {
  name: 'page order (cell layout of tokens vs people rows / names)',
  guess(e) {
    const people = (e.mid.tables.people ?? []) as (Row & { __rowid: number; user_ref: string })[];
    const ours = new Set(refs(e.members));
    const written = people
      .filter((p) => ours.has(p.user_ref))
      .sort((x, y) => x.__rowid - y.__rowid)
      .map((p) => p.user_ref);
    return assign(e, written, byName(e), written);
  },
};

/** Rowids: rows added since the previous copy, in rowid order, attributed to whoever they name. */
const rowids: Strategy = {
  name: 'rowids (new rows in rowid order)',
  guess(e) {
    const named = (changes: Change[]) =>
      changes
        .filter((c) => c.kind === 'added' && typeof c.row.__rowid === 'number')
        .sort((x, y) => (x.row.__rowid as number) - (y.row.__rowid as number))
        .flatMap((c) => rowNames(c.row, e.members));
    return assign(e, named(e.changes.a), named(e.changes.b), membershipOrder(e));
  },
};

/** Members in the order of their membership rows (rowid), the attacker's default order. */
function membershipOrder(e: RoundEvidence): string[] {
  const people = new Map(
    ((e.mid.tables.people ?? []) as Row[]).map((p) => [String(p.id), String(p.user_ref)] as const),
  );
  const ours = new Set(refs(e.members));
  const rows = ((e.mid.tables.memberships ?? []) as Row[])
    .map((r) => people.get(String(r.person_id)))
    .filter((ref): ref is string => ref !== undefined && ours.has(ref));
  const seen = [...new Set(rows)];
  return seen.length ? seen : byUserRef(e);
}

/**
 * Timestamps: every instant in any row of the copies and every log line, in time order. Those that name a
 * member are taken as that member's answer, in order; without any, each instant inside the round is given
 * to the member who last got a message before it.
 */
const timestamps: Strategy = {
  name: 'timestamps (any table, any log line, inside the round)',
  guess(e) {
    const inside = (t: number) => t > e.openedAt && t < e.closedAt;
    const events: { at: number; who: string[] }[] = [];
    const seen = new Set<string>();
    for (const copy of [e.mid, e.close])
      for (const [table, rows] of Object.entries(copy.tables))
        for (const row of rows)
          for (const t of instantsIn(row).filter(inside)) {
            // The same row in both copies is one event.
            const key = `${table}:${JSON.stringify((copy.keys[table] ?? []).map((k) => row[k]))}:${t}`;
            if (seen.has(key)) continue;
            seen.add(key);
            events.push({ at: t, who: rowNames(row, e.members) });
          }
    for (const line of [...e.logs.a, ...e.logs.b])
      if (inside(line.at)) events.push({ at: line.at, who: namesIn(line.text, e.members) });
    events.sort((x, y) => x.at - y.at);
    const named = events.filter((x) => x.who.length > 0);
    const sent = [...e.sent.a, ...e.sent.b].sort((x, y) => x.at - y.at);
    const ours = new Set(refs(e.members));
    const split = (list: { at: number; who: string[] }[]) => {
      const who = list.map(
        (x) => x.who[0] ?? sent.filter((s) => s.at <= x.at && ours.has(s.address)).at(-1)?.address,
      );
      const a = who.filter((w, i): w is string => w !== undefined && list[i]!.at <= e.midAt);
      const b = who.filter((w, i): w is string => w !== undefined && list[i]!.at > e.midAt);
      return { a, b };
    };
    const { a, b } = split(named.length ? named : events);
    return assign(e, a, b, byName(e));
  },
};

/**
 * File sizes and page counts: each member has a footprint (what writing their id and name would add); the
 * growth of the files per answer between two copies picks the members whose footprint is nearest.
 */
const sizes: Strategy = {
  name: 'file sizes and page counts',
  guess(e) {
    const footprint = (m: Person) => Buffer.byteLength(m.userRef + m.displayName + m.personId);
    const bytes = (c: CopyAnalysis) => c.sizes.db + c.sizes.wal;
    const rank = (from: CopyAnalysis, to: CopyAnalysis, answers: number) => {
      const each = answers > 0 ? (bytes(to) - bytes(from)) / answers : 0;
      const sorted = [...e.members].sort(
        (x, y) =>
          Math.abs(footprint(x) - each) - Math.abs(footprint(y) - each) || x.userRef.localeCompare(y.userRef),
      );
      // More pages than before: the attacker bets on the longest footprints.
      return refs(to.sizes.pageCount > from.sizes.pageCount ? sorted.reverse() : sorted);
    };
    const a = rank(e.before, e.mid, e.m);
    const b = rank(e.mid, e.close, e.slots - e.m).filter((r) => !a.slice(0, e.m).includes(r));
    return assign(e, a, b, byUserRef(e));
  },
};

/** Outbox ids and order: the round's rows, in rowid then sending order, by the person they are for. */
const outboxOrder: Strategy = {
  name: 'outbox ids and their order',
  guess(e) {
    const people = new Map(
      ((e.close.tables.people ?? []) as Row[]).map((p) => [String(p.id), String(p.user_ref)] as const),
    );
    const ours = new Set(refs(e.members));
    const rows = ((e.close.tables.outbox ?? []) as Row[])
      .filter((r) => String(r.id).includes(e.roundId))
      .sort(
        (x, y) =>
          Number(x.sent_at ?? 0) - Number(y.sent_at ?? 0) || Number(x.__rowid ?? 0) - Number(y.__rowid ?? 0),
      )
      .map((r) => people.get(String(r.person_id)) ?? String(r.address))
      .filter((ref) => ours.has(ref));
    return assign(e, rows, [...rows].reverse(), byUserRef(e));
  },
};

/**
 * Message timing: the answers before the mid copy are spread evenly over the time between the previous
 * copy and it (same after it); each is given to the member whose last message is nearest in time.
 */
const messageTiming: Strategy = {
  name: 'message timing (platform record)',
  guess(e) {
    const ours = new Set(refs(e.members));
    const nearest = (sent: Sent[], count: number, from: number, to: number) => {
      const toMembers = sent.filter((s) => ours.has(s.address));
      return Array.from({ length: count }, (_, i) => {
        const at = from + ((i + 1) * (to - from)) / (count + 1);
        const best = [...toMembers].sort((x, y) => Math.abs(x.at - at) - Math.abs(y.at - at))[0];
        return best?.address;
      }).filter((r): r is string => r !== undefined);
    };
    const a = nearest([...e.sent.a, ...e.sent.b], e.m, e.openedAt, e.midAt);
    const b = nearest([...e.sent.a, ...e.sent.b], e.slots - e.m, e.midAt, e.closedAt);
    return assign(e, a, b, byName(e));
  },
};

/** Prompt order against counter changes: people answer in the order they were prompted. */
const promptOrder: Strategy = {
  name: 'order of prompts vs order of counter changes',
  guess(e) {
    const ours = new Set(refs(e.members));
    const prompted = [...e.sent.a, ...e.sent.b].filter((s) => ours.has(s.address)).map((s) => s.address);
    const order = [...new Set(prompted)];
    return assign(e, order, order.slice(e.m), byUserRef(e));
  },
};

/**
 * Diff: every table compared between consecutive copies; any changed, added or removed row that names a
 * member is attributed to the answers of that interval, in the order of the instants it carries. Rows
 * stamped at the round's opening (its prompts) are what everyone got: they come last.
 */
const diff: Strategy = {
  name: 'diff of every table between copies',
  guess(e) {
    const named = (changes: Change[]) =>
      changes
        .map((c) => ({ at: Math.max(0, ...instantsIn(c.row)), who: rowNames(c.row, e.members) }))
        .filter((x) => x.who.length > 0)
        .sort((x, y) => Number(x.at <= e.openedAt) - Number(y.at <= e.openedAt) || x.at - y.at)
        .flatMap((x) => x.who);
    return assign(e, named(e.changes.a), named(e.changes.b), membershipOrder(e));
  },
};

export const STRATEGIES: Strategy[] = [
  rowOrder,
  pageOrder,
  rowids,
  timestamps,
  sizes,
  outboxOrder,
  messageTiming,
  promptOrder,
  diff,
];

/**
 * Leads the attacker could act on, counted for the assertions: person-naming rows that changed with an
 * instant strictly inside the round (or with no instant at all), and log lines naming a member.
 */
export function leads(e: RoundEvidence): { rows: Change[]; lines: LogLine[]; instants: number } {
  const inside = (t: number) => t > e.openedAt && t < e.closedAt;
  const rows = [...e.changes.a, ...e.changes.b].filter((c) => {
    if (rowNames(c.row, e.members).length === 0) return false;
    const at = instantsIn(c.row);
    return at.length === 0 || at.some(inside);
  });
  const lines = [...e.logs.a, ...e.logs.b].filter((l) => namesIn(l.text, e.members).length > 0);
  let instants = 0;
  for (const copy of [e.mid, e.close])
    for (const rows of Object.values(copy.tables))
      for (const row of rows) instants += instantsIn(row).filter(inside).length;
  return { rows, lines, instants };
}
