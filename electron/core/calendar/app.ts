import type { MethodHandler } from '../rpc/dispatcher';
import type { CalendarService } from './calendar-service';

type Method = 'calendar.get' | 'calendar.saveYear' | 'calendar.importFile' | 'calendar.resetYear';

/** The working-day calendar on the contract (shared/contract/calendar-methods.ts): the admin only. */
export function calendarHandlers(calendar: CalendarService): { [N in Method]: MethodHandler<N> } {
  return {
    'calendar.get': () => calendar.list(),
    'calendar.saveYear': (entry) => calendar.saveYear(entry),
    'calendar.importFile': ({ content }) => calendar.importFile(content),
    'calendar.resetYear': ({ year }) => calendar.resetYear(year),
  };
}
