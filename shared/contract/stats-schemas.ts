import { z } from 'zod';

export const STATS_GROUPINGS = ['day', 'service', 'window', 'clerk', 'hour'] as const;
export const statsGroupBySchema = z.enum(STATS_GROUPINGS);
export type StatsGroupBy = z.infer<typeof statsGroupBySchema>;

const minutes = z.number().nonnegative().nullable();

/**
 * One group of the queue statistics. `key` is the day (YYYY-MM-DD), service id,
 * window id, staff id or hour (00–23); '' is "none" (not called, no clerk recorded),
 * and the key of the total row. Times in minutes, one decimal; null when nothing was
 * measured. Idle time is per window (and summed per day), null for other groupings.
 */
export const queueStatsRowSchema = z.object({
  key: z.string(),
  tickets: z.number().int().nonnegative(),
  served: z.number().int().nonnegative(),
  noShows: z.number().int().nonnegative(),
  cancelled: z.number().int().nonnegative(),
  transferred: z.number().int().nonnegative(),
  waitAvgMin: minutes,
  waitP90Min: minutes,
  /** From the call to the visitor's arrival at the window. */
  walkAvgMin: minutes,
  walkP90Min: minutes,
  serviceAvgMin: minutes,
  serviceP90Min: minutes,
  idleWhileWaitingMin: minutes,
});
export type QueueStatsRow = z.infer<typeof queueStatsRowSchema>;
