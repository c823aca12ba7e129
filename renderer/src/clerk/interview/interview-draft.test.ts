import { describe, expect, it } from 'vitest';
import { HallClientError, visitFieldsSchema, type Ticket, type TicketRegistration } from '../../../../shared/contract';
import { checkCharacter } from '../../../../shared/domain/resident-id';
import {
  activeLocations,
  canAddCompanion,
  draftProblems,
  fieldOfError,
  historyTarget,
  idNumberMessage,
  initialDraft,
  phoneMessage,
  suggestedMatterClass,
  toCreateInput,
  type InterviewDraft,
} from './interview-draft';

const TODAY = '2026-11-24';
const TICKET_ID = '01JD000000000000000000000A';
const SERVICE_ID = '01JD000000000000000000000B';
const VISITOR_ID = '01JD000000000000000000000C';

function residentId(birthDate: string, sequence = '123'): string {
  const first17 = `110101${birthDate}${sequence}`;
  return first17 + checkCharacter(first17);
}
const VALID_ID = residentId('19800101');

const ticket = { id: TICKET_ID, number: 'A003', serviceId: SERVICE_ID, serviceDay: TODAY } as Ticket;
const registered: TicketRegistration = {
  ticketId: TICKET_ID,
  partySize: 3,
  representatives: null,
  language: 'zh-HK',
  declaredPriority: null,
  visitor: { id: VISITOR_ID, name: '陈大文', idMasked: '1101**********123X', phoneMasked: '138****0000', birthDate: '1980-01-01', sex: 'male', earlierVisits: 1 },
};

/** A draft with every required field filled in, the visitor as the kiosk registered them. */
function complete(overrides: Partial<InterviewDraft> = {}): InterviewDraft {
  return {
    ...initialDraft(ticket, registered),
    address: '福田区某街道1号',
    street: 'S01',
    community: 'S01C02',
    purpose: 'seek_resolution',
    matterClass: 'appeal_request',
    categoryCode: '02010101',
    summary: '物业费上涨',
    request: '要求核查收费',
    firstTime: 'yes',
    jointOrGroup: 'no',
    ...overrides,
  };
}

