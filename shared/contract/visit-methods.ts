import { z } from 'zod';
import { CLERK_AT_A_DESK } from './roles';
import type { CaseDeadline, DeadlineKind, Finality } from '../domain/case-deadlines';
import { caseEventSchema, RECEIVERS, type TimelineErrorCode } from '../domain/case-timeline';
import { ulidSchema } from '../domain/ids';
import { languageSchema } from '../domain/languages';
import { isoDateSchema } from '../domain/queue-rules';
import { defineMethod } from './define';
import { kioskPersonSchema } from './kiosk-schemas';
import { staffMemberSchema } from './staff-schemas';

/**
 * The case record (来访登记, docs/visits.md): a walk-in visit registered by a clerk, its
 * timeline and the deadlines computed from it (docs/deadlines.md).
 */

/** 信访形式: the hall registers walk-ins (走访) only; letters, calls and online come later. */
export const VISIT_FORMS = ['walk_in'] as const;
/** 信访目的 (classification-lists.csv): 求决 / 意见建议 / 申诉 / 揭发控告 / 其他. */
export const VISIT_PURPOSES = ['seek_resolution', 'opinion_suggestion', 'appeal', 'report_accusation', 'other'] as const;
/** The regulation's matter classes: 建议意见类 (art. 29) / 检举控告类 (art. 30) / 申诉求决类 (art. 31). */
export const MATTER_CLASSES = ['suggestion_opinion', 'report_accusation', 'appeal_request'] as const;

/** Every reason case-timeline.ts gives for refusing a timeline: the contexts of TIMELINE_INVALID. */
export const TIMELINE_ERROR_CODES = [
  'missing_received',
  'invalid_date',
  'out_of_order',
  'date_too_early',
  'date_range_reversed',
  'duplicate_event',
  'missing_prerequisite',
  'not_allowed_after',
  'conflicting_decision',
  'extension_days_invalid',
  'extension_over_limit',
  'extension_without_reason',
  'extension_after_deadline',
  'event_after_today',
] as const satisfies readonly TimelineErrorCode[];
// Fails to compile when case-timeline.ts gains a code this list lacks.
const everyTimelineErrorCode: Record<TimelineErrorCode, true> = Object.fromEntries(TIMELINE_ERROR_CODES.map((code) => [code, true])) as Record<
  (typeof TIMELINE_ERROR_CODES)[number],
  true
>;
void everyTimelineErrorCode;

const text = (max: number) => z.string().trim().min(1).max(max);

export const visitFieldsSchema = z
  .object({
    /** The queue ticket the visitor was called with; its kiosk registration gives the visitor unless `person` is typed. */
    ticketId: ulidSchema.optional(),
    /** The main visitor as the clerk typed them (created or updated by the ID's keyed hash). */
    person: kioskPersonSchema.optional(),
    /** The visitor's language, kept on their record when `person` is typed. */
    language: languageSchema.default('zh-CN'),
    /** 姓名住址不清: the only case registered without a visitor. */
    identityUnclear: z.boolean().default(false),
    serviceId: ulidSchema,
    /** 信访人数 (1 = alone). */
    peopleCount: z.number().int().min(1).max(999),
    /** Art. 20: more than five elect representatives, 1–5. null when five or fewer came. */
    representatives: z.number().int().min(1).max(99).nullable(),
    /** 问题属地: free text until the configurable street / community list (a later slice). */
    problemLocation: text(200),
    purpose: z.enum(VISIT_PURPOSES),
    matterClass: z.enum(MATTER_CLASSES),
    /** 内容分类: a code of the current dictionary (not retired). */
    categoryCode: z.string().regex(/^\d{2,8}$/, 'category code'),
    /** 概况. */
    summary: text(2000),
    /** 诉求. */
    request: text(2000),
    /** 事实和理由; may be empty for a suggestion. */
    factsAndReasons: z.string().trim().max(4000).default(''),
    /** 是否初次信访. */
    firstTime: z.boolean(),
    /** 联名信或集体访. */
    jointOrGroup: z.boolean(),
    /** Who registered it: the petition department (art. 22) or another organ (art. 23). */
    receiver: z.enum(RECEIVERS).default('petition_department'),
  })
  .strict();

