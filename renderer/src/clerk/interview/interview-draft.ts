import {
  CASE_TAG_KINDS,
  HallClientError,
  MATTER_CLASSES,
  VISIT_PURPOSES,
  type CaseTag,
  type HallLocation,
  type MethodInput,
  type Ticket,
  type TicketRegistration,
} from '../../../../shared/contract';
import type { RECEIVERS } from '../../../../shared/domain/case-timeline';
import { MAX_REPRESENTATIVES } from '../../../../shared/domain/kiosk-settings';
import type { Language } from '../../../../shared/domain/languages';
import { checkIdNumber, isMobileNumber, type IdProblem } from '../../../../shared/domain/resident-id';

/**
 * The interview form (来访登记) as the clerk fills it in: what it starts from, what is
 * still missing, the visits.create input it becomes, and which field a refusal of the
 * hall concerns. Pure, so the rules are tested without a browser.
 */

export type VisitPurpose = (typeof VISIT_PURPOSES)[number];
export type MatterClass = (typeof MATTER_CLASSES)[number];
export type Receiver = (typeof RECEIVERS)[number];
export type CaseTagKind = (typeof CASE_TAG_KINDS)[number];
export type YesNo = 'yes' | 'no' | null;

export interface PersonDraft {
  name: string;
  idNumber: string;
  phone: string;
}

export interface CompanionDraft extends PersonDraft {
  /** Stable across removals, for React's keys and the fields' ids. */
  key: number;
  address: string;
}

export interface InterviewDraft {
  /** The visitor registered at the kiosk is the main visitor: the record takes them from the ticket, nothing typed. */
  useRegistered: boolean;
  person: PersonDraft;
  language: Language;
  /** 姓名住址不清: registered without a visitor (the rare case). */
  identityUnclear: boolean;
  address: string;
  /** 信访人数, as typed. */
  peopleCount: string;
  companions: CompanionDraft[];
  street: string;
  /** '' = the street as a whole. */
  community: string;
  purpose: VisitPurpose | '';
  matterClass: MatterClass | '';
  /** The clerk chose the matter class: a later purpose no longer suggests one. */
  matterClassChosen: boolean;
  serviceId: string;
  categoryCode: string | null;
  summary: string;
  request: string;
  factsAndReasons: string;
  firstTime: YesNo;
  /** The clerk answered 初次信访: the history no longer pre-sets it. */
  firstTimeChosen: boolean;
  jointOrGroup: YesNo;
  receiver: Receiver;
  tags: Record<CaseTagKind, boolean>;
  leader: string;
}

/**
 * A field of the form, named by its path in visits.create's input (so a refusal's
 * details point straight at it): `person.idNumber`, `companions.2.person.phone`,
 * `problemLocationCode` …
 */
export type FieldPath = string;

export function initialDraft(ticket: Ticket, registration: TicketRegistration | null): InterviewDraft {
  return {
    useRegistered: registration?.visitor != null,
    person: { name: '', idNumber: '', phone: '' },
    language: registration?.language ?? 'zh-CN',
    identityUnclear: false,
    address: '',
    peopleCount: String(registration?.partySize ?? 1),
    companions: [],
    street: '',
    community: '',
    purpose: '',
    matterClass: '',
    matterClassChosen: false,
    serviceId: ticket.serviceId,
    categoryCode: null,
    summary: '',
    request: '',
    factsAndReasons: '',
    firstTime: null,
    firstTimeChosen: false,
    jointOrGroup: null,
    receiver: 'petition_department',
    tags: { backlog: false, six_without: false, three_cross: false, leader_owned: false },
    leader: '',
  };
}

/** The matter class a purpose usually means (a suggestion the clerk may change). */
export function suggestedMatterClass(purpose: VisitPurpose): MatterClass | null {
  switch (purpose) {
    case 'opinion_suggestion':
      return 'suggestion_opinion';
    case 'report_accusation':
      return 'report_accusation';
    case 'seek_resolution':
    case 'appeal':
      return 'appeal_request';
    case 'other':
      return null;
  }
}

