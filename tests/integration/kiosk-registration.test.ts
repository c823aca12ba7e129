import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCharacter } from '../../shared/domain/resident-id';
import { DATABASE_FILE } from '../../electron/core/core';
import { DATA_KEY_FILE } from '../../electron/core/privacy/data-key-store';
import { FakeTicketPrinter } from '../../electron/core/testing/fake-devices';
import { api, signInHeaders, startTestHost, type TestHost } from '../support/hall-host';
import { startHostProcess } from '../support/host-process';

const withCheck = (first17: string) => first17 + checkCharacter(first17);
const PEOPLE = [
  { idNumber: withCheck('44030419500101001'), name: '王小明', phone: '13812345678' },
  { idNumber: withCheck('11010519491231002'), name: '李华', phone: '15900001111' },
  { idNumber: withCheck('31011519880808123'), name: '陈静', phone: '18620262026' },
];

type Person = { idNumber: string; name: string; phone: string | null };

const registration = (serviceId: string, person: Person | null, extra: Record<string, unknown> = {}) => ({
  serviceId,
  language: 'zh-CN',
  person,
  partySize: 1,
  representatives: null,
  declaredPriority: null,
  ...extra,
});

async function serviceOf(url: string, letter: string): Promise<string> {
  const info = (await api(url, 'kiosk', 'hall.info', {})).body.value;
  return info.services.find((s: { letter: string }) => s.letter === letter).id;
}

describe('kiosk self-registration over HTTP', () => {
  let host: TestHost;
  let printer: FakeTicketPrinter;
  let serviceA: string;
  let clerk: Record<string, string>;

  beforeAll(async () => {
    printer = new FakeTicketPrinter();
    host = await startTestHost({ ticketPrinter: printer });
    serviceA = await serviceOf(host.url, 'A');
    clerk = await signInHeaders(host.url);
  });
  afterAll(async () => {
    await host?.stop();
  });

  it('the kiosk registers and takes a number; the clerk sees the visitor masked', async () => {
    const taken = await api(host.url, 'kiosk', 'kiosk.takeNumber', registration(serviceA, PEOPLE[0]!, { partySize: 7, representatives: 2 }));
    expect(taken.status).toBe(200);
    expect(taken.body.value).toMatchObject({ registered: true, printing: 'queued', ticket: { registered: true, priority: 'elderly' } });
    expect(taken.body.value.statusUrl).toBe(`/q/${taken.body.value.ticket.id}`);
    expect((await api(host.url, 'kiosk', 'hall.info', {})).body.value.devices).toEqual({ idCardReader: false, ticketPrinter: true });

    const seen = await api(host.url, 'clerk', 'visitors.ofTicket', { ticketId: taken.body.value.ticket.id }, clerk);
    expect(seen.status).toBe(200);
    expect(seen.body.value.registration).toMatchObject({
      partySize: 7,
      representatives: 2,
      visitor: { name: '王小明', idMasked: `4403**********${PEOPLE[0]!.idNumber.slice(-4)}`, phoneMasked: '138****5678', birthDate: '1950-01-01', sex: 'male' },
    });
    expect(JSON.stringify(seen.body)).not.toContain(PEOPLE[0]!.idNumber);
    expect(JSON.stringify(seen.body)).not.toContain(PEOPLE[0]!.phone);
  });

  it('neither the kiosk nor the display may read a registration', async () => {
    const taken = await api(host.url, 'kiosk', 'kiosk.takeNumber', registration(serviceA, PEOPLE[1]!));
    for (const role of ['kiosk', 'display']) {
      const reply = await api(host.url, role, 'visitors.ofTicket', { ticketId: taken.body.value.ticket.id });
      expect(reply.status).toBe(403);
      expect(reply.body.error.code).toBe('FORBIDDEN');
    }
  });

  it('answers what the visitor typed wrong with 400 and a message in their language', async () => {
    const wrongId = await api(host.url, 'kiosk', 'kiosk.takeNumber', registration(serviceA, { ...PEOPLE[2]!, idNumber: '1234' }), { 'Accept-Language': 'en' });
    expect(wrongId.status).toBe(400);
    expect(wrongId.body.error).toMatchObject({ code: 'INVALID_ID', details: { params: { context: 'length', length: 4 } } });
    expect(wrongId.body.error.message).toContain('4 were typed');
    const wrongPhone = await api(host.url, 'kiosk', 'kiosk.takeNumber', registration(serviceA, { ...PEOPLE[2]!, phone: '123' }));
    expect(wrongPhone).toMatchObject({ status: 400, body: { error: { code: 'INVALID_PHONE' } } });
    const group = await api(host.url, 'kiosk', 'kiosk.takeNumber', registration(serviceA, null, { partySize: 12 }));
    expect(group).toMatchObject({ status: 400, body: { error: { code: 'REPRESENTATIVES_REQUIRED' } } });
    const tooMany = await api(host.url, 'kiosk', 'kiosk.takeNumber', registration(serviceA, null, { partySize: 12, representatives: 6 }));
    expect(tooMany).toMatchObject({ status: 400, body: { error: { code: 'TOO_MANY_REPRESENTATIVES' } } });
    expect(tooMany.body.error.message).toContain('第二十条');
  });

  it('writes no ID or phone number in the clear: not in the database file, not in its WAL', async () => {
    for (const person of PEOPLE) {
      expect((await api(host.url, 'kiosk', 'kiosk.takeNumber', registration(serviceA, person))).status).toBe(200);
    }
    const files = [join(host.dataDir, DATABASE_FILE), join(host.dataDir, `${DATABASE_FILE}-wal`)];
    const bytes = files.map((file) => readFileSync(file));
    expect(bytes[1]!.length).toBeGreaterThan(0); // the registrations are in the WAL right now
    for (const person of PEOPLE) {
      for (const secret of [person.idNumber, person.idNumber.slice(0, 14), person.phone]) {
        bytes.forEach((content, i) => expect(content.includes(Buffer.from(secret, 'ascii')), `${secret} in ${files[i]}`).toBe(false));
      }
    }
    // The names are there (full-text search needs them): the scan can see plain text.
    expect(bytes.some((content) => content.includes(Buffer.from('王小明')))).toBe(true);
  });

  it('keeps the data key in a 0600 file', () => {
    const mode = statSync(join(host.dataDir, DATA_KEY_FILE)).mode & 0o777;
    if (process.platform !== 'win32') expect(mode).toBe(0o600);
    expect(statSync(join(host.dataDir, DATA_KEY_FILE)).size).toBe(32);
  });

  it('printed one ticket per number taken, and no personal data', () => {
    const taken = host.core.db.prepare('SELECT COUNT(*) FROM ticket_registrations').pluck().get();
    expect(printer.jobs).toHaveLength(taken as number);
    const printed = JSON.stringify(printer.jobs);
    for (const person of PEOPLE) for (const secret of [person.idNumber, person.phone, person.name]) expect(printed).not.toContain(secret);
  });
});

