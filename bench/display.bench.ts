import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { QUEUE_SIZE, callNext, finish, hallInfo, issueTickets, percentile, signIn, windowByNumber, withHost, type Benchmark } from './support';

const CALLS = 200;
const WARMUP_CALLS = 20;
const WINDOW_NUMBER = 4;
const PUSH_TIMEOUT_MS = 5_000;

/**
 * A display's WebSocket, recording when each queue.ticketCalled push arrives. The
 * push may land before the HTTP reply that tells us which ticket was called, so
 * arrivals are kept by ticket id and looked up afterwards.
 */
class DisplaySocket {
  private readonly arrivals = new Map<string, number>();
  private readonly waiters = new Map<string, { resolve: (at: number) => void; reject: (error: Error) => void }>();
  private failure: Error | null = null;

  private constructor(private readonly ws: WebSocket) {
    const fail = (error: Error) => {
      this.failure ??= error;
      for (const waiter of this.waiters.values()) waiter.reject(error);
    };
    ws.on('error', fail);
    ws.on('close', () => fail(new Error('the display WebSocket closed')));
    ws.on('message', (raw) => {
      const at = performance.now(); // before parsing: the parse is the display's own work
      const message = JSON.parse(raw.toString()) as { event?: string; data?: { ticketId?: string; windowNumber?: number } };
      if (message.event !== 'queue.ticketCalled' || typeof message.data?.ticketId !== 'string') return;
      const waiter = this.waiters.get(message.data.ticketId);
      if (waiter) waiter.resolve(at);
      else this.arrivals.set(message.data.ticketId, at);
    });
  }

  static open(url: string): Promise<DisplaySocket> {
    const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/ws?role=display`);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new DisplaySocket(ws)));
      ws.once('error', reject);
    });
  }

  /** performance.now() at which the call of `ticketId` reached the display. */
  arrivalOf(ticketId: string): Promise<number> {
    const at = this.arrivals.get(ticketId);
    if (at !== undefined) {
      this.arrivals.delete(ticketId);
      return Promise.resolve(at);
    }
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        this.waiters.delete(ticketId);
      };
      const timer = setTimeout(() => {
        settle();
        reject(new Error(`no queue.ticketCalled push for ${ticketId} within ${PUSH_TIMEOUT_MS} ms`));
      }, PUSH_TIMEOUT_MS);
      this.waiters.set(ticketId, {
        resolve: (at) => (settle(), resolve(at)),
        reject: (error) => (settle(), reject(error)),
      });
    });
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      this.ws.once('close', () => resolve());
      this.ws.close();
    });
  }
}

/**
 * Push latency: from sending callNext over HTTP to the display's WebSocket receiving
 * the matching queue.ticketCalled, with QUEUE_SIZE tickets waiting, as in queue.bench.
 */
export const benchmarks: Benchmark[] = [
  {
    metrics: [{ name: 'display.push_latency_p95_ms', unit: 'ms', budget: 50 }],
    run: () =>
      withHost(async ({ url }) => {
        const info = await hallInfo(url);
        const window = windowByNumber(info, WINDOW_NUMBER);
        const clerk = await signIn(url);
        await issueTickets(url, info, QUEUE_SIZE);

        // Connect after seeding, so the display is not still draining 5,000 waitingChanged pushes.
        const display = await DisplaySocket.open(url);
        try {
          const round = async (): Promise<number> => {
            const sent = performance.now();
            const ticket = await callNext(url, clerk, window.id);
            const arrived = await display.arrivalOf(ticket.id);
            await finish(url, clerk, window.id, ticket.id);
            return arrived - sent;
          };
          for (let i = 0; i < WARMUP_CALLS; i++) await round();
          const latencies: number[] = [];
          for (let i = 0; i < CALLS; i++) latencies.push(await round());
          return { 'display.push_latency_p95_ms': percentile(latencies, 95) };
        } finally {
          await display.close();
        }
      }),
  },
];
