import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AnswerGate } from '../../support/answer-gate.js';

/**
 * A fake Bot Connector (the Teams side of the Bot Framework) on 127.0.0.1: it answers what Cairn calls —
 * create a conversation, send, reply, update, list members — records every request, and fails on demand
 * (429 with Retry-After, 412, 502, 403…). Conversation ids in paths are URL-decoded. For fault tests it
 * can answer after a delay, hold its answers (requests stay in flight), and fail every request for a while.
 */
export type TeamsUserAccount = { id: string; aadObjectId: string; name: string };

export type Recorded = {
  /** Arrival time by `now()` (real time unless a test passes its own clock). */
  at: number;
  method: string;
  path: string;
  status: number;
  /** When the answer was written (undefined while the request is in flight). */
  answeredAt?: number;
  authorization: string | undefined;
  kind: 'create' | 'send' | 'reply' | 'update' | 'members' | 'member' | 'other';
  conversationId?: string;
  activityId?: string;
  // biome-ignore lint/suspicious/noExplicitAny: recorded JSON, inspected by tests
  body: any;
};

type Failure = {
  remaining: number;
  status: number;
  headers: Record<string, string>;
  match: (r: { method: string; path: string; kind: Recorded['kind'] }) => boolean;
  /** A window failure: every matching request fails until this time (by `now()`)... */
  until?: number;
  /** ...or for this long from the first matching request on. */
  forMs?: number;
};

// biome-ignore lint/suspicious/noExplicitAny: activities are free-form JSON
export type Activity = Record<string, any>;

export class FakeConnector {
  readonly requests: Recorded[] = [];
  /** Latest version of every activity Cairn posted, by conversation then activity id. */
  private readonly activities = new Map<string, Map<string, Activity>>();
  private readonly users = new Map<string, TeamsUserAccount>();
  private readonly members = new Map<string, TeamsUserAccount[]>();
  private readonly personalChats = new Map<string, string>();
  private readonly failures: Failure[] = [];
  /** Entra object ids of people Cairn may not write to (app blocked, not installed): 403. */
  readonly unreachable = new Set<string>();
  /** Conversations Cairn was removed from (without Cairn hearing of it): every request there answers 403. */
  readonly withoutCairn = new Set<string>();
  /** Fault tests: answers are written this long after the request arrived (its effect is immediate). */
  answerDelayMs = 0;
  /** Fault tests: the delay of one request's answer, when it differs from `answerDelayMs` (undefined: the same). */
  answerDelayOf: ((request: Recorded) => number | undefined) | undefined;
  /**
   * When set, a message (sent, replied or updated) longer than this many bytes of JSON is refused with
   * 413 MessageSizeTooBig, as Teams does past its limit.
   */
  maxActivityBytes: number | undefined;
  private readonly gate = new AnswerGate();
  private server: Server | undefined;
  private seq = 0;
  url = '';

  constructor(
    private readonly now: () => number = Date.now,
    /** Members are served in pages this small, so pagination is exercised. */
    private readonly pageSize = 3,
  ) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  addUser(user: TeamsUserAccount): TeamsUserAccount {
    this.users.set(user.id, user);
    this.users.set(user.aadObjectId, user);
    return user;
  }

  /** The 1:1 chat id Teams uses between a person and Cairn (the same when Cairn "creates" it again). */
  personalChatOf(user: TeamsUserAccount): string {
    let id = this.personalChats.get(user.aadObjectId);
    if (!id) {
      id = `a:dm-${user.aadObjectId}`;
      this.personalChats.set(user.aadObjectId, id);
    }
    return id;
  }

  setMembers(conversationId: string, users: TeamsUserAccount[]): void {
    this.members.set(conversationId, [...users]);
  }

  /** The next `count` matching requests fail with `status`. */
  failNext(
    count: number,
    status: number,
    options: { headers?: Record<string, string>; match?: Failure['match'] } = {},
  ): void {
    this.failures.push({
      remaining: count,
      status,
      headers: options.headers ?? {},
      match: options.match ?? (() => true),
    });
  }

