import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AnswerGate } from './answer-gate.js';
import { blocksProblem, viewProblem } from './block-kit-rules.js';
import { FakeSocketMode } from './fake-slack-socket.js';

/**
 * A fake Slack Web API on 127.0.0.1: enough of Slack for Cairn's adapter and Bolt (auth.test, users,
 * conversations, chat, views, oauth.v2.access, and file uploads: files.getUploadURLExternal, the upload to
 * the URL it gives, on this server, and files.completeUploadExternal), with the Block Kit limits enforced. It records every call,
 * can answer 429 (Retry-After) or 500 on demand, and serves response_urls. For fault tests it can answer
 * after a delay, hold its answers (calls stay in flight), and fail every call for a while.
 */
export type Json = Record<string, unknown>;

/**
 * `at`: arrival time (Date.now()); `answeredAt`: when the answer was written (undefined while in flight);
 * `ok`: whether the call took effect (not failed on purpose, not refused); `status`: the HTTP status.
 */
export type ApiCall = {
  method: string;
  args: Json;
  token: string | undefined;
  at: number;
  answeredAt?: number;
  ok?: boolean;
  status?: number;
};

export type FakeUser = {
  id: string;
  name: string;
  realName: string;
  isBot?: boolean;
  deleted?: boolean;
  locale?: string;
  /** Another organisation's person (Slack Connect): their own team id. */
  teamId?: string;
  /** A guest: multi-channel (`is_restricted`) or single-channel (`is_ultra_restricted`). */
  guest?: 'multi' | 'single';
};

/** How a channel is shared: with another organisation (Slack Connect), or between workspaces of one. */
export type ChannelSharing = { external?: boolean; pendingExternal?: boolean; organisation?: boolean };

export type PostedMessage = { channel: string; ts: string; text: string; blocks: Json[]; edits: number };

export type StoredView = Json & { id: string; hash: string; user?: string; trigger?: string };

/** A file shared with files.uploadV2: its bytes as uploaded and the message that came with it. */
export type SharedFile = {
  id: string;
  channel: string;
  filename: string;
  title: string;
  altText: string;
  bytes: Buffer;
  blocks: Json[];
  initialComment: string;
};

/** A file whose upload URL was given (files.getUploadURLExternal), uploaded or not yet. */
type PendingUpload = { id: string; filename: string; length: number; altText: string; bytes?: Buffer };

export type Failure = { status: 429; retryAfter: number } | { status: 500 | 502 } | { error: string };

/**
 * A failure answered to every matching call until `until` (Date.now() time); with `forMs`, the window
 * opens at the first matching call.
 */
type FailureWindow = {
  method: string;
  failure: Failure;
  until?: number;
  forMs?: number;
  match?: (args: Json) => boolean;
};

