import { z } from 'zod';
import { defineMethod } from './define';

/**
 * Retention (docs/retention.md, DESIGN.md §6): the daily job that anonymises the cases
 * past the hall's retention period (the kiosk settings' `retentionYears`, what the kiosk's
 * notice tells visitors), deletes old kiosk registrations and the visitors no record needs
 * any more, and empties printed receipts and letters after the reprint window. Counts
 * only: never an id or a name of a visitor.
 */
export const retentionCountsSchema = z.object({
  casesAnonymised: z.number().int().nonnegative(),
  attachmentsRemoved: z.number().int().nonnegative(),
  registrationsDeleted: z.number().int().nonnegative(),
  visitorsDeleted: z.number().int().nonnegative(),
  /** Printed receipts and letters whose bytes (and PDF archive) were emptied. */
  printContentsRemoved: z.number().int().nonnegative(),
  /** Failed case-status look-ups (the kiosk's lock-out counters) past their use. */
  lookupFailuresDeleted: z.number().int().nonnegative(),
});
export type RetentionCounts = z.infer<typeof retentionCountsSchema>;
/** The counts of a run, in the order a page lists them. */
export const RETENTION_COUNT_KEYS = Object.keys(retentionCountsSchema.shape) as (keyof RetentionCounts)[];

export const retentionRunSchema = z.object({
  /** `schedule`: the core's own daily run; `admin`: retention.runNow. */
  trigger: z.enum(['schedule', 'admin']),
  startedAt: z.number().int(),
  finishedAt: z.number().int(),
  /** Cut short (the host stopped mid-run): the counts are what was done before. */
  interrupted: z.boolean(),
  retentionYears: z.number().int(),
  /** Epoch ms: a case whose last activity is before this was past the period. */
  casesBefore: z.number().int(),
  /** Epoch ms: a receipt or letter printed before this lost its bytes. */
  printedBefore: z.number().int(),
  counts: retentionCountsSchema,
});
export type RetentionRun = z.infer<typeof retentionRunSchema>;

export const retentionStatusSchema = z.object({
  /** The period, in years (kiosk settings). */
  retentionYears: z.number().int(),
  /** How long the bytes of a printed receipt or letter are kept for reprinting. */
  printedContentDays: z.number().int(),
  lastRun: retentionRunSchema.nullable(),
  /** When the core runs it next by itself; null when this host does not run it on its own. */
  nextRunAt: z.number().int().nullable(),
});
export type RetentionStatus = z.infer<typeof retentionStatusSchema>;

export const retentionMethods = {
  'retention.status': defineMethod({
    summary: 'The retention period, the last run of the daily retention job (when, what it did: counts only) and when it runs next.',
    roles: ['admin'],
    signIn: true,
    input: z.object({}).strict(),
    output: retentionStatusSchema,
  }),
  'retention.runNow': defineMethod({
    summary:
      'Run the retention job now (otherwise daily): anonymise the cases past the period, delete old kiosk registrations and unneeded visitors, empty old printed receipts and letters. Answers with what it did, recorded in the audit log.',
    roles: ['admin'],
    signIn: true,
    input: z.object({}).strict(),
    output: retentionRunSchema,
  }),
};