  /** Every matching request fails with `status` until `until` (by the fake's `now()`). */
  failUntil(
    until: number,
    status: number,
    options: { headers?: Record<string, string>; match?: Failure['match'] } = {},
  ): void {
    this.failures.push({
      remaining: Number.POSITIVE_INFINITY,
      status,
      headers: options.headers ?? {},
      match: options.match ?? (() => true),
      until,
    });
  }

  /** Every matching request fails with `status` for `ms`, from the first such request on. */
  failFor(
    ms: number,
    status: number,
    options: { headers?: Record<string, string>; match?: Failure['match'] } = {},
  ): void {
    this.failures.push({
      remaining: Number.POSITIVE_INFINITY,
      status,
      headers: options.headers ?? {},
      match: options.match ?? (() => true),
      forMs: ms,
    });
  }

  /**
   * Answers wait until `releaseAnswers()`: requests already received stay in flight; requests arriving
   * meanwhile take effect only when released, and none at all when released with `drop` (their client died).
   */
  holdAnswers(): void {
    this.gate.close();
  }

  releaseAnswers(drop = false): void {
    this.gate.open(drop);
  }

  /** Requests received and not answered yet. */
  inFlight(): Recorded[] {
    return this.requests.filter((r) => r.answeredAt === undefined);
  }

  /** Messages Cairn posted in a conversation, as they read now (updates applied), oldest first. */
  messagesIn(conversationId: string): Activity[] {
    return [...(this.activities.get(conversationId)?.values() ?? [])];
  }