describe('the interview draft', () => {
  it('starts from the kiosk registration: its party, its language, the ticket service, nothing personal typed', () => {
    const draft = initialDraft(ticket, registered);
    expect(draft).toMatchObject({ useRegistered: true, peopleCount: '3', language: 'zh-HK', serviceId: SERVICE_ID, firstTime: null, jointOrGroup: null, receiver: 'petition_department' });
    expect(draft.person).toEqual({ name: '', idNumber: '', phone: '' });
    // No registration, or "register at the window": the clerk types the visitor.
    expect(initialDraft(ticket, null)).toMatchObject({ useRegistered: false, peopleCount: '1', language: 'zh-CN' });
    expect(initialDraft(ticket, { ...registered, visitor: null }).useRegistered).toBe(false);
  });

  it('lists what is missing in the order of the form, and nothing once complete', () => {
    const empty = initialDraft(ticket, registered);
    expect(draftProblems(empty, TODAY).map((p) => `${p.kind}:${p.field}`)).toEqual([
      'missing:address',
      'missing:problemLocationCode',
      'missing:purpose',
      'missing:matterClass',
      'missing:categoryCode',
      'missing:summary',
      'missing:request',
      'missing:firstTime',
      'missing:jointOrGroup',
    ]);
    expect(draftProblems(complete(), TODAY)).toEqual([]);
    // A typed visitor needs a name and an ID number; the phone may stay empty.
    const typed = complete({ useRegistered: false });
    expect(draftProblems(typed, TODAY).map((p) => p.field)).toEqual(['person.name', 'person.idNumber']);
    // Name and address unclear: no visitor and no address asked for.
    expect(draftProblems(complete({ useRegistered: false, identityUnclear: true, address: '' }), TODAY)).toEqual([]);
    // 领导包案 needs the leader.
    expect(draftProblems(complete({ tags: { ...complete().tags, leader_owned: true } }), TODAY).map((p) => p.field)).toEqual(['tags']);
  });

  it('says what is wrong with an ID number once it is complete or finished, in the words of the kiosk', () => {
    expect(idNumberMessage('11010119800101', TODAY, false)).toBeNull(); // still typing
    expect(idNumberMessage('11010119800101', TODAY, true)).toEqual({ key: 'errors.INVALID_ID_length', params: { length: 14 } });
    const wrongCheck = VALID_ID.slice(0, 17) + (VALID_ID[17] === '0' ? '1' : '0');
    expect(idNumberMessage(wrongCheck, TODAY, false)?.key).toBe('errors.INVALID_ID_checkCharacter');
    expect(idNumberMessage('11010120300101123X', TODAY, false)?.key).toBe('errors.INVALID_ID_birthDate');
    expect(idNumberMessage('1101011980010112AB', TODAY, false)?.key).toBe('errors.INVALID_ID_characters');
    expect(idNumberMessage(VALID_ID, TODAY, true)).toBeNull();
    const typed = complete({ useRegistered: false, person: { name: '李四', idNumber: wrongCheck, phone: '12345' } });
    expect(draftProblems(typed, TODAY).map((p) => [p.field, p.kind, p.message?.key])).toEqual([
      ['person.idNumber', 'invalid', 'errors.INVALID_ID_checkCharacter'],
      ['person.phone', 'invalid', 'errors.INVALID_PHONE'],
    ]);
    expect(phoneMessage('1380013', false)).toBeNull();
    expect(phoneMessage('1380013', true)).toEqual({ key: 'errors.INVALID_PHONE' });
    expect(phoneMessage('138 0013 8000', true)).toBeNull();
  });

  it('lists at most five people in all (art. 20) and never more than came', () => {
    const companion = (key: number) => ({ key, name: `同行${key}`, idNumber: residentId('19900101', String(100 + key)), phone: '', address: '' });
    const four = complete({ peopleCount: '8', companions: [1, 2, 3, 4].map(companion) });
    expect(canAddCompanion(four)).toBe(false);
    expect(draftProblems(four, TODAY)).toEqual([]);
    expect(canAddCompanion(complete({ peopleCount: '8', companions: [1, 2, 3].map(companion) }))).toBe(true);
    const six = complete({ peopleCount: '8', companions: [1, 2, 3, 4, 5].map(companion) });
    expect(draftProblems(six, TODAY).map((p) => p.field)).toEqual(['companions']);
    // 姓名住址不清 names nobody, and nobody beside them.
    expect(draftProblems(complete({ identityUnclear: true, companions: [companion(1)] }), TODAY).map((p) => p.message?.key)).toEqual(['clerk.interview.companions.notWithUnclear']);
    const fewer = complete({ peopleCount: '2', companions: [1, 2].map(companion) });
    expect(draftProblems(fewer, TODAY)).toEqual([
      { field: 'peopleCount', kind: 'invalid', message: { key: 'clerk.interview.problems.fewerThanListed', params: { count: 2, listed: 3 } } },
    ]);
  });

  it('becomes a visits.create input the contract accepts: the kiosk visitor by ticket, a typed one as person', () => {
    const fromKiosk = toCreateInput(complete({ tags: { backlog: true, six_without: false, three_cross: false, leader_owned: true }, leader: ' 张明 副区长 ' }), TICKET_ID);
    expect(visitFieldsSchema.safeParse(fromKiosk).success).toBe(true);
    expect(fromKiosk).toMatchObject({ ticketId: TICKET_ID, problemLocationCode: 'S01C02', peopleCount: 3, firstTime: true, jointOrGroup: false });
    expect(fromKiosk).not.toHaveProperty('person');
    expect(fromKiosk.tags).toEqual([{ kind: 'backlog' }, { kind: 'leader_owned', leader: '张明 副区长' }]);

    const typed = toCreateInput(
      complete({ useRegistered: false, person: { name: ' 李四 ', idNumber: `${VALID_ID.slice(0, 17)} ${VALID_ID[17]!.toLowerCase()}`, phone: '138-0013-8000' }, community: '' }),
      TICKET_ID,
    );
    expect(visitFieldsSchema.safeParse(typed).success).toBe(true);
    expect(typed.person).toEqual({ name: '李四', idNumber: VALID_ID, phone: '13800138000' });
    expect(typed.problemLocationCode).toBe('S01');

    const unclear = toCreateInput(complete({ useRegistered: false, identityUnclear: true, address: 'ignored' }), TICKET_ID);
    expect(unclear).toMatchObject({ identityUnclear: true, address: '' });
    expect(unclear).not.toHaveProperty('person');
  });

  it('suggests the matter class a purpose usually means', () => {
    expect(suggestedMatterClass('opinion_suggestion')).toBe('suggestion_opinion');
    expect(suggestedMatterClass('report_accusation')).toBe('report_accusation');
    expect(suggestedMatterClass('seek_resolution')).toBe('appeal_request');
    expect(suggestedMatterClass('other')).toBeNull();
  });

  it('points a refusal of the hall at the field it concerns', () => {
    const draft = complete({ useRegistered: false, person: { name: '李四', idNumber: VALID_ID, phone: '' } });
    const refusal = (code: ConstructorParameters<typeof HallClientError>[0], details?: unknown) => new HallClientError(code, 'refused', details);
    expect(fieldOfError(refusal('VALIDATION_FAILED', { params: { fields: 'problemLocationCode' } }), draft, TODAY)).toBe('problemLocationCode');
    expect(fieldOfError(refusal('VALIDATION_FAILED', { params: { fields: 'summary, request' }, issues: [{ path: ['request'] }] }), draft, TODAY)).toBe('request');
    expect(fieldOfError(refusal('VALIDATION_FAILED', { params: { fields: 'person' } }), draft, TODAY)).toBe('person.name');
    expect(fieldOfError(refusal('VALIDATION_FAILED', { params: { fields: 'tags.1.leader' } }), draft, TODAY)).toBe('tags');
    expect(fieldOfError(refusal('TOO_MANY_REPRESENTATIVES', { params: { representatives: 6, max: 5 } }), draft, TODAY)).toBe('companions');
    expect(fieldOfError(refusal('TOO_MANY_REPRESENTATIVES', { params: { context: 'people_count', listed: 3, peopleCount: 2 } }), draft, TODAY)).toBe('peopleCount');
    expect(fieldOfError(refusal('INVALID_LOCATION', { params: { context: 'retired', code: 'S01' } }), draft, TODAY)).toBe('problemLocationCode');
    expect(fieldOfError(refusal('VALIDATION_FAILED', { params: { context: 'duplicate', fields: 'companions.0.person.idNumber' } }), { ...draft, companions: [{ key: 1, name: '', idNumber: '', phone: '', address: '' }] }, TODAY)).toBe(
      'companions.0.person.idNumber',
    );
    expect(fieldOfError(refusal('INVALID_CATEGORY', { params: { code: '99' } }), draft, TODAY)).toBe('categoryCode');
    expect(fieldOfError(refusal('NOT_FOUND', { params: { context: 'service' } }), draft, TODAY)).toBe('serviceId');
    expect(fieldOfError(refusal('INVALID_ID', { params: { context: 'checkCharacter' } }), draft, TODAY)).toBe('person.idNumber');
    // A companion's number the page also finds wrong; or the one the core names.
    const withCompanion = { ...draft, companions: [{ key: 1, name: '王五', idNumber: '110101199001011', phone: '', address: '' }] };
    expect(fieldOfError(refusal('INVALID_ID', { params: { context: 'length' } }), withCompanion, TODAY)).toBe('companions.0.person.idNumber');
    expect(fieldOfError(refusal('INVALID_PHONE', { field: 'companions.0.person' }), withCompanion, TODAY)).toBe('companions.0.person.phone');
    expect(fieldOfError(refusal('INVALID_ID', { field: 'companions.0.person' }), withCompanion, TODAY)).toBe('companions.0.person.idNumber');
    // About the whole record, or not from the hall at all: no field.
    expect(fieldOfError(refusal('NOT_SIGNED_IN'), draft, TODAY)).toBeNull();
    expect(fieldOfError(new Error('offline'), draft, TODAY)).toBeNull();
  });

  it('asks the history of the kiosk visitor, or of a typed ID once it is valid', () => {
    expect(historyTarget(complete(), registered, TODAY)).toEqual({ visitorId: VISITOR_ID });
    const typing = complete({ useRegistered: false, person: { name: '', idNumber: VALID_ID.slice(0, 10), phone: '' } });
    expect(historyTarget(typing, registered, TODAY)).toBeNull();
    expect(historyTarget({ ...typing, person: { ...typing.person, idNumber: VALID_ID.toLowerCase() } }, registered, TODAY)).toEqual({ idNumber: VALID_ID });
    expect(historyTarget(complete({ identityUnclear: true }), registered, TODAY)).toBeNull();
  });

  it('offers only the streets and communities still in use', () => {
    const name = (zh: string) => ({ 'zh-CN': zh, 'zh-HK': zh, en: zh });
    const { streets, communitiesOf } = activeLocations([
      { code: 'S01', parentCode: null, level: 'street', name: name('园岭街道'), active: true },
      { code: 'S01C01', parentCode: 'S01', level: 'community', name: name('百花社区'), active: true },
      { code: 'S01C02', parentCode: 'S01', level: 'community', name: name('旧社区'), active: false },
      { code: 'S02', parentCode: null, level: 'street', name: name('旧街道'), active: false },
    ]);
    expect(streets.map((s) => s.code)).toEqual(['S01']);
    expect(communitiesOf('S01').map((c) => c.code)).toEqual(['S01C01']);
  });
});
