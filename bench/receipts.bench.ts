import { performance } from 'node:perf_hooks';
import { createHallCore } from '../electron/core/core';
import type { RpcReply } from '../shared/contract';
import { percentile, type Benchmark } from './support';

const WAITING = 300;
const WARMUP = 50;
const ROUNDS = 1_000;

/**
 * The queue ticket rendered to HTML (docs/receipts.md): `receipts.render { kind: 'ticket' }`
 * through the core's dispatcher as the kiosk calls it — envelope and schema checks, the
 * ticket's standing in a queue of 300 (people ahead, estimated wait), the hall, the
 * template, the QR code's encoding and SVG — on the real SQLite in memory. The p95 of 1,000
 * renders, each of a different waiting ticket, after 50 unmeasured.
 */
export const benchmarks: Benchmark[] = [
  {
    metrics: [{ name: 'receipts.ticket_html_p95_ms', unit: 'ms', budget: 50 }],
    run: async () => {
      // 10:00 in Shenzhen on a working day: the demo hall's services are open.
      const core = createHallCore({ dataDir: ':memory:', demo: true, clock: { now: () => Date.parse('2026-11-24T02:00:00Z') } });
      try {
        let id = 0;
        const call = (method: string, params: unknown): unknown => {
          const reply: RpcReply = core.dispatch({ id: ++id, method, params }, { role: 'kiosk', language: 'zh-CN', sessionId: 'bench-kiosk' });
          if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
          return reply.value;
        };
        const info = call('hall.info', {}) as { services: Array<{ id: string }> };
        const tickets: string[] = [];
        for (let n = 0; n < WAITING; n++) {
          const issued = call('queue.issueTicket', { serviceId: info.services[n % info.services.length]!.id }) as { ticket: { id: string } };
          tickets.push(issued.ticket.id);
        }
        const times: number[] = [];
        for (let round = 0; round < WARMUP + ROUNDS; round++) {
          const started = performance.now();
          const page = call('receipts.render', { kind: 'ticket', ticketId: tickets[round % tickets.length] }) as { html: string };
          const elapsed = performance.now() - started;
          if (!page.html.includes('<svg class="qr"')) throw new Error('the ticket has no QR code');
          if (round >= WARMUP) times.push(elapsed);
        }
        return { 'receipts.ticket_html_p95_ms': percentile(times, 95) };
      } finally {
        core.close();
      }
    },
  },
];
