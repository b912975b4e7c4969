import net from 'node:net';

/**
 * The Teams suite reaches no host but 127.0.0.1: any other TCP connection attempt from this test process
 * (the SDKs' token or key fetches, a stray service URL) throws, and is recorded.
 */
export const refusedHosts: string[] = [];

const LOCAL = new Set(['127.0.0.1', 'localhost', '::1']);
const original = net.Socket.prototype.connect;
const guarded = Symbol.for('cairn.test.localOnly');

type Connect = typeof net.Socket.prototype.connect;
const proto = net.Socket.prototype as typeof net.Socket.prototype & { [guarded]?: true };

if (!proto[guarded]) {
  proto[guarded] = true;
  proto.connect = function connect(this: net.Socket, ...args: unknown[]) {
    const host = hostOf(args);
    if (!LOCAL.has(host)) {
      refusedHosts.push(host);
      throw new Error(`test network guard: connection to ${host} refused (127.0.0.1 only)`);
    }
    return (original as (...a: unknown[]) => net.Socket).apply(this, args);
  } as Connect;
}

/** The host of `socket.connect(options)`, `connect([options, cb])` or `connect(port, host)`; sockets by path are local. */
function hostOf(args: unknown[]): string {
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (typeof first === 'object' && first !== null) {
    const { host, path } = first as { host?: unknown; path?: unknown };
    return path !== undefined ? 'localhost' : String(host ?? 'localhost');
  }
  return typeof args[1] === 'string' ? args[1] : 'localhost';
}
