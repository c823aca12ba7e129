import { z } from 'zod';
import { defineEvent } from './define';
import { callAnnouncementSchema, waitingCountSchema } from './hall-schemas';
import { categoryEvents } from './category-methods';
import { ratingEvents } from './rating-methods';
import { comicEvents } from './comic-methods';

/** Events the core pushes to sessions whose role is in the audience. */
export const events = {
  'hall.configChanged': defineEvent({
    summary: "The hall's services or windows changed: reload hall.info.",
    audience: ['kiosk', 'display', 'clerk', 'admin'],
    data: z.object({}),
  }),
  'queue.ticketCalled': defineEvent({
    summary: 'A ticket was called to a window (the display announces it).',
    audience: ['display', 'clerk', 'admin'],
    data: callAnnouncementSchema,
  }),
  'queue.waitingChanged': defineEvent({
    summary: 'Waiting counts per service changed.',
    audience: ['kiosk', 'display', 'clerk', 'admin'],
    data: z.object({ waitingByService: z.array(waitingCountSchema) }),
  }),
  ...categoryEvents,
  ...ratingEvents,
  ...comicEvents,
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventData<E extends EventName> = z.output<Events[E]['data']>;