export const articleSchema = z.object({ article: z.number().int(), paragraph: z.number().int().optional(), item: z.number().int().optional() });

export const DEADLINE_KINDS = [
  'referral',
  'acceptance_notice',
  'jurisdiction_objection',
  'handling',
  'review_request',
  'review_opinion',
  'final_review_request',
  'final_review_opinion',
] as const satisfies readonly DeadlineKind[];

const deadlineStatusSchema = z.discriminatedUnion('state', [
  z.object({ state: z.literal('met'), on: isoDateSchema }),
  z.object({ state: z.literal('met_late'), on: isoDateSchema, daysLate: z.number().int() }),
  z.object({ state: z.literal('open'), daysLeft: z.number().int() }),
  z.object({ state: z.literal('due_soon'), daysLeft: z.number().int() }),
  z.object({ state: z.literal('due_today') }),
  z.object({ state: z.literal('overdue'), daysLate: z.number().int() }),
  z.object({ state: z.literal('lapsed'), daysPast: z.number().int() }),
  z.object({ state: z.literal('waived') }),
]);

/** A deadline on the wire: case-deadlines.ts's CaseDeadline as it is. */
export const caseDeadlineSchema = z.object({
  kind: z.enum(DEADLINE_KINDS),
  nature: z.enum(['duty', 'window']),
  article: articleSchema,
  startDate: isoDateSchema,
  period: z.object({ length: z.number().int(), unit: z.enum(['calendar_days', 'working_days']) }),
  dueDate: isoDateSchema,
  unmovedDueDate: isoDateSchema.optional(),
  extensionDays: z.number().int().optional(),
  hearingDays: z.number().int().optional(),
  metBy: z.object({ type: z.string(), date: isoDateSchema }).optional(),
  status: deadlineStatusSchema,
  calendarCovered: z.boolean(),
});
// Keeps the schema and the domain type in step.
export type WireCaseDeadline = z.infer<typeof caseDeadlineSchema>;
const deadlineMatchesDomain = (deadline: CaseDeadline): WireCaseDeadline => deadline;
void deadlineMatchesDomain;

export const finalitySchema = z.object({ reason: z.literal('final_review_answered'), since: isoDateSchema, article: articleSchema });
const finalityMatchesDomain = (finality: Finality): z.infer<typeof finalitySchema> => finality;
void finalityMatchesDomain;

/** One step of the timeline as recorded: the event, who recorded it and when. */
export const visitEventSchema = z.object({
  event: caseEventSchema,
  actorId: ulidSchema,
  note: z.string().nullable(),
  recordedAt: z.number().int(),
});

/** A case as the clerk sees it: ID and phone masked. */
export const visitSchema = visitFieldsSchema
  .omit({ person: true, language: true, ticketId: true })
  .extend({
    id: ulidSchema,
    caseNumber: z.string(),
    officialNumber: z.string().nullable(),
    ticketId: ulidSchema.nullable(),
    visitor: z.object({ id: ulidSchema, name: z.string(), idMasked: z.string(), phoneMasked: z.string().nullable() }).nullable(),
    registeredBy: staffMemberSchema.pick({ id: true, staffNo: true, name: true }),
    registeredAt: z.number().int(),
    receivedOn: isoDateSchema,
    form: z.enum(VISIT_FORMS),
    timeline: z.array(visitEventSchema),
    /** Computed for `today` (the hall's service day) from the timeline. */
    deadlines: z.array(caseDeadlineSchema),
    /** Art. 36 para. 3: after the 复核 opinion the same matter is not accepted again. */
    finality: finalitySchema.nullable(),
  });
export type Visit = z.infer<typeof visitSchema>;

export const DUE_STATES = ['due_soon', 'due_today', 'overdue'] as const;

