import { z } from 'zod';

/** Who may go first (DESIGN.md section 4); which of these a hall honours is configurable. */
export const PRIORITY_REASONS = ['elderly', 'disabled', 'pregnant', 'service_member'] as const;
export const priorityReasonSchema = z.enum(PRIORITY_REASONS);
export type PriorityReason = z.infer<typeof priorityReasonSchema>;

/** The hall's queue rules, kept in hall_settings under `queueRules`. */
export const queueRulesSchema = z.object({
  /** Local hour at which numbering restarts and the previous day's queue is closed. */
  resetHour: z.number().int().min(0).max(23).default(0),
  /** Age (from the ID's birth date) from which a visitor is offered priority. */
  elderlyAge: z.number().int().min(50).max(100).default(60),
  /** Priority reasons this hall honours. (Bounded like every list a caller sends: see docs/security.md, "Fuzzing the contract".) */
  priorityReasons: z.array(priorityReasonSchema).max(PRIORITY_REASONS.length).default([...PRIORITY_REASONS]),
  /** How many times an ordinary ticket may be overtaken before it must be called. */
  maxPassOver: z.number().int().min(0).max(50).default(3),
  /** Recalls a clerk must make before marking a called visitor as not present. */
  noShowAfterRecalls: z.number().int().min(0).max(10).default(2),
  /** Assumed service time until the hall has measured some. */
  defaultServiceMinutes: z.number().min(1).max(240).default(10),
});
export type QueueRules = z.infer<typeof queueRulesSchema>;
export const DEFAULT_QUEUE_RULES: QueueRules = queueRulesSchema.parse({});

/** `HH:MM`, 00:00–24:00. */
export const clockTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM');

/** Whole years between a birth date and a day, both `YYYY-MM-DD`. */
export function ageOn(birthDate: string, day: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number];
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine((value) => {
    const date = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
  }, 'not a calendar date');

/**
 * A reset hour saved during a service day waits for the next one (moving today's start
 * would renumber today's tickets and close or merge today's queue): days before
 * `fromDay` start at `previousHour`, and `fromDay` starts at the saved `resetHour`.
 * Kept in hall_settings under `resetHourChange`.
 */
export const resetHourChangeSchema = z.object({
  previousHour: z.number().int().min(0).max(23),
  fromDay: isoDateSchema,
});
export type ResetHourChange = z.infer<typeof resetHourChangeSchema>;
