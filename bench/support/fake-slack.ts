import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeliveryLog, WindowLimit } from './window.js';

/**
 * A lean fake Slack Web API for the benchmarks (the tests' fake validates Block Kit and records every
 * call, which would make it the bottleneck): it answers what Cairn and Bolt call, counts calls per method,
 * logs chat.postMessage arrivals, and can enforce Slack's pace for chat.postMessage — about one message
 * per second per channel and a workspace ceiling — answering 429 with Retry-After beyond it.
 */
export type SlackLimits = {
  perChannel: number;
  workspaceCeiling: number;
  /** The workspace a channel (or DM channel) belongs to. */
  workspaceOf: (channel: string) => string;
};

export const BENCH_TEAM = 'T0BENCH';
export const BENCH_TOKEN = 'xoxb-bench';

/** The name users.info gives: seed people with it so that no request writes a changed name. */
export const slackNameOf = (userId: string): string => `Member ${userId}`;
/** The DM channel conversations.open gives for a user. */
export const dmChannelOf = (userId: string): string => `D${userId.slice(1)}`;

export class BenchSlack {
  readonly calls = new Map<string, number>();
  readonly deliveries = new DeliveryLog();
  limits: { perChannel: WindowLimit; workspace: WindowLimit; workspaceOf: (c: string) => string } | null =
    null;
  /** When the first conversations.open or chat.postMessage arrived since the last reset. */
  firstCallAt = Number.POSITIVE_INFINITY;
  private seq = 0;

  private constructor(
    private readonly server: Server,
    readonly base: string,
  ) {}

  static async start(): Promise<BenchSlack> {
    let fake: BenchSlack | undefined;
    const server = createServer((req, res) => fake!.handle(req, res));
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new BenchSlack(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return fake;
  }

  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  responseUrl(n: number): string {
    return `${this.base}/respond/${n}`;
  }

  setLimits(limits: SlackLimits | null): void {
    this.limits = limits && {
      perChannel: new WindowLimit(limits.perChannel),
      workspace: new WindowLimit(limits.workspaceCeiling),
      workspaceOf: limits.workspaceOf,
    };
  }

  count(method: string): number {
    return this.calls.get(method) ?? 0;
  }

  reset(): void {
    this.calls.clear();
    this.deliveries.reset();
    this.firstCallAt = Number.POSITIVE_INFINITY;
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '/';
      if (url.startsWith('/respond/')) {
        this.bump('response_url');
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
        return;
      }
      const method = url.startsWith('/api/') ? url.slice(5).split('?')[0]! : '';
      this.bump(method);
      const answer = this.answer(method, Buffer.concat(chunks).toString('utf8'), req.headers['content-type']);
      if (answer === 429) {
        res.writeHead(429, { 'retry-after': '1', 'content-type': 'application/json' });
        res.end('{"ok":false,"error":"ratelimited"}');
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  }

  private bump(method: string): void {
    if (method === 'conversations.open' || method === 'chat.postMessage')
      this.firstCallAt = Math.min(this.firstCallAt, performance.now());
    this.calls.set(method, (this.calls.get(method) ?? 0) + 1);
  }

  private answer(method: string, raw: string, type: string | undefined): object | 429 {
    switch (method) {
      case 'auth.test':
        return { ok: true, team_id: BENCH_TEAM, user_id: 'U0CAIRNBOT', bot_id: 'B0CAIRN', team: 'Bench' };
      case 'users.info': {
        const user = argsOf(raw, type).get('user') ?? '';
        const name = slackNameOf(user);
        return {
          ok: true,
          user: {
            id: user,
            name,
            real_name: name,
            deleted: false,
            is_bot: false,
            locale: 'en-US',
            profile: { real_name: name, display_name: '' },
          },
        };
      }
      case 'conversations.open':
        return { ok: true, channel: { id: dmChannelOf(argsOf(raw, type).get('users') ?? 'U') } };
      case 'chat.postMessage':
        return this.post(argsOf(raw, type));
      case 'views.open':
      case 'views.push':
      case 'views.update':
        return { ok: true, view: { id: `V${++this.seq}`, hash: `h${this.seq}` } };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.ts() };
      case 'views.publish':
        return { ok: true };
      default:
        return { ok: false, error: 'unknown_method' };
    }
  }

  private post(args: URLSearchParams): object | 429 {
    const channel = args.get('channel') ?? '';
    const at = performance.now();
    if (this.limits) {
      const { perChannel, workspace, workspaceOf } = this.limits;
      // Both windows must have room; a refused call takes no room in either.
      const ws = `ws:${workspaceOf(channel)}`;
      if (!perChannel.tryTake(channel, at)) {
        this.deliveries.refused++;
        return 429;
      }
      if (!workspace.tryTake(ws, at)) {
        perChannel.untake(channel);
        this.deliveries.refused++;
        return 429;
      }
    }
    this.deliveries.record(channel, `${channel}\n${args.get('text') ?? ''}`, at);
    const ts = this.ts();
    return { ok: true, channel, ts };
  }

  private ts(): string {
    const n = ++this.seq;
    return `${1_700_000_000 + n}.${String(n).padStart(6, '0')}`;
  }
}

/** The Web API client sends form-encoded arguments (JSON bodies are read too). */
function argsOf(raw: string, type: string | undefined): URLSearchParams {
  if (type?.includes('application/json')) {
    const json = JSON.parse(raw || '{}') as Record<string, unknown>;
    return new URLSearchParams(
      Object.entries(json).map(([k, v]): [string, string] => [
        k,
        typeof v === 'string' ? v : JSON.stringify(v),
      ]),
    );
  }
  return new URLSearchParams(raw);
}
