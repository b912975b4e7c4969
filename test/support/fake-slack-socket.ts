import { createHash } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';

type Json = Record<string, unknown>;

/** Just enough of RFC 6455 (text frames, ping/pong, close) to play Slack's Socket Mode server. */
function frame(opcode: number, payload: Buffer): Buffer {
  const n = payload.length;
  const head = n < 126 ? Buffer.from([0x80 | opcode, n]) : Buffer.alloc(4);
  if (n >= 126) {
    if (n > 0xffff) throw new Error('frame too large for this fake');
    head[0] = 0x80 | opcode;
    head[1] = 126;
    head.writeUInt16BE(n, 2);
  }
  return Buffer.concat([head, payload]);
}

/** Client frames are masked; returns the complete frames in `buffer` and what is left. */
function readFrames(buffer: Buffer): { frames: { opcode: number; payload: Buffer }[]; rest: Buffer } {
  const frames: { opcode: number; payload: Buffer }[] = [];
  let at = 0;
  while (buffer.length - at >= 2) {
    const opcode = buffer[at]! & 0x0f;
    let length = buffer[at + 1]! & 0x7f;
    let offset = at + 2;
    if (length === 126) {
      if (buffer.length < offset + 2) break;
      length = buffer.readUInt16BE(offset);
      offset += 2;
    } else if (length === 127) {
      if (buffer.length < offset + 8) break;
      length = Number(buffer.readBigUInt64BE(offset));
      offset += 8;
    }
    if (buffer.length < offset + 4 + length) break;
    const mask = buffer.subarray(offset, offset + 4);
    const payload = Buffer.from(buffer.subarray(offset + 4, offset + 4 + length));
    for (let i = 0; i < payload.length; i++) payload[i] = payload[i]! ^ mask[i % 4]!;
    frames.push({ opcode, payload });
    at = offset + 4 + length;
  }
  return { frames, rest: buffer.subarray(at) };
}

/**
 * Slack's Socket Mode side: accepts the WebSocket that apps.connections.open pointed to, says hello,
 * delivers envelopes and collects the app's acknowledgments.
 */
export class FakeSocketMode {
  readonly acks: Json[] = [];
  private socket: Duplex | undefined;
  private seq = 0;

  constructor(server: Server) {
    server.on('upgrade', (req: IncomingMessage, socket: Duplex) => this.accept(req, socket));
  }

  get connected(): boolean {
    return this.socket !== undefined && !this.socket.destroyed;
  }

  /** Sends an envelope (`slash_commands`, `interactive` or `events_api`); resolves with its envelope id. */
  deliver(type: string, payload: Json): string {
    if (!this.socket) throw new Error('no Socket Mode connection');
    const id = `env-${++this.seq}`;
    this.send({
      envelope_id: id,
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
      retry_attempt: 0,
    });
    return id;
  }

  ackFor(envelopeId: string): Json | undefined {
    return this.acks.find((a) => a.envelope_id === envelopeId);
  }

  close(): void {
    this.socket?.destroy();
  }

  private accept(req: IncomingMessage, socket: Duplex): void {
    const key = String(req.headers['sec-websocket-key'] ?? '');
    const accept = createHash('sha1').update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    this.socket = socket;
    let pending: Buffer = Buffer.alloc(0);
    socket.on('data', (chunk: Buffer) => {
      const { frames, rest } = readFrames(Buffer.concat([pending, chunk]));
      pending = rest;
      for (const { opcode, payload } of frames) {
        if (opcode === 1) this.acks.push(JSON.parse(payload.toString('utf8')) as Json);
        else if (opcode === 9) socket.write(frame(10, payload));
        else if (opcode === 8) socket.end(frame(8, Buffer.alloc(0)));
      }
    });
    socket.on('error', () => undefined);
    this.send({
      type: 'hello',
      num_connections: 1,
      connection_info: { app_id: 'ACAIRN' },
      debug_info: { host: 'fake' },
    });
  }

  private send(message: Json): void {
    this.socket?.write(frame(1, Buffer.from(JSON.stringify(message), 'utf8')));
  }
}