/** The clerk types the main visitor (not the kiosk's registration, not unclear). */
export function typesPerson(draft: InterviewDraft): boolean {
  return !draft.identityUnclear && !draft.useRegistered;
}

/** Everyone listed on the record: the main visitor (unless unclear) and the companions (art. 20: five at most). */
export function listedCount(draft: InterviewDraft): number {
  return (draft.identityUnclear ? 0 : 1) + draft.companions.length;
}

/** Art. 20's five, and nobody beside a visitor whose name and address are unclear. */
export function canAddCompanion(draft: InterviewDraft): boolean {
  return !draft.identityUnclear && listedCount(draft) < MAX_REPRESENTATIVES;
}

export function peopleCountOf(draft: InterviewDraft): number | null {
  const value = draft.peopleCount.trim();
  if (!/^\d{1,3}$/.test(value)) return null;
  const count = Number(value);
  return count >= 1 ? count : null;
}

/** The problem location's code: the community when one is chosen, else the street. */
export function locationCode(draft: InterviewDraft): string {
  return draft.community || draft.street;
}

/** Streets and their communities still offered for new cases, in the list's order. */
export function activeLocations(locations: readonly HallLocation[]): { streets: HallLocation[]; communitiesOf: (street: string) => HallLocation[] } {
  const active = locations.filter((location) => location.active);
  return {
    streets: active.filter((location) => location.level === 'street'),
    communitiesOf: (street) => active.filter((location) => location.level === 'community' && location.parentCode === street),
  };
}

/** What is wrong with a typed ID or phone, as the i18n key (errors.*) and its parameters. */
export type FieldMessage = { key: string; params?: Record<string, string | number> };

/**
 * A typed ID number: nothing while it is still being typed (unless `finished`), else the
 * problem in the kiosk's words. '' is not a problem here (missing is said elsewhere).
 */
export function idNumberMessage(idNumber: string, today: string, finished: boolean): FieldMessage | null {
  const id = idNumber.replace(/\s+/g, '');
  if (id === '') return null;
  const check = checkIdNumber(id, today);
  if (check.ok) return null;
  if (!finished && id.length < 18 && (check.problem === 'length' || (id.length < 15 && /^\d*$/.test(id)))) return null;
  return idProblemMessage(check.problem, id.length);
}

export function idProblemMessage(problem: IdProblem, length: number): FieldMessage {
  return { key: `errors.INVALID_ID_${problem}`, params: { length } };
}

export function phoneMessage(phone: string, finished: boolean): FieldMessage | null {
  const digits = phone.replace(/[\s-]+/g, '');
  if (digits === '' || isMobileNumber(digits)) return null;
  return finished || digits.length >= 11 ? { key: 'errors.INVALID_PHONE' } : null;
}

/** The typed ID number in the form the hall looks visitors up by, once it is valid; else null. */
export function validIdNumber(idNumber: string, today: string): string | null {
  const check = checkIdNumber(idNumber, today);
  return check.ok ? check.canonical : null;
}

export interface DraftProblem {
  field: FieldPath;
  /** `missing`: required and empty; `invalid`: filled in but wrong (the message says how). */
  kind: 'missing' | 'invalid';
  message?: FieldMessage;
}

/**
 * Everything that keeps the record from being saved, in the order of the form: the save
 * button lists them and the first one gets the focus. The hall checks all of it again.
 */
