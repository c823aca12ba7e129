import type { Benchmark } from './support';
import { simulateDays } from './simulated-day';

/**
 * Accuracy of the wait shown on the ticket: a simulated week start (a first day gives
 * the estimator its history, as a hall's previous days do, then three days measured),
 * the mean absolute difference between the estimate at issue and the wait the visitor
 * actually had, in minutes.
 */
export const benchmarks: Benchmark[] = [
  {
    metrics: [{ name: 'queue.wait_estimate_mae_min', unit: 'min', budget: 5 }],
    run: async () => {
      const { called } = simulateDays(4);
      if (called.length < 50) throw new Error(`the simulated day called only ${called.length} visitors`);
      const mae = called.reduce((sum, t) => sum + Math.abs(t.estimateMinutes - t.actualMinutes), 0) / called.length;
      return { 'queue.wait_estimate_mae_min': mae };
    },
  },
];