type Installation = { team: string; enterprise?: string };

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  /** Bodies POSTed to response_urls, by url. */
  readonly responses: { url: string; body: Json }[] = [];
  readonly users = new Map<string, FakeUser>();
  /** Channel id -> members (user ids, the bot included when invited). */
  readonly channels = new Map<string, Set<string>>();
  /** Channels shared beyond the workspace. */
  readonly sharing = new Map<string, ChannelSharing>();
  readonly messages: PostedMessage[] = [];
  /** Files shared in conversations (files.completeUploadExternal after an upload). */
  readonly files: SharedFile[] = [];
  private readonly uploads = new Map<string, PendingUpload>();
  readonly views = new Map<string, StoredView>();
  /** Views opened or pushed, by the trigger_id they were opened with. */
  readonly viewsByTrigger = new Map<string, StoredView>();
  /** App Home views by user id. */
  readonly homes = new Map<string, Json>();
  /** Valid bot tokens and the installation each belongs to. */
  readonly tokens = new Map<string, Installation>();
  /** Refresh tokens not used yet (they are single-use), with what they refresh. */
  readonly refreshTokens = new Map<string, Installation>();
  /** OAuth codes the fake accepts, and the workspace each installs. */
  readonly codes = new Map<string, Installation>();
  readonly botUserId = 'UCAIRNBOT';
  readonly botId = 'BCAIRN';
  /** Lifetime of rotated tokens, in seconds (Slack: 12 h). */
  tokenLifetime = 43_200;
  /** Slack's Socket Mode side, reached through apps.connections.open with an app-level token. */
  readonly socketMode: FakeSocketMode;
  readonly appToken = 'xapp-test';
  /** Fault tests: every Web API answer is written this long after the call arrived (its effect is immediate). */
  answerDelayMs = 0;
  /** Fault tests: the delay of one call's answer, when it differs from `answerDelayMs` (undefined: the same). */
  answerDelayOf: ((call: ApiCall) => number | undefined) | undefined;
  /** Checks Block Kit limits on what is posted and opened (off only where the test process must stay light). */
  checkBlocks = true;
  /** The fake's clock, for `at`, `answeredAt` and failure windows (a test on simulated time sets its own). */
  now: () => number = Date.now;
  private readonly failures = new Map<string, Failure[]>();
  private readonly windows: FailureWindow[] = [];
  private readonly gate = new AnswerGate();
  private seq = 0;
  private issued = 0;

  private constructor(
    private readonly server: Server,
    readonly base: string,
  ) {
    this.socketMode = new FakeSocketMode(server);
  }

  static async start(): Promise<FakeSlack> {
    let fake: FakeSlack | undefined;
    const server = createServer((req, res) => {
      fake!.handle(req, res).catch((err: unknown) => {
        res.writeHead(500).end(String(err));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeSlack(server, `http://127.0.0.1:${port}`);
    fake.tokens.set('xoxb-test', { team: 'T0CAIRN' });
    return fake;
  }

  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  close(): Promise<void> {
    this.socketMode.close();
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  addUser(id: string, realName: string, extra: Partial<FakeUser> = {}): FakeUser {
    const user: FakeUser = { id, name: realName.toLowerCase().replace(/\W+/g, '.'), realName, ...extra };
    this.users.set(id, user);
    return user;
  }

  addChannel(id: string, members: string[], sharing?: ChannelSharing): void {
    this.channels.set(id, new Set(members));
    if (sharing) this.sharing.set(id, sharing);
  }

  /** The next `times` calls to `method` fail this way. */
  failNext(method: string, failure: Failure, times = 1): void {
    const list = this.failures.get(method) ?? [];
    for (let i = 0; i < times; i++) list.push(failure);
    this.failures.set(method, list);
  }

  /** Every call to `method` fails this way until `until` (a Date.now() time). */
  failUntil(method: string, failure: Failure, until: number, match?: (args: Json) => boolean): void {
    this.windows.push({ method, failure, until, ...(match ? { match } : {}) });
  }

  /** Ends every failure planned with `failUntil` or `failFor`. */
  stopFailing(): void {
    this.windows.length = 0;
  }

  /** Every call to `method` ('*': any method) fails this way for `ms`, from the first such call on. */
  failFor(method: string, failure: Failure, ms: number): void {
    this.windows.push({ method, failure, forMs: ms });
  }

  /**
   * Answers wait until `releaseAnswers()`: calls already received stay in flight; calls arriving meanwhile
   * take effect only when released, and none at all when released with `drop` (their client died).
   */
  holdAnswers(): void {
    this.gate.close();
  }

  releaseAnswers(drop = false): void {
    this.gate.open(drop);
  }

  /** Calls received and not answered yet (optionally to one method). */
  inFlight(method?: string): ApiCall[] {
    return this.calls.filter((c) => c.answeredAt === undefined && (!method || c.method === method));
  }

  /** A fresh response_url served by this fake. */
  responseUrl(): string {
    return `${this.base}/respond/${++this.seq}`;
  }

  callsTo(method: string): ApiCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  respondedTo(url: string): Json[] {
    return this.responses.filter((r) => r.url === url).map((r) => r.body);
  }

  /** Messages posted in a channel (a DM channel is D + user id), as they read now. */
  messagesIn(channel: string): PostedMessage[] {
    return this.messages.filter((m) => m.channel === channel);
  }

  /** Files shared in a channel (a DM channel is D + user id). */
  filesIn(channel: string): SharedFile[] {
    return this.files.filter((f) => f.channel === channel);
  }

  dmChannelOf(userId: string): string {
    return `D${userId}`;
  }

  /** Issues rotating tokens for an installation (what oauth.v2.access returns with token rotation). */
  issueRotatingToken(installation: Installation): { token: string; refresh: string } {
    const n = ++this.issued;
    const token = `xoxe.xoxb-${n}`;
    const refresh = `xoxe-1-${n}`;
    this.tokens.set(token, installation);
    this.refreshTokens.set(refresh, installation);
    return { token, refresh };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const bytes = await readBody(req);
    const raw = bytes.toString('utf8');
    const url = req.url ?? '/';
    if (url.startsWith('/upload/')) {
      await this.receiveUpload(url.slice('/upload/'.length), bytes, req, res);
      return;
    }
    if (url.startsWith('/respond/')) {
      this.responses.push({ url: `${this.base}${url}`, body: JSON.parse(raw || '{}') as Json });
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const match = /^\/api\/([\w.]+)/.exec(url);
    if (!match) {
      res.writeHead(404).end();
      return;
    }
    const method = match[1]!;
    const args = parseArgs(raw, req.headers['content-type']);
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ')
      ? auth.slice(7)
      : typeof args.token === 'string'
        ? args.token
        : undefined;
    const call: ApiCall = { method, args, token, at: this.now() };
    this.calls.push(call);
    if (this.gate.closed && (await this.gate.pass())) {
      call.ok = false;
      call.answeredAt = this.now();
      req.socket.destroy();
      return;
    }

    const failure = this.failures.get(method)?.shift() ?? this.windowFailure(method, call.at, args);
    // The effect happens on arrival (Slack acts on what it received, answered or not); the answer may wait.
    const answer = failure ? undefined : this.answer(method, args, token);
    call.ok = answer?.ok === true;
    call.status = failure && 'status' in failure ? failure.status : 200;
    const delay = this.answerDelayOf?.(call) ?? this.answerDelayMs;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    await this.gate.pass();
    call.answeredAt = this.now();
    if (failure) {
      if ('status' in failure && failure.status === 429) {
        res.writeHead(429, { 'retry-after': String(failure.retryAfter) }).end();
        return;
      }
      if ('status' in failure) {
        res.writeHead(failure.status).end('server error');
        return;
      }
      send(res, { ok: false, error: failure.error });
      return;
    }
    send(res, answer!);
  }

  private windowFailure(method: string, at: number, args: Json): Failure | undefined {
    for (const w of this.windows) {
      if ((w.method !== '*' && w.method !== method) || (w.match && !w.match(args))) continue;
      if (w.until === undefined && w.forMs !== undefined) w.until = at + w.forMs;
      if (w.until !== undefined && at < w.until) return w.failure;
    }
    return undefined;
  }

  private answer(method: string, args: Json, token: string | undefined): Json {
    if (method === 'oauth.v2.access') return this.oauth(args);
    if (method === 'apps.connections.open')
      return token === this.appToken
        ? { ok: true, url: `${this.base.replace('http', 'ws')}/socket` }
        : { ok: false, error: 'invalid_auth' };
    const installation = token ? this.tokens.get(token) : undefined;
    if (!installation) return { ok: false, error: 'invalid_auth' };
    switch (method) {
      case 'auth.test':
        return {
          ok: true,
          url: 'https://cairn-test.slack.com/',
          team: 'Cairn test',
          user: 'cairn',
          team_id: installation.team,
          user_id: this.botUserId,
          bot_id: this.botId,
          is_enterprise_install: false,
        };
      case 'users.info': {
        const user = this.users.get(String(args.user));
        if (!user) return { ok: false, error: 'user_not_found' };
        return {
          ok: true,
          user: {
            id: user.id,
            team_id: user.teamId ?? installation.team,
            is_restricted: user.guest !== undefined,
            is_ultra_restricted: user.guest === 'single',
            name: user.name,
            real_name: user.realName,
            deleted: user.deleted ?? false,
            is_bot: user.isBot ?? false,
            locale: user.locale ?? 'fr-FR',
            tz: 'Europe/Paris',
            profile: { real_name: user.realName, display_name: '' },
          },
        };
      }
      case 'conversations.open': {
        const user = String(args.users ?? '');
        if (!this.users.has(user)) return { ok: false, error: 'user_not_found' };
        const id = this.dmChannelOf(user);
        this.channels.set(id, new Set([user, this.botUserId]));
        return { ok: true, channel: { id } };
      }
      case 'conversations.info': {
        const channel = String(args.channel);
        const members = this.channels.get(channel);
        // A private channel is invisible to a bot that was not invited (Slack answers channel_not_found).
        if (!members?.has(this.botUserId)) return { ok: false, error: 'channel_not_found' };
        const sharing = this.sharing.get(channel) ?? {};
        return {
          ok: true,
          channel: {
            id: channel,
            is_private: true,
            is_member: true,
            is_shared: Boolean(sharing.external || sharing.organisation),
            is_ext_shared: Boolean(sharing.external),
            is_pending_ext_shared: Boolean(sharing.pendingExternal),
            is_org_shared: Boolean(sharing.organisation),
          },
        };
      }
      case 'conversations.members': {
        const members = this.channels.get(String(args.channel));
        if (!members?.has(this.botUserId)) return { ok: false, error: 'channel_not_found' };
        const all = [...members];
        const limit = Number(args.limit ?? 100);
        const start = Number(args.cursor || 0);
        const next = start + limit < all.length ? String(start + limit) : '';
        return {
          ok: true,
          members: all.slice(start, start + limit),
          response_metadata: { next_cursor: next },
        };
      }
      case 'chat.postMessage':
        return this.post(args);
      case 'chat.update': {
        const found = this.messages.find((m) => m.channel === args.channel && m.ts === args.ts);
        if (!found) return { ok: false, error: 'message_not_found' };
        const problem = this.checkBlocks ? blocksProblem(args.blocks, 'message') : null;
        if (problem) return { ok: false, error: 'invalid_blocks', problem };
        found.text = String(args.text ?? '');
        found.blocks = (args.blocks as Json[]) ?? [];
        found.edits++;
        return { ok: true, channel: found.channel, ts: found.ts };
      }
      case 'files.getUploadURLExternal': {
        const length = Number(args.length ?? 0);
        const altText = String(args.alt_text ?? args.alt_txt ?? '');
        if (!args.filename || !(length > 0)) return { ok: false, error: 'missing_argument' };
        if (altText.length > 1000) return { ok: false, error: 'alt_txt_too_large' };
        const id = `F${++this.seq}`;
        this.uploads.set(id, { id, filename: String(args.filename), length, altText });
        return { ok: true, upload_url: `${this.base}/upload/${id}`, file_id: id };
      }
      case 'files.completeUploadExternal':
        return this.completeUpload(args);
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.nextTs() };
      case 'views.open':
      case 'views.push':
        return this.openView(args, args.trigger_id);
      case 'views.update': {
        const current = this.views.get(String(args.view_id));
        if (!current) return { ok: false, error: 'not_found' };
        const problem = this.checkBlocks ? viewProblem(args.view) : null;
        if (problem) return { ok: false, error: 'invalid_arguments', problem };
        const updated = { ...(args.view as Json), id: current.id, hash: `h${++this.seq}` } as StoredView;
        if (current.user) updated.user = current.user;
        this.views.set(current.id, updated);
        return { ok: true, view: updated };
      }
      case 'views.publish': {
        const problem = this.checkBlocks ? viewProblem(args.view) : null;
        if (problem) return { ok: false, error: 'invalid_arguments', problem };
        this.homes.set(String(args.user_id), args.view as Json);
        return { ok: true, view: { ...(args.view as Json), id: `VH${String(args.user_id)}` } };
      }
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private post(args: Json): Json {
    const channel = String(args.channel ?? '');
    const members = this.channels.get(channel);
    if (!members) return { ok: false, error: 'channel_not_found' };
    if (!members.has(this.botUserId)) return { ok: false, error: 'not_in_channel' };
    const problem = this.checkBlocks ? blocksProblem(args.blocks, 'message') : null;
    if (problem) return { ok: false, error: 'invalid_blocks', problem };
    const ts = this.nextTs();
    const message: PostedMessage = {
      channel,
      ts,
      text: String(args.text ?? ''),
      blocks: (args.blocks as Json[]) ?? [],
      edits: 0,
    };
    this.messages.push(message);
    return { ok: true, channel, ts, message: { text: message.text, ts } };
  }

  /**
   * The upload itself, to the URL files.getUploadURLExternal gave: the file's bytes, raw or as the one
   * file of a multipart form (the SDK's way). Recorded as a call to `upload`, so tests can fail it.
   */
  private async receiveUpload(id: string, body: Buffer, req: IncomingMessage, res: ServerResponse) {
    const call: ApiCall = { method: 'upload', args: { id }, token: undefined, at: Date.now() };
    this.calls.push(call);
    const failure = this.failures.get('upload')?.shift() ?? this.windowFailure('upload', call.at, {});
    call.answeredAt = Date.now();
    const pending = this.uploads.get(id);
    if (failure || !pending) {
      call.ok = false;
      call.status = failure && 'status' in failure ? failure.status : 404;
      res.writeHead(call.status).end('upload failed');
      return;
    }
    const type = req.headers['content-type'] ?? '';
    let bytes = body;
    if (type.startsWith('multipart/form-data')) {
      const form = await new Request('http://upload', {
        method: 'POST',
        headers: { 'content-type': type },
        body,
      }).formData();
      const file = [...form.values()].find((v): v is File => typeof v !== 'string');
      bytes = file ? Buffer.from(await file.arrayBuffer()) : Buffer.alloc(0);
    }
    if (bytes.length !== pending.length) {
      call.ok = false;
      call.status = 400;
      res.writeHead(400).end(`expected ${pending.length} bytes, got ${bytes.length}`);
      return;
    }
    pending.bytes = bytes;
    call.ok = true;
    call.status = 200;
    res.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${bytes.length}`);
  }

  private completeUpload(args: Json): Json {
    const files = Array.isArray(args.files) ? (args.files as Json[]) : [];
    const channel = String(args.channel_id ?? '');
    const members = this.channels.get(channel);
    if (!members) return { ok: false, error: 'channel_not_found' };
    if (!members.has(this.botUserId)) return { ok: false, error: 'not_in_channel' };
    const blocks = (args.blocks as Json[] | undefined) ?? [];
    const problem = this.checkBlocks && blocks.length ? blocksProblem(blocks, 'message') : null;
    if (problem) return { ok: false, error: 'invalid_blocks', problem };
    const done: Json[] = [];
    for (const f of files) {
      const pending = this.uploads.get(String(f.id));
      if (!pending?.bytes) return { ok: false, error: 'file_not_found' };
      this.uploads.delete(pending.id);
      this.files.push({
        id: pending.id,
        channel,
        filename: pending.filename,
        title: String(f.title ?? pending.filename),
        altText: pending.altText,
        bytes: pending.bytes,
        blocks,
        initialComment: String(args.initial_comment ?? ''),
      });
      done.push({ id: pending.id, title: String(f.title ?? pending.filename) });
    }
    return { ok: true, files: done };
  }

  private openView(args: Json, trigger: unknown): Json {
    const problem = this.checkBlocks ? viewProblem(args.view) : null;
    if (problem) return { ok: false, error: 'invalid_arguments', problem };
    const id = `V${++this.seq}`;
    const view = { ...(args.view as Json), id, hash: `h${this.seq}` } as StoredView;
    if (typeof trigger === 'string') {
      view.trigger = trigger;
      this.viewsByTrigger.set(trigger, view);
    }
    this.views.set(id, view);
    return { ok: true, view };
  }

  private oauth(args: Json): Json {
    if (args.grant_type === 'refresh_token') {
      const installation = this.refreshTokens.get(String(args.refresh_token));
      if (!installation) return { ok: false, error: 'invalid_refresh_token' };
      this.refreshTokens.delete(String(args.refresh_token));
      const { token, refresh } = this.issueRotatingToken(installation);
      return {
        ok: true,
        token_type: 'bot',
        access_token: token,
        refresh_token: refresh,
        expires_in: this.tokenLifetime,
        team: { id: installation.team },
        enterprise: null,
        is_enterprise_install: false,
      };
    }
    const installation = this.codes.get(String(args.code));
    if (!installation) return { ok: false, error: 'invalid_code' };
    this.codes.delete(String(args.code));
    const { token, refresh } = this.issueRotatingToken(installation);
    return {
      ok: true,
      app_id: 'ACAIRN',
      authed_user: { id: 'UINSTALLER' },
      scope: 'commands,chat:write,im:write,users:read,groups:read,files:write',
      token_type: 'bot',
      access_token: token,
      refresh_token: refresh,
      expires_in: this.tokenLifetime,
      bot_user_id: this.botUserId,
      team: { id: installation.team, name: `Team ${installation.team}` },
      enterprise: null,
      is_enterprise_install: false,
    };
  }

  private nextTs(): string {
    const n = ++this.seq;
    return `${1_700_000_000 + n}.${String(n).padStart(6, '0')}`;
  }
}

function send(res: ServerResponse, body: Json): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The Web API client sends form-encoded arguments with objects as JSON strings (or a JSON body). */
function parseArgs(raw: string, contentType: string | undefined): Json {
  if (contentType?.includes('application/json')) return raw ? (JSON.parse(raw) as Json) : {};
  const args: Json = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    if (/^[[{]/.test(value)) {
      try {
        args[key] = JSON.parse(value);
        continue;
      } catch {
        // not JSON after all
      }
    }
    args[key] = value;
  }
  return args;
}
