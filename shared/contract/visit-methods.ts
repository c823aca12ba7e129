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
import { locationCodeSchema } from './location-methods';
import { deskDecisionSchema } from '../domain/desk-decision';

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

/** A person listed on the record besides the main visitor (a co-visitor or a representative). */
export const companionSchema = z.object({ person: kioskPersonSchema, address: z.string().trim().max(200).default('') }).strict();

/** Case tags used in practice (domain README): 积案, 六无, 三跨三分离, 领导包案. */
export const CASE_TAG_KINDS = ['backlog', 'six_without', 'three_cross', 'leader_owned'] as const;
export const caseTagSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('backlog') }).strict(),
  z.object({ kind: z.literal('six_without') }).strict(),
  z.object({ kind: z.literal('three_cross') }).strict(),
  /** 领导包案: the leader who owns the case, by name and post (e.g. 张明 副区长). */
  z.object({ kind: z.literal('leader_owned'), leader: z.string().trim().min(1).max(60) }).strict(),
]);
export type CaseTag = z.infer<typeof caseTagSchema>;

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
    /** The main visitor's address (住址, art. 19); required unless identityUnclear. */
    address: z.string().trim().max(200).default(''),
    /**
     * The other people listed on the record besides the main visitor: everyone when five
     * or fewer came, the elected representatives otherwise. At most five listed in all
     * (art. 20): a sixth answers TOO_MANY_REPRESENTATIVES, nothing saved.
     */
    companions: z.array(companionSchema).max(99).default([]),
    /** 问题属地: a street or community of the hall's list (locations.list). */
    problemLocationCode: locationCodeSchema,
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
    /** 积案 / 六无 / 三跨三分离 / 领导包案 (with the owning leader); each kind once. */
    tags: z.array(caseTagSchema).max(CASE_TAG_KINDS.length).default([]),
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
  /** Who recorded the step. */
  actor: staffMemberSchema.pick({ id: true, staffNo: true, name: true }),
  note: z.string().nullable(),
  recordedAt: z.number().int(),
});

/** A person on a case as the clerk sees them: ID and phone masked. */
export const maskedPersonSchema = z.object({ id: ulidSchema, name: z.string(), idMasked: z.string(), phoneMasked: z.string().nullable() });

/** The desk's decision as recorded: the decision, its legal basis (the article the notice quotes), who took it and when. */
export const recordedDecisionSchema = z.object({
  decision: deskDecisionSchema,
  legalBasis: articleSchema,
  decidedBy: staffMemberSchema.pick({ id: true, staffNo: true, name: true }),
  decidedAt: z.number().int(),
});
export type RecordedDecision = z.infer<typeof recordedDecisionSchema>;

