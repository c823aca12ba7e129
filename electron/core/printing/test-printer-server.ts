import { createServer, type Server, type Socket } from 'node:net';

/**
 * A thermal printer on a loopback TCP port, for tests and benchmarks: it takes
 * connections as a port-9100 printer does, answers the real-time status requests
 * (DLE EOT n) that come before the job, and keeps each connection's remaining bytes as
 * one printed job — exactly the bytes a real printer would print.
 */
export class TestPrinterServer {
  /** Each connection's print data, in the order the connections closed. */
  readonly jobs: Buffer[] = [];
  /** The DLE EOT n requests seen, n per request. */
  readonly statusRequests: number[] = [];
  /** Paper sensor state answered to DLE EOT 4. */
  paper: 'ok' | 'low' | 'out' = 'ok';
  /** false: never answers status (as many cheap printers). */
  answersStatus = true;
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  private waiters: Array<{ count: number; resolve: () => void }> = [];

  /** Listens on 127.0.0.1 (`port` 0: any free port); resolves to the port. */
  async listen(port = 0): Promise<number> {
    const server = createServer((socket) => this.accept(socket));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
    return (server.address() as { port: number }).port;
  }

  get address(): string {
    return `tcp://127.0.0.1:${(this.server!.address() as { port: number }).port}`;
  }

  /** Resolves once `count` jobs have arrived in all. */
  waitForJobs(count: number): Promise<void> {
    if (this.jobs.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private accept(socket: Socket): void {
    this.sockets.add(socket);
    const chunks: Buffer[] = [];
    let printing = false; // real-time requests are looked for until the first print byte
    socket.on('data', (chunk: Buffer) => {
      let at = 0;
      while (!printing && at < chunk.length) {
        if (chunk[at] === 0x10 && chunk[at + 1] === 0x04 && chunk[at + 2] !== undefined) {
          const n = chunk[at + 2]!;
          this.statusRequests.push(n);
          if (this.answersStatus) socket.write(Buffer.from([this.answer(n)]));
          at += 3;
        } else printing = true;
      }
      if (at < chunk.length) chunks.push(chunk.subarray(at));
    });
    socket.on('error', () => {});
    socket.on('close', () => {
      this.sockets.delete(socket);
      const job = Buffer.concat(chunks);
      if (job.length === 0) return; // a status probe, or a connection that sent nothing
      this.jobs.push(job);
      this.waiters = this.waiters.filter((waiter) => {
        if (this.jobs.length < waiter.count) return true;
        waiter.resolve();
        return false;
      });
    });
    // The client half-closes when its job is written: close our side too, as printers do.
    socket.on('end', () => socket.end());
  }

  private answer(n: number): number {
    if (n !== 4) return 0x12; // fixed bits only: online, no error
    return 0x12 | (this.paper === 'out' ? 0x60 : 0) | (this.paper === 'low' ? 0x0c : 0);
  }
}

/**
 * A loopback port nothing listens on (taken, then let go): a printer that is switched off.
 * Racy by nature — another process may be given the port meanwhile — so a test that uses
 * it starts over on a fresh port when the port was taken; the queue's other tests switch a
 * fake printer off instead.
 */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
