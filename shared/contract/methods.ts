import { z } from 'zod';
import { ulidSchema } from '../domain/ids';
import { defineMethod } from './define';
import {
  callAnnouncementSchema,
  hallInfoSchema,
  ticketSchema,
  waitingCountSchema,
} from './hall-schemas';

/**
 * The contract: every method the core answers, whatever the transport. The
 * transports and the typed HallClient are generated from this table.
 */
export const methods = {
  'hall.info': defineMethod({
    summary: "The hall's name, services and windows.",
    roles: ['kiosk', 'display', 'clerk', 'admin'],
    input: z.object({}).strict(),
    output: hallInfoSchema,
  }),
  'queue.issueTicket': defineMethod({
    summary: 'Take a number for a service; numbering restarts every service day.',
    roles: ['kiosk', 'clerk', 'admin'],
    input: z.object({ serviceId: ulidSchema }).strict(),
    output: z.object({ ticket: ticketSchema, peopleAhead: z.number().int().nonnegative() }),
  }),
  'queue.callNext': defineMethod({
    summary: "Call the oldest waiting ticket of the window's services to the window. Atomic.",
    roles: ['clerk', 'admin'],
    input: z.object({ windowId: ulidSchema }).strict(),
    output: z.object({ ticket: ticketSchema.nullable() }),
  }),
  'queue.finish': defineMethod({
    summary: 'Finish the visitor currently at the window.',
    roles: ['clerk', 'admin'],
    input: z.object({ windowId: ulidSchema, ticketId: ulidSchema }).strict(),
    output: z.object({ ticket: ticketSchema }),
  }),
  'queue.windowStatus': defineMethod({
    summary: "The ticket at a window now and how many wait for the window's services.",
    roles: ['clerk', 'admin'],
    input: z.object({ windowId: ulidSchema }).strict(),
    output: z.object({ current: ticketSchema.nullable(), waiting: z.number().int().nonnegative() }),
  }),
  'queue.displayState': defineMethod({
    summary: 'What the hall display shows: recent calls and waiting counts. No personal data.',
    roles: ['display', 'clerk', 'admin'],
    input: z.object({ limit: z.number().int().min(1).max(20).default(8) }).strict(),
    output: z.object({
      recentCalls: z.array(callAnnouncementSchema),
      waitingByService: z.array(waitingCountSchema),
    }),
  }),
} as const;

export type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<N extends MethodName> = z.input<Methods[N]['input']>;
export type MethodParams<N extends MethodName> = z.output<Methods[N]['input']>;
export type MethodOutput<N extends MethodName> = z.output<Methods[N]['output']>;

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}
