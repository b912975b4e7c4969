import Database from 'better-sqlite3';
import { CairnProcess, sleep, waitFor } from './cairn-process.js';
import { duplicatesIn, randomPoints, tally } from './figures.js';

/** A message that reached the fake platform (it took effect), by recipient. */
export type Delivery = { recipient: string; at: number; answeredAt: number | undefined };

/** What the crash loop needs from a fake platform. */
export type FakeSide = {
  /** Messages that reached the platform (answered or not), oldest first. */
  deliveries(): Delivery[];
  /** Holds answers: what arrives from now on has no effect until released. */
  hold(): void;
  /** Releases answers; with `drop`, what arrived while held is dropped. */
  release(drop: boolean): void;
  /** The recipient an outbox row's address names. */
  recipientOf(address: string): string;
};

export type CrashFigures = {
  recipients: number;
  kills: number;
  killPoints: number[];
  /** Messages the fake had received and not answered when each kill happened. */
  inFlightAtKills: number[];
  /**
   * Messages that reached the fake while each process lived and whose outbox row that process left
   * `sending` (it never learnt the outcome): the only messages a restart can send again.
   */
  unrecordedAtKills: number[];
  duplicates: number;
  lost: number;
};

/**
 * Settling time after holding answers: answers already written reach Cairn and are recorded, and sends
 * that arrive meanwhile wait with no effect (they are dropped with the process).
 */
const SETTLE_MS = 300;

/**
 * Starts Cairn (which fans out at its first tick), SIGKILLs it when the fake has received the number of
 * messages of each kill point, restarts it, and finally lets it finish. At each kill the fake holds its
 * answers first, so what is in flight at the kill is well defined.
 */
export async function crashLoop(options: {
  db: string;
  expected: string[];
  kills: number;
  fake: FakeSide;
  env: () => Record<string, string>;
  /** Longest wait for one kill point or for the final delivery. */
  stepTimeoutMs: number;
}): Promise<CrashFigures> {
  const { fake, expected } = options;
  const killPoints = randomPoints(options.kills, expected.length);
  const inFlightAtKills: number[] = [];
  const unrecordedAtKills: number[] = [];
  for (const point of killPoints) {
    const began = Date.now();
    const cairn = await CairnProcess.start(options.env());
    await waitFor(() => fake.deliveries().length >= point, options.stepTimeoutMs, `delivery ${point}`);
    fake.hold();
    await sleep(SETTLE_MS);
    inFlightAtKills.push(fake.deliveries().filter((d) => d.answeredAt === undefined).length);
    await cairn.kill();
    fake.release(true);
    // What the killed process had written to its sockets still reaches the fake after the kill (the kernel
    // delivers it), on a loaded machine a little later: wait for it before counting what reached it.
    await sleep(SETTLE_MS);
    const reached = new Set(
      fake
        .deliveries()
        .filter((d) => d.at >= began)
        .map((d) => d.recipient),
    );
    const unknown = sendingAddresses(options.db).map((a) => fake.recipientOf(a));
    unrecordedAtKills.push(unknown.filter((r) => reached.has(r)).length);
  }
  const last = await CairnProcess.start(options.env());
  const counts = () => tally(fake.deliveries().map((d) => d.recipient));
  await waitFor(
    () => expected.every((r) => counts().has(r)),
    options.stepTimeoutMs,
    'every recipient reached',
  );
  await waitFor(() => outboxSettled(options.db), options.stepTimeoutMs, 'outbox empty');
  const exit = await last.terminate();
  if (exit.code !== 0) throw new Error(`Cairn exited with ${exit.code}:\n${last.output()}`);
  const final = counts();
  return {
    recipients: expected.length,
    kills: killPoints.length,
    killPoints,
    inFlightAtKills,
    unrecordedAtKills,
    duplicates: duplicatesIn(final),
    lost: expected.filter((r) => !final.has(r)).length,
  };
}

/** Addresses of the outbox rows left `sending` (claimed by a sender that never recorded the outcome). */
function sendingAddresses(file: string): string[] {
  const db = new Database(file, { readonly: true, timeout: 5000 });
  try {
    const rows = db.prepare("SELECT address FROM outbox WHERE status = 'sending'").all() as {
      address: string;
    }[];
    return rows.map((r) => r.address);
  } finally {
    db.close();
  }
}

/** Nothing left to send: no row pending or being sent. */
export function outboxSettled(file: string): boolean {
  const db = new Database(file, { readonly: true, timeout: 5000 });
  try {
    const row = db
      .prepare("SELECT count(*) AS n FROM outbox WHERE status IN ('pending', 'sending')")
      .get() as { n: number };
    return row.n === 0;
  } finally {
    db.close();
  }
}
