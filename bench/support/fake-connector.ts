import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeliveryLog, WindowLimit } from './window.js';

/**
 * A lean fake Bot Connector for the benchmarks: it accepts new messages in conversations
 * (`POST /v3/conversations/{id}/activities`) and enforces Teams' pace for bots — 7 messages per second per
 * conversation and a per-tenant ceiling — answering 429 with Retry-After beyond it.
 */
export type TeamsLimits = {
  perConversation: number;
  tenantCeiling: number;
  /** The tenant a conversation belongs to. */
  tenantOf: (conversationId: string) => string;
};

export class BenchConnector {
  readonly deliveries = new DeliveryLog();
  other = 0;
  private limits: {
    perConversation: WindowLimit;
    tenant: WindowLimit;
    tenantOf: (c: string) => string;
  } | null = null;
  private seq = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<BenchConnector> {
    let fake: BenchConnector | undefined;
    const server = createServer((req, res) => fake!.handle(req, res));
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new BenchConnector(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    return fake;
  }

  setLimits(limits: TeamsLimits | null): void {
    this.limits = limits && {
      perConversation: new WindowLimit(limits.perConversation),
      tenant: new WindowLimit(limits.tenantCeiling),
      tenantOf: limits.tenantOf,
    };
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const parts = (req.url ?? '/').split('?')[0]!.split('/').filter(Boolean).map(decodeURIComponent);
      const isSend =
        req.method === 'POST' &&
        parts[0] === 'v3' &&
        parts[1] === 'conversations' &&
        parts[3] === 'activities';
      if (!isSend || parts.length !== 4) {
        this.other++;
        send(res, 404, { error: { code: 'NotFound', message: 'not served by the bench fake' } });
        return;
      }
      const conversation = parts[2]!;
      const at = performance.now();
      if (this.limits && !this.admit(conversation, at)) {
        this.deliveries.refused++;
        send(
          res,
          429,
          { error: { code: 'Throttled', message: 'too many requests' } },
          { 'retry-after': '1' },
        );
        return;
      }
      let summary = '';
      try {
        summary = String(
          (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { summary?: unknown }).summary,
        );
      } catch {
        // counted under an empty summary
      }
      this.deliveries.record(conversation, `${conversation}\n${summary}`, at);
      send(res, 200, { id: `act-${++this.seq}` });
    });
  }

  private admit(conversation: string, at: number): boolean {
    const { perConversation, tenant, tenantOf } = this.limits!;
    if (!perConversation.tryTake(conversation, at)) return false;
    if (!tenant.tryTake(`tenant:${tenantOf(conversation)}`, at)) {
      perConversation.untake(conversation);
      return false;
    }
    return true;
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}