export function draftProblems(draft: InterviewDraft, today: string): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const missing = (field: FieldPath, empty: boolean) => empty && problems.push({ field, kind: 'missing' });
  const person = (prefix: string, value: PersonDraft) => {
    missing(`${prefix}.name`, value.name.trim() === '');
    if (value.idNumber.trim() === '') missing(`${prefix}.idNumber`, true);
    else {
      const id = idNumberMessage(value.idNumber, today, true);
      if (id) problems.push({ field: `${prefix}.idNumber`, kind: 'invalid', message: id });
    }
    const phone = phoneMessage(value.phone, true);
    if (phone) problems.push({ field: `${prefix}.phone`, kind: 'invalid', message: phone });
  };

  if (typesPerson(draft)) person('person', draft.person);
  missing('address', !draft.identityUnclear && draft.address.trim() === '');
  const count = peopleCountOf(draft);
  if (count === null) missing('peopleCount', true);
  else if (count < listedCount(draft)) {
    problems.push({ field: 'peopleCount', kind: 'invalid', message: { key: 'clerk.interview.problems.fewerThanListed', params: { count, listed: listedCount(draft) } } });
  }
  draft.companions.forEach((companion, index) => person(`companions.${index}.person`, companion));
  // 姓名住址不清 names nobody, so nobody can be listed beside them.
  if (draft.identityUnclear && draft.companions.length > 0) {
    problems.push({ field: 'companions', kind: 'invalid', message: { key: 'clerk.interview.companions.notWithUnclear' } });
  }
  if (listedCount(draft) > MAX_REPRESENTATIVES) {
    problems.push({ field: 'companions', kind: 'invalid', message: { key: 'clerk.interview.companions.limit', params: { max: MAX_REPRESENTATIVES } } });
  }
  missing('problemLocationCode', locationCode(draft) === '');
  missing('purpose', draft.purpose === '');
  missing('matterClass', draft.matterClass === '');
  missing('serviceId', draft.serviceId === '');
  missing('categoryCode', draft.categoryCode === null);
  missing('summary', draft.summary.trim() === '');
  missing('request', draft.request.trim() === '');
  missing('firstTime', draft.firstTime === null);
  missing('jointOrGroup', draft.jointOrGroup === null);
  missing('tags', draft.tags.leader_owned && draft.leader.trim() === '');
  return problems;
}

const blankToNull = (phone: string) => (phone.trim() === '' ? null : phone.replace(/[\s-]+/g, ''));
const personInput = (person: PersonDraft) => ({ name: person.name.trim(), idNumber: person.idNumber.replace(/\s+/g, '').toUpperCase(), phone: blankToNull(person.phone) });

/** The visits.create input of a complete draft (draftProblems is empty). */
export function toCreateInput(draft: InterviewDraft, ticketId: string): MethodInput<'visits.create'> {
  const tags: CaseTag[] = CASE_TAG_KINDS.filter((kind) => draft.tags[kind]).map((kind) =>
    kind === 'leader_owned' ? { kind, leader: draft.leader.trim() } : { kind },
  );
  return {
    ticketId,
    ...(typesPerson(draft) ? { person: personInput(draft.person) } : {}),
    language: draft.language,
    identityUnclear: draft.identityUnclear,
    serviceId: draft.serviceId,
    peopleCount: peopleCountOf(draft) ?? 0,
    address: draft.identityUnclear ? '' : draft.address.trim(),
    companions: draft.companions.map((companion) => ({ person: personInput(companion), address: companion.address.trim() })),
    problemLocationCode: locationCode(draft),
    purpose: draft.purpose as VisitPurpose,
    matterClass: draft.matterClass as MatterClass,
    categoryCode: draft.categoryCode ?? '',
    summary: draft.summary.trim(),
    request: draft.request.trim(),
    factsAndReasons: draft.factsAndReasons.trim(),
    firstTime: draft.firstTime === 'yes',
    jointOrGroup: draft.jointOrGroup === 'yes',
    receiver: draft.receiver,
    tags,
  };
}

/** The fields of the form a path of the contract can land on, most specific first. */
const FIELD_ROOTS = [
  'person.name',
  'person.idNumber',
  'person.phone',
  'identityUnclear',
  'address',
  'peopleCount',
  'companions',
  'problemLocationCode',
  'purpose',
  'matterClass',
  'serviceId',
  'categoryCode',
  'summary',
  'request',
  'factsAndReasons',
  'firstTime',
  'jointOrGroup',
  'receiver',
  'tags',
] as const;

