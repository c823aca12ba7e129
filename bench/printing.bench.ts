import { performance } from 'node:perf_hooks';
import { renderEscPos } from '../electron/core/printing/escpos-render';
import { defaultRasterizer } from '../electron/core/printing/raster';
import { ticketDocument } from '../electron/core/printing/ticket-document';
import type { TicketPrintJob } from '../electron/core/ports';
import { percentile, type Benchmark } from './support';

const ROUNDS = 300;
const WARMUP = 20;

/**
 * A queue ticket rendered to ESC/POS bytes (docs/receipts.md, "Thermal printing"), as
 * the kiosk's print job becomes a queued job: template, i18n, GB18030, QR command, cut.
 * The hall's name holds 堃 (outside GB2312), so every ticket also draws one raster line
 * from the CJK font: the worst case a ticket meets. Warm: the font is loaded once per
 * process, before the first ticket of the day.
 */
export const benchmarks: Benchmark[] = [
  {
    metrics: [{ name: 'receipts.ticket_escpos_p95_ms', unit: 'ms', budget: 100 }],
    run: async () => {
      if (!defaultRasterizer()) throw new Error('no CJK font for the raster line (install fonts-noto-cjk)');
      const job = (n: number): TicketPrintJob => ({
        language: 'zh-CN',
        hallName: '光明区堃华社区群众诉求服务站',
        number: `A${String(n % 1000).padStart(3, '0')}`,
        serviceName: '投诉建议',
        peopleAhead: n % 40,
        estimatedWaitMinutes: (n * 7) % 90,
        windows: [
          { number: 1, location: '大厅东侧' },
          { number: 4, location: '大厅西侧' },
        ],
        issuedAt: Date.parse('2026-11-24T01:00:00Z') + n * 60_000,
        timeZone: 'Asia/Shanghai',
        statusUrl: `https://hall.example/q/01JDXK3T8M2V7P9Q4R5S6T${String(n % 10000).padStart(4, '0')}`,
      });
      const timings: number[] = [];
      let size = 0;
      for (let n = 0; n < WARMUP + ROUNDS; n++) {
        const started = performance.now();
        const { bytes, rasterLines } = renderEscPos(ticketDocument(job(n)));
        const elapsed = performance.now() - started;
        if (rasterLines !== 1) throw new Error(`expected one raster line, got ${rasterLines}`);
        size = bytes.length;
        if (n >= WARMUP) timings.push(elapsed);
      }
      console.log(`  ticket: ${size} bytes; p50 ${percentile(timings, 50).toFixed(2)} ms, max ${Math.max(...timings).toFixed(2)} ms`);
      return { 'receipts.ticket_escpos_p95_ms': percentile(timings, 95) };
    },
  },
];
