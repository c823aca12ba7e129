import Database from 'better-sqlite3';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkCharacter } from '../../../shared/domain/resident-id';
import { DATABASE_FILE } from '../core';
import type { DataKeyStore } from '../ports';
import { PersonalDataCrypto } from '../privacy/personal-data-crypto';
import { RetentionStore } from '../retention/retention-store';
import { createTestHall, ManualClock } from './test-core';

/**
 * A data folder holding personal data of every kind the data key protects (tests of the
 * key's keeping and rotation): kiosk registrations with and without a phone, a desk case
 * with three attachments, the anonymised visitor of retention, failure counters (a wrong
 * password, a wrong case look-up), and audit rows of unmasking and of reading an attachment.
 */

export interface SeededPerson {
  idNumber: string;
  phone: string | null;
  name: string;
}

export interface SeededFolder {
  people: SeededPerson[];
  /** The desk case (its main visitor is people[0]). */
  visitId: string;
  attachments: Array<{ id: string; content: Buffer }>;
}

const withCheck = (first17: string) => first17 + checkCharacter(first17);

export const SEEDED_PEOPLE: SeededPerson[] = [
  { idNumber: withCheck('44030419750606003'), phone: '13812345678', name: '李建国' },
  { idNumber: withCheck('11010519491231002'), phone: '13987654321', name: '王小明' },
  { idNumber: withCheck('44030419800101017'), phone: null, name: '陈' },
];

/** Three files: a PNG drawn by Chromium, a one-page PDF, and a 60 KB scan (stored across many database pages). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAYAAABytg0kAAAAGElEQVR4AWKSSznx/4Sc3H+mVbvCGEAAAAAA//+F/Z03AAAABklEQVQDAEVqBgueYPOZAAAAAElFTkSuQmCC', 'base64');
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n' +
    '3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\ntrailer <</Root 1 0 R>>\n%%EOF\n',
  'latin1',
);
const SCAN = Buffer.concat([Buffer.from('%PDF-1.4\n% scanned letter\n', 'latin1'), Buffer.alloc(60_000, '扫描件'), Buffer.from('\n%%EOF\n', 'latin1')]);

/** Seeds the folder through the contract, as a hall would fill it (the core's default key store: keys/data.key). */
export function seedPersonalData(dataDir: string, options: { dataKeys?: DataKeyStore } = {}): SeededFolder {
  const hall = createTestHall({ dataDir, clock: new ManualClock(), ...(options.dataKeys ? { dataKeys: options.dataKeys } : {}) });
  try {
    for (const person of SEEDED_PEOPLE.slice(1)) {
      hall.value('kiosk', 'kiosk.takeNumber', {
        serviceId: hall.serviceId('A'), language: 'zh-CN', partySize: 1, representatives: null, declaredPriority: null, person,
      });
    }
    const visit = hall.value('clerk', 'visits.create', {
      person: SEEDED_PEOPLE[0],
      serviceId: hall.serviceId('A'),
      peopleCount: 1,
      address: '光明街道东周社区东周路1号',
      problemLocationCode: 'guangming-dongzhou',
      purpose: 'seek_resolution',
      matterClass: 'appeal_request',
      categoryCode: '020101',
      summary: '小区物业费上涨未经业主大会表决',
      request: '要求物业公司按原标准收费',
      firstTime: true,
      jointOrGroup: false,
    }).visit as { id: string; visitor: { id: string } };
    const attachments = [
      { fileName: '现场照片.png', mediaType: 'image/png', content: PNG },
      { fileName: '业主来信.pdf', mediaType: 'application/pdf', content: PDF },
      { fileName: '来信扫描件.pdf', mediaType: 'application/pdf', content: SCAN },
    ].map(({ fileName, mediaType, content }) => ({
      id: hall.value('clerk', 'visits.addAttachment', { visitId: visit.id, fileName, mediaType, contentBase64: content.toString('base64') }).attachment.id as string,
      content,
    }));
    // Lockout counters: a visitor's ID number typed into the staff-number field, a wrong case look-up.
    hall.dispatch({ role: 'clerk', language: 'zh-CN', sessionId: 'seed-desk' }, 'auth.signIn', { staffNo: '1001', password: 'not-the-password' });
    hall.call('kiosk', 'kiosk.caseStatus', { caseNumber: 'DEMO-20261124-999', phoneLast4: '0000' });
    // Audit rows: an unmasking and an attachment read.
    hall.value('clerk', 'visitors.unmask', { visitorId: visit.visitor.id, reason: '核对身份' });
    hall.value('clerk', 'visits.attachment', { attachmentId: attachments[0]!.id });
    // The anonymised visitor of retention: an empty ID number, a blind index of zeros.
    const key = (options.dataKeys ?? hallKeyStore(dataDir)).dataKey({ mayCreate: true }); // opened by the core already
    new RetentionStore(hall.core.db).ensureAnonymisedVisitor(new PersonalDataCrypto(key).encrypt('idNumber', ''), hall.clock.now());
    return { people: SEEDED_PEOPLE, visitId: visit.id, attachments };
  } finally {
    hall.core.close();
  }
}

function hallKeyStore(dataDir: string): DataKeyStore {
  return { dataKey: () => readFileSync(join(dataDir, 'keys', 'data.key')) };
}

/** Every ciphertext the database holds: ID and phone numbers, attachments (those not emptied). */
export function ciphertextsOf(dataDir: string): Array<{ field: 'idNumber' | 'phone' | 'attachment'; envelope: Buffer }> {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    const visitors = db.prepare<[], { id_number_enc: Buffer; phone_enc: Buffer | null }>('SELECT id_number_enc, phone_enc FROM visitors').all();
    const attachments = db.prepare<[], Buffer>("SELECT content_enc FROM visit_attachments WHERE length(content_enc) > 0").pluck().all();
    return [
      ...visitors.map((row) => ({ field: 'idNumber' as const, envelope: row.id_number_enc })),
      ...visitors.flatMap((row) => (row.phone_enc ? [{ field: 'phone' as const, envelope: row.phone_enc }] : [])),
      ...attachments.map((envelope) => ({ field: 'attachment' as const, envelope })),
    ];
  } finally {
    db.close();
  }
}

/** The bytes of the database and its side files, as they lie on disk. */
export function rawDatabaseBytes(dataDir: string): Buffer[] {
  return ['', '-wal', '-journal']
    .map((suffix) => join(dataDir, DATABASE_FILE + suffix))
    .filter((path) => existsSync(path))
    .map((path) => readFileSync(path));
}
