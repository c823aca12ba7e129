import type { Visit } from '../contract/visit-methods';

/**
 * An undecided case for the receipts' tests (shared/receipts, the thermal
 * documents of electron/core/printing): fixed ids and dates; tests override what they check.
 */
export const fixtureUlid = (n: number) => `01JC0000000000000000000${String(n).padStart(3, '0')}`;
export const FIXTURE_CLERK = { id: fixtureUlid(900), staffNo: '1001', name: '王丽' };

/** A case as visits.get answers it: ID and phone masked. */
export function visitFixture(overrides: Partial<Visit> = {}): Visit {
  return {
    id: fixtureUlid(1),
    caseNumber: 'DEMO-20260302-001',
    officialNumber: null,
    ticketId: null,
    visitor: { id: fixtureUlid(2), name: '李建国', idMasked: '4403**********003X', phoneMasked: '138****5678' },
    people: [],
    identityUnclear: false,
    serviceId: fixtureUlid(3),
    peopleCount: 1,
    representatives: null,
    address: '光明街道东周社区东周路1号',
    problemLocationCode: 'guangming-dongzhou',
    problemLocation: '光明街道 › 东周社区',
    purpose: 'seek_resolution',
    matterClass: 'appeal_request',
    categoryCode: '020101',
    summary: '小区物业费上涨未经业主大会表决',
    request: '要求物业公司按原标准收费',
    factsAndReasons: '',
    firstTime: true,
    jointOrGroup: false,
    receiver: 'petition_department',
    tags: [],
    decision: null,
    attachments: [],
    rating: null,
    registeredBy: FIXTURE_CLERK,
    registeredAt: Date.parse('2026-03-02T01:05:00Z'),
    receivedOn: '2026-03-02',
    form: 'walk_in',
    timeline: [{ event: { type: 'received', date: '2026-03-02', by: 'petition_department' }, actorId: FIXTURE_CLERK.id, actor: FIXTURE_CLERK, note: null, recordedAt: 0 }],
    deadlines: [],
    finality: null,
    ...overrides,
  } as Visit;
}