describe('the hub restarted with the same data folder', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'hall-kiosk-restart-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('knows the visitor again: the key file persists', { timeout: 60_000 }, async () => {
    let host = await startHostProcess(dataDir, ['--demo']);
    const serviceA = await serviceOf(host.url, 'A');
    const first = (await api(host.url, 'kiosk', 'kiosk.takeNumber', registration(serviceA, PEOPLE[0]!))).body.value;
    const key = readFileSync(join(dataDir, DATA_KEY_FILE));
    await host.stop();

    host = await startHostProcess(dataDir);
    try {
      expect(readFileSync(join(dataDir, DATA_KEY_FILE)).equals(key)).toBe(true);
      const clerk = await signInHeaders(host.url);
      const again = (await api(host.url, 'kiosk', 'kiosk.takeNumber', registration(serviceA, { ...PEOPLE[0]!, phone: null }))).body.value;
      const before = (await api(host.url, 'clerk', 'visitors.ofTicket', { ticketId: first.ticket.id }, clerk)).body.value.registration.visitor;
      const now = (await api(host.url, 'clerk', 'visitors.ofTicket', { ticketId: again.ticket.id }, clerk)).body.value.registration.visitor;
      expect(now).toMatchObject({ id: before.id, earlierVisits: 1, phoneMasked: null });
    } finally {
      await host.stop();
    }
  });

  it('refuses to start with a damaged key file, saying what to do', { timeout: 60_000 }, async () => {
    writeFileSync(join(dataDir, DATA_KEY_FILE), Buffer.alloc(16));
    await expect(startHostProcess(dataDir)).rejects.toThrow(/holds 16 bytes instead of 32.*Restore it from the backup/s);
  });
});
