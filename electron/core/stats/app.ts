import { HallError } from '../../../shared/contract';
import type { HallStore } from '../hall/hall-store';
import type { Clock } from '../ports';
import type { QueueService } from '../queue/queue-service';
import type { MethodHandler } from '../rpc/dispatcher';
import { queueStats } from './queue-stats';
import { StatsStore } from './stats-store';

/** Longest range one request may cover. */
const MAX_DAYS = 366;

export function statsHandlers(
  stats: StatsStore,
  hall: HallStore,
  queue: QueueService,
  clock: Clock,
): { 'stats.queue': MethodHandler<'stats.queue'> } {
  return {
    'stats.queue': ({ from, to, groupBy }, context) => {
      const now = clock.now();
      const today = queue.today(now);
      if (context.role === 'clerk' && (from !== today || to !== today)) throw new HallError('FORBIDDEN', { context: 'statsRange' });
      if ((Date.parse(to) - Date.parse(from)) / 86_400_000 >= MAX_DAYS) throw new HallError('RANGE_TOO_LONG', { days: MAX_DAYS });
      const windowServices = new Map(hall.windows().map((w) => [w.id, w.services.map((s) => s.serviceId)]));
      const result = queueStats(
        {
          tickets: stats.tickets(from, to),
          windowEvents: stats.windowTicketEvents(from, to),
          windowStates: stats.windowStates(),
          windowServices,
          timeZone: hall.timeZone(),
          now,
        },
        groupBy,
      );
      // Clerk rows are keyed by staff id: pages label them with the name and staff number.
      const clerks = groupBy === 'clerk' ? stats.staffNamed(result.rows.map((row) => row.key).filter((key) => key !== '')) : [];
      return { ...result, clerks };
    },
  };
}