/** The form's field for a contract path (`companions.1.person.idNumber` stays as it is; `tags.0.leader` → `tags`). */
export function fieldOfPath(path: string, draft: InterviewDraft): FieldPath | null {
  const companion = /^companions\.(\d+)\.(person\.(?:name|idNumber|phone)|address)$/.exec(path);
  if (companion && Number(companion[1]) < draft.companions.length) return path;
  if (path === 'person' || path.startsWith('person.')) {
    if (!typesPerson(draft)) return 'identityUnclear';
    return (FIELD_ROOTS as readonly string[]).includes(path) ? path : 'person.name';
  }
  if (path === 'problemLocation') return 'problemLocationCode';
  return FIELD_ROOTS.find((root) => path === root || path.startsWith(`${root}.`)) ?? null;
}

interface ErrorDetails {
  params?: Record<string, unknown>;
  issues?: Array<{ path?: Array<string | number> }>;
  /** A contract path the core may name beside the code (e.g. which companion's ID). */
  field?: string;
}

/**
 * The field a refusal of visits.create concerns, when its details say which (or the code
 * can only mean one); null for a refusal about the whole record (shown above the save button).
 */
export function fieldOfError(error: unknown, draft: InterviewDraft, today: string): FieldPath | null {
  if (!(error instanceof HallClientError)) return null;
  const details = (error.details ?? {}) as ErrorDetails;
  const params = details.params ?? {};
  const named = details.field ?? (typeof params.field === 'string' ? params.field : undefined);
  // A person named for a wrong number: their ID or phone field.
  if (named && /(^|\.)person$/.test(named) && (error.code === 'INVALID_ID' || error.code === 'INVALID_PHONE')) {
    return fieldOfPath(`${named}.${error.code === 'INVALID_ID' ? 'idNumber' : 'phone'}`, draft);
  }
  if (named) return fieldOfPath(named, draft);
  switch (error.code) {
    case 'VALIDATION_FAILED': {
      const paths = [
        ...(details.issues ?? []).map((issue) => (issue.path ?? []).join('.')),
        ...(typeof params.fields === 'string' ? params.fields.split(', ') : []),
      ];
      for (const path of paths) {
        const field = fieldOfPath(path, draft);
        if (field) return field;
      }
      return null;
    }
    case 'INVALID_ID':
    case 'INVALID_PHONE': {
      // Which person: the first whose number the page itself finds wrong, else the main visitor.
      const suffix = error.code === 'INVALID_ID' ? 'idNumber' : 'phone';
      const people = [...(typesPerson(draft) ? [['person', draft.person] as const] : []), ...draft.companions.map((c, i) => [`companions.${i}.person`, c] as const)];
      const wrong = people.find(([, person]) =>
        suffix === 'idNumber' ? !checkIdNumber(person.idNumber, today).ok : phoneMessage(person.phone, true) !== null,
      );
      return wrong ? `${wrong[0]}.${suffix}` : (people[0] ? `${people[0][0]}.${suffix}` : null);
    }
    case 'TOO_MANY_REPRESENTATIVES':
      // More listed than came: the count is what to check; more than five: the list.
      return params.context === 'people_count' || params.context === 'partySize' ? 'peopleCount' : 'companions';
    case 'REPRESENTATIVES_REQUIRED':
      return 'companions';
    case 'INVALID_CATEGORY':
      return 'categoryCode';
    case 'INVALID_LOCATION':
      return 'problemLocationCode';
    case 'NOT_FOUND':
      return params.context === 'service' ? 'serviceId' : params.context === 'location' ? 'problemLocationCode' : null;
    default:
      return null;
  }
}

/** Which visitor's history the panel shows: the kiosk's registration, or the typed ID once valid. */
export function historyTarget(
  draft: InterviewDraft,
  registration: TicketRegistration | null,
  today: string,
): { visitorId: string } | { idNumber: string } | null {
  if (draft.identityUnclear) return null;
  if (draft.useRegistered && registration?.visitor) return { visitorId: registration.visitor.id };
  const idNumber = validIdNumber(draft.person.idNumber, today);
  return idNumber ? { idNumber } : null;
}
