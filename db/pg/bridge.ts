import { fileURLToPath } from 'node:url';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';

/** What the worker answers to one call. */
export type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: WireError };

/** An error as it crosses the thread boundary: PostgreSQL's SQLSTATE code and constraint kept. */
export type WireError = { name: string; message: string; code?: string; constraint?: string };

/** Thrown on the calling thread for an error raised in the worker. */
export class DatabaseError extends Error {
  readonly code: string | undefined;
  readonly constraint: string | undefined;
  constructor(error: WireError) {
    super(error.message);
    this.name = error.name === 'Error' ? 'DatabaseError' : error.name;
    this.code = error.code;
    this.constraint = error.constraint;
  }
}

/**
 * Calls an asynchronous worker synchronously: the calling thread posts a message, then sleeps on a shared
 * integer (Atomics.wait) until the worker has posted its answer and woken it, and reads the answer off the
 * port at once (receiveMessageOnPort), without going through its event loop. This is how the core's
 * synchronous Store reaches PostgreSQL, whose driver is asynchronous: the core stays exactly as it is on
 * SQLite (one request's reads and writes never interleave with another's in this process).
 *
 * Written here rather than taken from synckit (the well-known library doing the same) because the store
 * needs what synckit does not give: one worker per store (synckit keeps one per worker file for the whole
 * process), closing it, and a call id so that an answer arriving after a timeout is never taken for the
 * answer to the next call.
 */
export class SyncWorker {
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));
  private readonly port: MessagePort;
  private readonly worker: Worker;
  private nextId = 1;
  private closed = false;
  /** Set when the thread ended unexpectedly: calls fail at once (the owner may start another). */
  dead = false;

  constructor(file: URL, workerData: Record<string, unknown>) {
    const { port1, port2 } = new MessageChannel();
    this.port = port1;
    // Under tsx or vitest the worker is TypeScript: register tsx in it first. Either way, a worker that
    // fails to load says so on the port (else the caller would wait for its timeout).
    const typescript = fileURLToPath(file).endsWith('.ts');
    const register = typescript
      ? `(await import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))})).register();`
      : '';
    const bootstrap = `(async () => { ${register} await import(${JSON.stringify(file.href)}); })().catch((error) => {
      const { workerData } = require('node:worker_threads');
      workerData.port.postMessage({ id: -1, ok: false, error: { name: 'Error', message: 'PostgreSQL worker failed to start: ' + (error && error.message) } });
      Atomics.add(workerData.flag, 0, 1);
      Atomics.notify(workerData.flag, 0);
    });`;
    this.worker = new Worker(bootstrap, {
      eval: true,
      workerData: { ...workerData, flag: this.flag, port: port2 },
      transferList: [port2],
    });
    // The worker must not keep the process alive on its own; `close` ends it. A thread that dies must not
    // take the process with it: its 'error' is noted, and the next call fails instead of waiting.
    this.worker.unref();
    this.worker.on('error', () => {
      this.dead = true;
    });
    this.worker.on('exit', () => {
      this.dead = true;
    });
  }

  /** Sends one request and blocks until its answer; throws what the worker threw. */
  call<T>(request: Record<string, unknown>, timeoutMs: number): T {
    if (this.closed) throw new Error('PostgreSQL store closed');
    if (this.dead) throw new Error('PostgreSQL worker stopped');
    const id = this.nextId++;
    // The worker adds one to the shared integer after each answer it posts: wait while it has not moved.
    let seen = Atomics.load(this.flag, 0);
    this.port.postMessage({ ...request, id });
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const left = deadline - performance.now();
      if (left <= 0) throw new Error(`PostgreSQL did not answer within ${timeoutMs} ms`);
      Atomics.wait(this.flag, 0, seen, left);
      // Read before draining the port: an answer posted after the drain has moved it again.
      seen = Atomics.load(this.flag, 0);
      // Answers to calls that timed out before are dropped.
      for (
        let received = receiveMessageOnPort(this.port);
        received;
        received = receiveMessageOnPort(this.port)
      ) {
        const reply = received.message as Reply;
        if (reply.id !== id && reply.id !== -1) continue;
        if (reply.ok) return reply.value as T;
        throw new DatabaseError(reply.error);
      }
    }
  }

  /** Ends the worker (its pool is closed first by a call the owner makes). */
  terminate(): void {
    if (this.closed) return;
    this.closed = true;
    this.port.close();
    void this.worker.terminate();
  }
}