export const dueItemSchema = z.object({
  visitId: ulidSchema,
  caseNumber: z.string(),
  registeredBy: ulidSchema,
  kind: z.enum(DEADLINE_KINDS),
  nature: z.enum(['duty', 'window']),
  article: articleSchema,
  dueDate: isoDateSchema,
  state: z.enum(DUE_STATES),
  /** Days to the due date: negative when overdue. */
  daysLeft: z.number().int(),
});

const rateSchema = z.object({
  numerator: z.number().int().nonnegative(),
  denominator: z.number().int().nonnegative(),
  /** null when no case counts. */
  rate: z.number().min(0).max(1).nullable(),
  pending: z.number().int().nonnegative(),
  /** Cases whose stored timeline no longer gives deadlines: to be corrected, counted nowhere. */
  invalid: z.number().int().nonnegative(),
});

/**
 * Where a case stands, as the kiosk tells the visitor (kiosk.caseStatus): derived from
 * the timeline's latest step. Stable codes; the kiosk words them.
 */
export const CASE_STAGES = [
  'received',
  'transferred',
  'accepted',
  'not_accepted',
  'extended',
  'replied',
  'review_requested',
  'review_answered',
  'final_review_requested',
  'final_review_answered',
  'closed',
] as const;
export type CaseStage = (typeof CASE_STAGES)[number];

/** Case number as printed on the visitor's receipt (or the official number), and the last four digits of their phone. */
export const caseStatusInputSchema = z
  .object({
    caseNumber: z.string().trim().min(1).max(40),
    phoneLast4: z.string().regex(/^\d{4}$/),
  })
  .strict();

/** Only the stage and the next deadline: no name, no content, no clerk. */
export const caseStatusOutputSchema = z
  .object({
    caseNumber: z.string(),
    stage: z.enum(CASE_STAGES),
    /** The soonest deadline still running (or overdue); null when none is. */
    nextDeadline: z.object({ kind: z.enum(DEADLINE_KINDS), dueDate: isoDateSchema, article: articleSchema }).strict().nullable(),
    closed: z.boolean(),
  })
  .strict();
export type CaseStatus = z.infer<typeof caseStatusOutputSchema>;

export const visitMethods = {
  'visits.create': defineMethod({
    summary:
      "Register a walk-in case (来访登记): the main visitor from the ticket's kiosk registration or as typed (person), the matter, its classification. The visit, its `received` event and the visitor are written in one transaction; the answer is the case with its number, timeline and deadlines.",
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: visitFieldsSchema,
    output: z.object({ visit: visitSchema }),
  }),
  'visits.get': defineMethod({
    summary: 'A case with its timeline and the deadlines computed for today. ID and phone masked.',
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: z.object({ id: ulidSchema }).strict(),
    output: z.object({ visit: visitSchema }),
  }),
  'visits.addEvent': defineMethod({
    summary:
      'Record the next step of a case (accepted, transferred, replied, 复查, 复核 …). The timeline with it must be a possible history (case-timeline.ts): TIMELINE_INVALID otherwise, nothing written.',
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: z.object({ visitId: ulidSchema, event: caseEventSchema, note: z.string().trim().max(500).optional() }).strict(),
    output: z.object({ visit: visitSchema }),
  }),
  'visits.dueList': defineMethod({
    summary: "Deadlines that need attention (due soon, due today, overdue) on `today` (default: the hall's service day), of the caller's own cases or the whole hall's.",
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: z.object({ scope: z.enum(['mine', 'hall']), today: isoDateSchema.optional() }).strict(),
    output: z.object({ today: isoDateSchema, items: z.array(dueItemSchema) }),
  }),
  'visits.kpis': defineMethod({
    summary: '及时受理率 and 按期办结率 over a range of days (docs/deadlines.md, "KPIs"), with their counts.',
    roles: ['clerk', 'admin'],
    signIn: true,
    input: z
      .object({ from: isoDateSchema, to: isoDateSchema })
      .strict()
      .refine((range) => range.from <= range.to, { message: 'from must not be after to', path: ['to'] }),
    output: z.object({ timelyAcceptance: rateSchema, onTimeClosure: rateSchema }),
  }),
};