  /** Requests that delivered a new message (not updates), optionally in one conversation. */
  deliveries(conversationId?: string): Recorded[] {
    return this.requests.filter(
      (r) =>
        (r.kind === 'send' || r.kind === 'reply') &&
        r.status < 300 &&
        (conversationId === undefined || r.conversationId === conversationId),
    );
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    let raw = '';
    req.on('data', (chunk: Buffer) => {
      raw += chunk.toString('utf8');
    });
    req.on('end', () => {
      const at = this.now();
      const url = new URL(req.url ?? '/', 'http://fake');
      const method = req.method ?? 'GET';
      const path = url.pathname;
      let body: unknown = null;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        body = raw;
      }
      const route = this.route(method, path);
      const record: Recorded = {
        at,
        method,
        path,
        status: 200,
        authorization: req.headers.authorization,
        kind: route.kind,
        ...(route.conversationId ? { conversationId: route.conversationId } : {}),
        ...(route.activityId ? { activityId: route.activityId } : {}),
        body,
      };
      this.requests.push(record);
      if (!this.gate.closed) return this.respond(res, record, route, body as Activity, url);
      record.status = 0; // not processed yet
      void this.gate.pass().then((dropped) => {
        if (!dropped) return this.respond(res, record, route, body as Activity, url);
        record.status = 0;
        record.answeredAt = this.now();
        req.socket.destroy();
      });
    });
  }

  private respond(
    res: ServerResponse,
    record: Recorded,
    route: ReturnType<FakeConnector['route']>,
    body: Activity,
    url: URL,
  ): void {
    const { method, path } = record;
    const failure = this.failures.find((f) => {
      if (f.remaining <= 0 || !f.match({ method, path, kind: route.kind })) return false;
      if (f.until === undefined && f.forMs !== undefined) f.until = record.at + f.forMs;
      return f.until === undefined || record.at < f.until;
    });
    let status: number;
    let answer: unknown;
    let headers: Record<string, string> = {};
    const tooBig =
      this.maxActivityBytes !== undefined &&
      ['send', 'reply', 'update'].includes(route.kind) &&
      Buffer.byteLength(JSON.stringify(body)) > this.maxActivityBytes;
    if (tooBig) {
      status = 413;
      answer = { error: { code: 'MessageSizeTooBig', message: 'Message size too big' } };
    } else if (failure) {
      failure.remaining--;
      status = failure.status;
      answer = { error: { code: 'Injected', message: 'injected failure' } };
      headers = failure.headers;
    } else if (route.conversationId && this.withoutCairn.has(route.conversationId)) {
      status = 403;
      answer = {
        error: { code: 'BotNotInConversationRoster', message: 'the bot is not part of the roster' },
      };
    } else {
      // The effect happens on arrival (Teams acts on what it received, answered or not).
      [status, answer] = this.answer(route, body, url);
    }
    record.status = status;
    void this.answerLater(record, () => send(res, status, answer, headers));
  }

  private async answerLater(record: Recorded, write: () => void): Promise<void> {
    const delay = this.answerDelayOf?.(record) ?? this.answerDelayMs;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    await this.gate.pass();
    record.answeredAt = this.now();
    write();
  }

  private route(
    method: string,
    path: string,
  ): {
    kind: Recorded['kind'];
    conversationId?: string;
    activityId?: string;
    memberId?: string;
  } {
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    if (parts[0] !== 'v3' || parts[1] !== 'conversations') return { kind: 'other' };
    const conversationId = parts[2];
    if (method === 'POST' && parts.length === 2) return { kind: 'create' };
    if (method === 'POST' && parts[3] === 'activities' && parts.length === 4)
      return { kind: 'send', conversationId };
    if (method === 'POST' && parts[3] === 'activities' && parts.length === 5)
      return { kind: 'reply', conversationId, activityId: parts[4] };
    if (method === 'PUT' && parts[3] === 'activities' && parts.length === 5)
      return { kind: 'update', conversationId, activityId: parts[4] };
    if (method === 'GET' && (parts[3] === 'pagedmembers' || (parts[3] === 'members' && parts.length === 4)))
      return { kind: 'members', conversationId };
    if (method === 'GET' && parts[3] === 'members' && parts.length === 5)
      return { kind: 'member', conversationId, memberId: parts[4] };
    return { kind: 'other', conversationId };
  }

  private answer(route: ReturnType<FakeConnector['route']>, body: Activity, url: URL): [number, unknown] {
    switch (route.kind) {
      case 'create': {
        const member = this.users.get(body?.members?.[0]?.id ?? '');
        if (!member || this.unreachable.has(member.aadObjectId))
          return [403, { error: { code: 'Forbidden', message: 'user not reachable' } }];
        return [200, { id: this.personalChatOf(member) }];
      }
      case 'send':
      case 'reply': {
        const conversationId = route.conversationId!;
        if (this.isBlocked(conversationId))
          return [403, { error: { code: 'Forbidden', message: 'blocked' } }];
        const id = `act-${++this.seq}`;
        this.store(conversationId, id, { ...body, id });
        return [200, { id }];
      }
      case 'update': {
        const known = this.activities.get(route.conversationId!)?.get(route.activityId!);
        if (!known) return [404, { error: { code: 'NotFound', message: 'no such activity' } }];
        this.store(route.conversationId!, route.activityId!, { ...body, id: route.activityId });
        return [200, { id: route.activityId }];
      }
      case 'members': {
        const all = this.members.get(route.conversationId!) ?? [];
        const start = Number(url.searchParams.get('continuationToken') ?? '0');
        const page = all.slice(start, start + this.pageSize).map(account);
        const next = start + this.pageSize < all.length ? String(start + this.pageSize) : undefined;
        return [
          200,
          url.pathname.endsWith('pagedmembers')
            ? { members: page, continuationToken: next }
            : all.map(account),
        ];
      }
      case 'member': {
        const user = this.users.get(route.memberId!);
        return user
          ? [200, account(user)]
          : [404, { error: { code: 'MemberNotFound', message: 'no member' } }];
      }
      default:
        return [404, { error: { code: 'NotFound', message: 'no route' } }];
    }
  }

  private isBlocked(conversationId: string): boolean {
    for (const [aad, chat] of this.personalChats)
      if (chat === conversationId && this.unreachable.has(aad)) return true;
    return false;
  }

  private store(conversationId: string, id: string, activity: Activity): void {
    let byId = this.activities.get(conversationId);
    if (!byId) {
      byId = new Map();
      this.activities.set(conversationId, byId);
    }
    byId.set(id, activity);
  }
}

const account = (u: TeamsUserAccount) => ({
  id: u.id,
  name: u.name,
  aadObjectId: u.aadObjectId,
  userPrincipalName: `${u.aadObjectId}@example.org`,
});

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