/** A scanned document or photo on a case: stored (encrypted) with the SHA-256 of its content. */
export const ATTACHMENT_MEDIA_TYPES = ['image/jpeg', 'image/png', 'application/pdf'] as const;
/** Decoded size of one attachment: under the transport's 4 MiB frame once base64-encoded. */
export const MAX_ATTACHMENT_BYTES = 2_500_000;
export const attachmentSchema = z.object({
  id: ulidSchema,
  fileName: z.string(),
  mediaType: z.enum(ATTACHMENT_MEDIA_TYPES),
  size: z.number().int().nonnegative(),
  /** Hex SHA-256 of the file as imported. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  addedBy: staffMemberSchema.pick({ id: true, staffNo: true, name: true }),
  addedAt: z.number().int(),
});
export type Attachment = z.infer<typeof attachmentSchema>;

/** The five-level national satisfaction scale: 5 非常满意 … 1 非常不满意. */
export const SATISFACTION_LEVELS = [5, 4, 3, 2, 1] as const;
/** Optional reasons a visitor may tick (stable codes, worded by i18n). */
export const RATING_REASONS = ['attitude', 'clarity', 'waiting', 'result', 'environment', 'process'] as const;
export const ratingSchema = z.object({
  level: z.number().int().min(1).max(5),
  reasons: z.array(z.enum(RATING_REASONS)),
  ratedAt: z.number().int(),
});

/** A case as the clerk sees it: ID and phone masked. */
export const visitSchema = visitFieldsSchema
  .omit({ person: true, language: true, ticketId: true, companions: true })
  .extend({
    /** Art. 20: when more than five came, the representatives listed (the main visitor and the companions); null otherwise. */
    representatives: z.number().int().min(1).max(5).nullable(),
    /** '' for a case registered before the street / community list (migration 0009), which has only the free text below. */
    problemLocationCode: locationCodeSchema.or(z.literal('')),
    /** The problem location's path as registered (街道 › 社区), kept if the list changes later. */
    problemLocation: z.string(),
    /** Everyone listed, the main visitor first (masked). */
    people: z.array(maskedPersonSchema.extend({ address: z.string() })),
    decision: recordedDecisionSchema.nullable(),
    attachments: z.array(attachmentSchema),
    rating: ratingSchema.nullable(),
    id: ulidSchema,
    caseNumber: z.string(),
    officialNumber: z.string().nullable(),
    ticketId: ulidSchema.nullable(),
    visitor: maskedPersonSchema.nullable(),
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

/** One case in a list (history, today's cases, search results): no ID, no phone, the stage and the next deadline. */
export const visitSummarySchema = z.object({
  id: ulidSchema,
  caseNumber: z.string(),
  officialNumber: z.string().nullable(),
  receivedOn: isoDateSchema,
  /** The main visitor's name; null when name and address were unclear. */
  visitorName: z.string().nullable(),
  serviceId: ulidSchema,
  categoryCode: z.string(),
  matterClass: z.enum(MATTER_CLASSES),
  /** 概况, cut to 80 characters. */
  summary: z.string(),
  stage: z.enum(CASE_STAGES),
  /** The soonest deadline still running or overdue (duties and windows); null when none. */
  nextDeadline: dueItemSchema.pick({ kind: true, nature: true, article: true, dueDate: true }).extend({ state: z.string() }).nullable(),
  tags: z.array(caseTagSchema),
  registeredBy: staffMemberSchema.pick({ id: true, staffNo: true, name: true }),
  /** Art. 36 para. 3 applies: the same matter is 不再受理. */
  final: z.boolean(),
});
export type VisitSummary = z.infer<typeof visitSummarySchema>;

/**
 * What the desk must notice about a returning visitor, each with the article behind it:
 * earlier visits; the same matter already accepted or in handling (art. 19 para. 3:
 * a higher level does not accept it again within the time limit); the same matter past
 * its 复核 (art. 36 para. 3: 不再受理). "Same matter": the same content category.
 */
export const historyWarningSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('repeat_visit'), earlierVisits: z.number().int().positive(), lastVisitOn: isoDateSchema }),
  z.object({ kind: z.literal('same_matter_in_handling'), visitId: ulidSchema, caseNumber: z.string(), categoryCode: z.string(), article: articleSchema }),
  z.object({ kind: z.literal('same_matter_final'), visitId: ulidSchema, caseNumber: z.string(), categoryCode: z.string(), article: articleSchema }),
]);
export type HistoryWarning = z.infer<typeof historyWarningSchema>;

/** How a search query is read: `auto` tries a case number, then an ID or phone number (exact), then a name and the content. */
export const SEARCH_KINDS = ['auto', 'case_number', 'id_number', 'phone', 'name', 'content'] as const;

export const visitMethods = {
  'visits.create': defineMethod({
    summary:
      "Register a walk-in case (来访登记): the main visitor from the ticket's kiosk registration or as typed (person), the matter, its classification. The visit, its `received` event and the visitor are written in one transaction; the answer is the case with its number, timeline and deadlines.",
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: visitFieldsSchema,
    output: z.object({ visit: visitSchema }),
    personalData: true,
  }),
  'visits.get': defineMethod({
    summary: 'A case with its timeline and the deadlines computed for today. ID and phone masked.',
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: z.object({ id: ulidSchema }).strict(),
    output: z.object({ visit: visitSchema }),
    personalData: true,
  }),
  'visits.addEvent': defineMethod({
    summary:
      'Record the next step of a case (accepted, transferred, replied, 复查, 复核 …). The timeline with it must be a possible history (case-timeline.ts): TIMELINE_INVALID otherwise, nothing written.',
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: z.object({ visitId: ulidSchema, event: caseEventSchema, note: z.string().trim().max(500).optional() }).strict(),
    output: z.object({ visit: visitSchema }),
    personalData: true,
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
  'visits.decide': defineMethod({
    summary:
      "Record the desk's decision on a case (desk-decision.ts): answered on the spot, accepted, transferred / assigned to a named department, not accepted with the reason and its article, mediation, or referred to another service of the hall (the page then transfers the ticket). Writes the decision and its timeline steps in one transaction; a case already decided answers CONFLICT; a timeline that would not be a possible history answers TIMELINE_INVALID.",
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: z.object({ visitId: ulidSchema, decision: deskDecisionSchema, note: z.string().trim().max(500).optional() }).strict(),
    output: z.object({ visit: visitSchema }),
    personalData: true,
  }),
  'visits.setTags': defineMethod({
    summary: 'Replace the tags of a case (积案, 六无, 三跨三分离, 领导包案 with the leader).',
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: z.object({ visitId: ulidSchema, tags: z.array(caseTagSchema).max(CASE_TAG_KINDS.length) }).strict(),
    output: z.object({ visit: visitSchema }),
    personalData: true,
  }),
  'visits.history': defineMethod({
    summary:
      "A visitor's earlier cases (newest first, at most 50) with their stage and next deadline, and the warnings the desk must see (repeat visit; the same matter in handling, art. 19 para. 3; the same matter past 复核, art. 36 para. 3). The visitor by id (the ticket's registration) or by ID number typed at the desk (exact, through the keyed hash). `categoryCode`: the matter being registered now, for the same-matter warnings; `excludeVisitId`: the case being registered.",
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: z
      .object({
        visitorId: ulidSchema.optional(),
        idNumber: z.string().max(32).optional(),
        categoryCode: z.string().regex(/^\d{2,8}$/).optional(),
        excludeVisitId: ulidSchema.optional(),
      })
      .strict()
      .refine((input) => (input.visitorId === undefined) !== (input.idNumber === undefined), { message: 'visitorId or idNumber', path: ['visitorId'] }),
    output: z.object({ visitor: maskedPersonSchema.nullable(), visits: z.array(visitSummarySchema), warnings: z.array(historyWarningSchema) }),
    personalData: true,
  }),
  'visits.mine': defineMethod({
    summary: "The cases the signed-in clerk registered on a day (default: the hall's service day), newest first.",
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: z.object({ day: isoDateSchema.optional() }).strict(),
    output: z.object({ day: isoDateSchema, visits: z.array(visitSummarySchema) }),
    personalData: true,
  }),
  'visits.search': defineMethod({
    summary:
      'Find cases by case number, by ID or phone number (exact, through the keyed hash: never a partial match), by name or by words of the content — right for queries of 1, 2 and 3+ characters. Newest first, at most `limit`; `more` tells whether there were more.',
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: z
      .object({
        query: z.string().trim().min(1).max(50),
        kind: z.enum(SEARCH_KINDS).default('auto'),
        limit: z.number().int().min(1).max(100).default(20),
      })
      .strict(),
    output: z.object({ kind: z.enum(SEARCH_KINDS), visits: z.array(visitSummarySchema), more: z.boolean() }),
    personalData: true,
  }),
  'visits.addAttachment': defineMethod({
    summary: `Attach a scanned document or photo (JPEG, PNG or PDF, at most ${MAX_ATTACHMENT_BYTES} bytes) to a case. Stored encrypted with the SHA-256 of its content; the same file twice on one case answers DUPLICATE.`,
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: z
      .object({
        visitId: ulidSchema,
        fileName: z.string().trim().min(1).max(200),
        mediaType: z.enum(ATTACHMENT_MEDIA_TYPES),
        /** The file, base64. */
        contentBase64: z.string().min(1).max(Math.ceil(MAX_ATTACHMENT_BYTES / 3) * 4 + 4),
      })
      .strict(),
    output: z.object({ attachment: attachmentSchema }),
    personalData: true,
  }),
  'visits.attachment': defineMethod({
    summary: "An attachment's content (base64), checked against its stored SHA-256. Every read is recorded in the audit log (who, which, when).",
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: z.object({ attachmentId: ulidSchema }).strict(),
    output: z.object({ attachment: attachmentSchema, contentBase64: z.string() }),
    personalData: true,
  }),
  'visitors.unmask': defineMethod({
    summary: "A visitor's full ID and phone number, for a clerk who gives the reason: recorded in the audit log (who, whom, why, when).",
    roles: CLERK_AT_A_DESK,
    signIn: true,
    input: z.object({ visitorId: ulidSchema, reason: z.string().trim().min(2).max(200) }).strict(),
    output: z.object({ idNumber: z.string(), phone: z.string().nullable() }),
    personalData: true,
  }),
};
