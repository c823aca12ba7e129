import { describe, expect, it } from 'vitest';
import type { Language } from '../../../shared/domain/languages';
import { checkCharacter, type IdProblem } from '../../../shared/domain/resident-id';
import { translatorFor } from '../i18n/translate';
import type { Logger } from '../ports';
import { FakeIdCardReader, FakeTicketPrinter } from '../testing/fake-devices';
import { createTestHall, ManualClock } from '../testing/test-core';

/** A valid ID number from the first 17 characters. */
const withCheck = (first17: string) => first17 + checkCharacter(first17);
const ELDER = withCheck('44030419500101001'); // born 1950-01-01, male: 76 on the test day
const YOUNGER = withCheck('44030419900215002'); // born 1990-02-15, female
const PHONE = '13812345678';

function person(idNumber = YOUNGER, extra: Record<string, unknown> = {}) {
  return { idNumber, name: '王小明', phone: PHONE, ...extra };
}

function takeNumberParams(serviceId: string, extra: Record<string, unknown> = {}) {
  return { serviceId, language: 'zh-CN', person: person(), partySize: 1, representatives: null, declaredPriority: null, ...extra };
}

function hallWithDevices(options: { clock?: ManualClock; logger?: Logger } = {}) {
  const printer = new FakeTicketPrinter();
  const reader = new FakeIdCardReader();
  const hall = createTestHall({ ...options, ticketPrinter: printer, idCardReader: reader });
  return { ...hall, printer, reader };
}

type Hall = ReturnType<typeof createTestHall>;

const counts = (hall: Hall) =>
  Object.fromEntries(
    ['tickets', 'ticket_events', 'visitors', 'ticket_registrations'].map((table) => [
      table,
      hall.core.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number,
    ]),
  );

describe('kiosk.takeNumber: registering', () => {
  it('creates the visitor and a registered ticket, with ID and phone encrypted', () => {
    const hall = createTestHall();
    const taken = hall.value('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('A')));
    expect(taken).toMatchObject({
      ticket: { number: 'A001', registered: true, priority: null },
      peopleAhead: 0,
      registered: true,
      statusUrl: `/q/${taken.ticket.id}`,
      printing: 'no_printer',
    });
    expect(counts(hall)).toMatchObject({ tickets: 1, visitors: 1, ticket_registrations: 1 });
    const row = hall.core.db.prepare('SELECT * FROM visitors').get() as Record<string, unknown>;
    expect(row.name).toBe('王小明');
    expect(row.language).toBe('zh-CN');
    for (const column of ['id_number_enc', 'id_number_index', 'phone_enc', 'phone_index']) {
      expect(Buffer.isBuffer(row[column]), column).toBe(true);
      expect((row[column] as Buffer).includes(Buffer.from(YOUNGER)), column).toBe(false);
      expect((row[column] as Buffer).includes(Buffer.from(PHONE)), column).toBe(false);
    }
    // Every ticket output carries `registered`.
    expect(hall.value('clerk', 'queue.ticketStatus', { ticketId: taken.ticket.id }).ticket.registered).toBe(true);
    expect(hall.value('clerk', 'queue.waitingList', { windowId: hall.windowId(1), limit: 10 }).tickets[0].registered).toBe(true);
  });

  it('shows the clerk the registration, masked, with birth date and sex from the ID', () => {
    const hall = createTestHall();
    const taken = hall.value('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('B'), { language: 'en', partySize: 3, representatives: 2 }));
    expect(hall.value('clerk', 'visitors.ofTicket', { ticketId: taken.ticket.id })).toEqual({
      registration: {
        ticketId: taken.ticket.id,
        partySize: 3,
        representatives: 2,
        language: 'en',
        declaredPriority: null,
        visitor: {
          id: expect.any(String),
          name: '王小明',
          idMasked: `4403**********${YOUNGER.slice(-4)}`,
          phoneMasked: '138****5678',
          birthDate: '1990-02-15',
          sex: 'female',
          earlierVisits: 0,
        },
      },
    });
  });

  it('knows the same person again by the ID (as typed, spaces or a lower-case x), on the same day and another', () => {
    const clock = new ManualClock();
    const hall = createTestHall({ clock });
    const id = withCheck('11010519491231002'); // ends in X
    expect(id.endsWith('X')).toBe(true);
    const first = hall.value('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('A'), { person: person(id) }));
    clock.advance(3600_000);
    const sameDay = hall.value('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('C'), {
      person: person(` ${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14).toLowerCase()}`, { name: '王晓明', phone: '139 0000 1111' }),
      language: 'zh-HK',
    }));
    clock.advance(24 * 3600_000);
    const nextDay = hall.value('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('A'), { person: person(id, { phone: null }) }));
    expect(counts(hall).visitors).toBe(1);
    const ofTicket = (ticketId: string) => hall.value('clerk', 'visitors.ofTicket', { ticketId }).registration.visitor;
    expect(ofTicket(first.ticket.id)).toMatchObject({ earlierVisits: 0 });
    expect(ofTicket(sameDay.ticket.id)).toMatchObject({ earlierVisits: 1 });
    // The visitor now is as they last said: name, phone (none) and language updated.
    expect(ofTicket(nextDay.ticket.id)).toMatchObject({ earlierVisits: 2, name: '王小明', phoneMasked: null, idMasked: '1101**********002X' });
    expect(hall.core.db.prepare('SELECT language, phone_enc FROM visitors').get()).toEqual({ language: 'zh-CN', phone_enc: null });
    // Each registration keeps the language it was made in.
    expect(hall.value('clerk', 'visitors.ofTicket', { ticketId: sameDay.ticket.id }).registration.language).toBe('zh-HK');
  });

  it('knows a legacy 15-digit ID and the 18-character number that replaced it as one person', () => {
    const hall = createTestHall();
    const legacy = hall.value('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('A'), { person: person('110105491231002') }));
    const current = hall.value('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('A'), { person: person('11010519491231002X') }));
    expect(counts(hall).visitors).toBe(1);
    const visitor = hall.value('clerk', 'visitors.ofTicket', { ticketId: current.ticket.id }).registration.visitor;
    expect(visitor).toMatchObject({ earlierVisits: 1, idMasked: '1101**********002X', birthDate: '1949-12-31' });
    expect(hall.value('clerk', 'visitors.ofTicket', { ticketId: legacy.ticket.id }).registration.visitor.id).toBe(visitor.id);
  });

  it('gives elderly priority from the birth date in the ID (the configured age), never from what was declared', () => {
    const hall = createTestHall();
    const elder = hall.value('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('A'), { person: person(ELDER) }));
    expect(elder.ticket.priority).toBe('elderly');
    const younger = hall.value('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('A')));
    expect(younger.ticket.priority).toBeNull();
    expect(hall.call('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('A'), { declaredPriority: 'elderly' }))).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION_FAILED' },
    });
    // Raise the age above the elder's: no priority any more.
    const rules = hall.value('admin', 'hall.info', {}).queueRules;
    hall.value('admin', 'hall.saveQueueRules', { ...rules, elderlyAge: 80 });
    expect(hall.value('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('A'), { person: person(ELDER) })).ticket.priority).toBeNull();
    // The birth date is not stored on the ticket.
    const columns = hall.core.db.prepare('SELECT name FROM pragma_table_info(?)').pluck().all('tickets');
    expect(columns.some((name) => String(name).includes('birth'))).toBe(false);
  });

  it("honours a declared priority only when the hall's rules include it, and records what was declared", () => {
    const hall = createTestHall();
    const declared = hall.value('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('A'), { declaredPriority: 'disabled' }));
    expect(declared.ticket.priority).toBe('disabled');
    const rules = hall.value('admin', 'hall.info', {}).queueRules;
    hall.value('admin', 'hall.saveQueueRules', { ...rules, priorityReasons: ['elderly'] });
    const notHonoured = hall.value('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('A'), { declaredPriority: 'pregnant' }));
    expect(notHonoured.ticket.priority).toBeNull();
    expect(hall.value('clerk', 'visitors.ofTicket', { ticketId: notHonoured.ticket.id }).registration.declaredPriority).toBe('pregnant');
  });

  it('without a person: a ticket, the party and the declared priority, but no visitor', () => {
    const hall = createTestHall();
    const taken = hall.value('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('D'), {
      person: null,
      partySize: 8,
      representatives: 2,
      declaredPriority: 'pregnant',
    }));
    expect(taken).toMatchObject({ registered: false, ticket: { registered: false, priority: 'pregnant' } });
    expect(counts(hall)).toMatchObject({ tickets: 1, visitors: 0, ticket_registrations: 1 });
    expect(hall.value('clerk', 'visitors.ofTicket', { ticketId: taken.ticket.id })).toEqual({
      registration: { ticketId: taken.ticket.id, partySize: 8, representatives: 2, language: 'zh-CN', declaredPriority: 'pregnant', visitor: null },
    });
  });

  it('a ticket not taken at the kiosk has no registration; an unknown ticket is NOT_FOUND', () => {
    const hall = createTestHall();
    const plain = hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('A') });
    expect(plain.ticket.registered).toBe(false);
    expect(hall.value('clerk', 'visitors.ofTicket', { ticketId: plain.ticket.id })).toEqual({ registration: null });
    expect(hall.call('clerk', 'visitors.ofTicket', { ticketId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: '找不到该号码，请刷新后重试' },
    });
  });

  it('shows a registration to a signed-in clerk only: never the kiosk, the display or the unsigned admin page', () => {
    const hall = createTestHall();
    const taken = hall.value('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('A')));
    for (const role of ['kiosk', 'display', 'admin'] as const) {
      expect(hall.call(role, 'visitors.ofTicket', { ticketId: taken.ticket.id })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(hall.value('clerk', 'visitors.ofTicket', { ticketId: taken.ticket.id }).registration.visitor.name).toBe('王小明');
  });
});

describe('kiosk.takeNumber: what is refused, in plain words, writing nothing', () => {
  const ID_PROBLEMS: Array<{ problem: IdProblem; idNumber: string; zh: string; en: string }> = [
    { problem: 'length', idNumber: '4403041990', zh: '应是18位（老身份证是15位），现在输入了10位', en: 'An ID number has 18 characters (15 on an old card); 10 were typed' },
    { problem: 'characters', idNumber: '44030419900215002Y', zh: '只能是数字，只有最后一位可能是字母X', en: 'digits only; just the last character may be the letter X' },
    { problem: 'area', idNumber: withCheck('00030419900215002'), zh: '前两位（省份代码）不对', en: 'first two digits of this ID number (the province)' },
    { problem: 'birthDate', idNumber: withCheck('44030419901315002'), zh: '出生日期不对', en: 'The date of birth inside this ID number is not right' },
    { problem: 'checkCharacter', idNumber: `${YOUNGER.slice(0, 17)}${YOUNGER.endsWith('1') ? '2' : '1'}`, zh: '有数字输错了', en: 'One of the digits of this ID number is mistyped' },
  ];

  it.each(ID_PROBLEMS)('an ID number with a wrong $problem', ({ problem, idNumber, zh, en }) => {
    const hall = createTestHall();
    const before = counts(hall);
    for (const [language, text] of [['zh-CN', zh], ['en', en]] as const) {
      const reply = hall.call('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('A'), { person: person(idNumber) }), language);
      expect(reply).toMatchObject({ ok: false, error: { code: 'INVALID_ID', message: expect.stringContaining(text) } });
      expect(!reply.ok && (reply.error.details as any).params.context).toBe(problem);
    }
    expect(counts(hall)).toEqual(before);
  });

  it('has its own message for every ID problem in every language', () => {
    for (const language of ['zh-CN', 'zh-HK', 'en'] as Language[]) {
      const t = translatorFor(language);
      const messages = ID_PROBLEMS.map(({ problem }) => t('errors.INVALID_ID', { context: problem, length: 10 }));
      expect(new Set([...messages, t('errors.INVALID_ID')]).size, language).toBe(ID_PROBLEMS.length + 1);
    }
  });

  const REFUSALS: Array<{ what: string; params: Record<string, unknown>; code: string; zh: string; en: string }> = [
    { what: 'a phone that is not a mobile number', params: { person: person(YOUNGER, { phone: '0755-1234567' }) }, code: 'INVALID_PHONE', zh: '应是以1开头的11位数字', en: 'it has 11 digits and starts with 1' },
    { what: 'eight people without representatives', params: { partySize: 8 }, code: 'REPRESENTATIVES_REQUIRED', zh: '8人一起来访，请推选代表（最多5人）', en: '8 people came together: please elect representatives (at most 5)' },
    {
      what: 'six representatives',
      params: { partySize: 10, representatives: 6 },
      code: 'TOO_MANY_REPRESENTATIVES',
      zh: '代表最多5人，现在填写了6人。《信访工作条例》第二十条：“多人采用走访形式提出共同的信访事项的，应当推选代表，代表人数不得超过5人。”',
      en: 'article 20: “Where several people raise a common matter by visiting in person, they shall elect representatives, and there shall be no more than 5 representatives.”',
    },
    { what: 'more representatives than people', params: { partySize: 2, representatives: 3 }, code: 'TOO_MANY_REPRESENTATIVES', zh: '代表人数（3人）不能多于来访人数（2人）', en: 'more representatives (3) than people who came (2)' },
    { what: 'a person with an empty name', params: { person: person(YOUNGER, { name: '   ' }) }, code: 'VALIDATION_FAILED', zh: '提交的内容有误，请检查：person.name', en: 'not valid: person.name' },
    { what: 'an unknown service', params: { serviceId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }, code: 'NOT_FOUND', zh: '找不到该服务事项', en: 'This service no longer exists' },
  ];

  it.each(REFUSALS)('$what', ({ params, code, zh, en }) => {
    const { printer, ...hall } = hallWithDevices();
    const before = counts(hall);
    for (const [language, text] of [['zh-CN', zh], ['en', en]] as const) {
      const reply = hall.call('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('A'), params), language);
      expect(reply).toMatchObject({ ok: false, error: { code, message: expect.stringContaining(text) } });
    }
    expect(counts(hall)).toEqual(before);
    expect(printer.jobs).toEqual([]);
  });

  it('quotes art. 20 in zh-HK too', () => {
    const hall = createTestHall();
    const reply = hall.call('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('A'), { partySize: 9, representatives: 7 }), 'zh-HK');
    expect(reply).toMatchObject({ ok: false, error: { code: 'TOO_MANY_REPRESENTATIVES', message: expect.stringContaining('代表人數不得超過5人') } });
  });

  it('a failure after the ticket was written rolls everything back, the closing of yesterday too', () => {
    const clock = new ManualClock();
    const { printer, ...hall } = hallWithDevices({ clock });
    const yesterday = hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('A') }).ticket;
    clock.advance(24 * 3600_000);
    hall.core.db.exec("CREATE TEMP TRIGGER refuse BEFORE INSERT ON ticket_registrations BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    const before = counts(hall);
    expect(hall.call('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('A')))).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(counts(hall)).toEqual(before);
    expect(printer.jobs).toEqual([]);
    expect(hall.value('clerk', 'queue.ticketStatus', { ticketId: yesterday.id }).ticket.status).toBe('waiting');
    // The next change closes yesterday after all: the failed one did not count as having done it.
    hall.core.db.exec('DROP TRIGGER refuse');
    const today = hall.value('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('A'))).ticket;
    expect(today.number).toBe('A001');
    expect(hall.value('clerk', 'queue.ticketStatus', { ticketId: yesterday.id }).ticket).toMatchObject({ status: 'cancelled', cancelReason: 'day_closed' });
  });

  it('logs no personal data, whatever happens', () => {
    const lines: string[] = [];
    const logger: Logger = { info: (m, f) => lines.push(m + JSON.stringify(f)), warn: (m, f) => lines.push(m + JSON.stringify(f)), error: (m, f) => lines.push(m + JSON.stringify(f)) };
    const hall = hallWithDevices({ logger });
    hall.value('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('A')));
    hall.call('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('A'), { person: person(`${YOUNGER.slice(0, 17)}0`) }));
    hall.core.db.exec("CREATE TEMP TRIGGER refuse BEFORE INSERT ON ticket_registrations BEGIN SELECT RAISE(ABORT, 'disk full'); END");
    hall.call('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('A')));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).not.toContain(YOUNGER.slice(0, 10));
      expect(line).not.toContain(PHONE);
      expect(line).not.toContain('王小明');
    }
  });
});

describe('transfers and the ticket status page', () => {
  it('a transfer keeps `registered` and the registration; the QR page follows the ticket to its new queue', () => {
    const clock = new ManualClock();
    const hall = createTestHall({ clock });
    const taken = hall.value('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('A')));
    expect(hall.value('kiosk', 'queue.ticketProgress', { ticketId: taken.ticket.id })).toEqual({
      number: 'A001', serviceId: hall.serviceId('A'), status: 'waiting', peopleAhead: 0, estimatedWaitMinutes: expect.any(Number), windowNumber: null,
    });
    clock.advance(60_000);
    hall.value('clerk', 'queue.callNext', { windowId: hall.windowId(1) });
    expect(hall.value('display', 'queue.ticketProgress', { ticketId: taken.ticket.id })).toMatchObject({ status: 'called', windowNumber: 1 });
    // Someone already waits for C: the transfer goes to the back of that queue.
    clock.advance(1000);
    hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('C') });
    hall.value('clerk', 'queue.startServing', { windowId: hall.windowId(1), ticketId: taken.ticket.id });
    const moved = hall.value('clerk', 'queue.transfer', {
      windowId: hall.windowId(1), ticketId: taken.ticket.id, toServiceId: hall.serviceId('C'), position: 'back',
    });
    expect(moved.ticket).toMatchObject({ number: 'A001', registered: true, transferredFrom: taken.ticket.id });
    expect(moved.from).toMatchObject({ status: 'transferred', registered: true });
    const registration = hall.value('clerk', 'visitors.ofTicket', { ticketId: moved.ticket.id }).registration;
    expect(registration).toMatchObject({ ticketId: moved.ticket.id, visitor: { name: '王小明', earlierVisits: 0 } });

    // The QR code still holds the first ticket: it shows the new one's state.
    expect(hall.value('kiosk', 'queue.ticketProgress', { ticketId: taken.ticket.id })).toEqual({
      number: 'A001', serviceId: hall.serviceId('C'), status: 'waiting', peopleAhead: 1, estimatedWaitMinutes: expect.any(Number), windowNumber: null,
    });
    const first = hall.value('clerk', 'queue.callNext', { windowId: hall.windowId(2) }).ticket;
    hall.value('clerk', 'queue.finish', { windowId: hall.windowId(2), ticketId: first.id });
    hall.value('clerk', 'queue.callNext', { windowId: hall.windowId(2) });
    hall.value('clerk', 'queue.hold', { windowId: hall.windowId(2), ticketId: moved.ticket.id });
    expect(hall.value('kiosk', 'queue.ticketProgress', { ticketId: taken.ticket.id })).toMatchObject({ status: 'held', windowNumber: 2, peopleAhead: 0 });
    hall.value('clerk', 'queue.resume', { windowId: hall.windowId(2), ticketId: moved.ticket.id });
    hall.value('clerk', 'queue.finish', { windowId: hall.windowId(2), ticketId: moved.ticket.id });
    expect(hall.value('kiosk', 'queue.ticketProgress', { ticketId: moved.ticket.id })).toMatchObject({ status: 'finished', windowNumber: null });
    expect(hall.call('kiosk', 'queue.ticketProgress', { ticketId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('tells the visitor nothing about the person or priority', () => {
    const hall = createTestHall();
    const taken = hall.value('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('A'), { person: person(ELDER) }));
    expect(Object.keys(hall.value('kiosk', 'queue.ticketProgress', { ticketId: taken.ticket.id })).sort()).toEqual(
      ['estimatedWaitMinutes', 'number', 'peopleAhead', 'serviceId', 'status', 'windowNumber'],
    );
  });
});

describe('kiosk devices', () => {
  it('sends one print job per ticket, in the visitor’s language, without any personal data', () => {
    const { printer, ...hall } = hallWithDevices();
    const outputs = [
      hall.value('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('A'), { language: 'en' })),
      hall.value('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('A'), { person: person(ELDER, { name: '李华' }) })),
      hall.value('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('E'), { person: null, language: 'zh-HK' })),
    ];
    expect(outputs.map((o) => o.printing)).toEqual(['queued', 'queued', 'queued']);
    expect(printer.jobs).toHaveLength(3);
    expect(printer.jobs[0]).toEqual({
      language: 'en',
      hallName: 'Demo District Public Service Centre',
      number: 'A001',
      serviceName: 'Complaints and suggestions',
      peopleAhead: 0,
      estimatedWaitMinutes: outputs[0].estimatedWaitMinutes,
      windows: [
        { number: 1, location: 'Ground floor, window 1' },
        { number: 2, location: 'Ground floor, window 2' },
        { number: 4, location: 'Ground floor, window 4' },
      ],
      issuedAt: outputs[0].ticket.issuedAt,
      timeZone: 'Asia/Shanghai',
      statusUrl: outputs[0].statusUrl,
    });
    expect(printer.jobs[2]).toMatchObject({ serviceName: '幫扶救助', number: 'E001', windows: [{ number: 3 }, { number: 4 }] });
    const printed = JSON.stringify(printer.jobs);
    for (const secret of [YOUNGER, ELDER, PHONE, '王小明', '李华', YOUNGER.slice(-4), PHONE.slice(-4)]) expect(printed).not.toContain(secret);
  });

  it('leaves a closed window off the ticket', () => {
    const { printer, ...hall } = hallWithDevices();
    hall.value('clerk', 'queue.setWindowState', { windowId: hall.windowId(2), state: 'closed' });
    hall.value('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('A')));
    expect(printer.jobs[0]!.windows.map((w) => w.number)).toEqual([1, 4]);
  });

  it('points the QR code at the configured base URL', () => {
    const hall = createTestHall();
    const kiosk = hall.value('admin', 'hall.info', {}).kiosk;
    hall.value('admin', 'hall.saveKioskSettings', { ...kiosk, statusBaseUrl: 'https://hall.example.gov.cn/' });
    const taken = hall.value('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('A')));
    expect(taken.statusUrl).toBe(`https://hall.example.gov.cn/q/${taken.ticket.id}`);
  });

  it('a printer that throws does not lose the ticket: the screen is the ticket', () => {
    const errors: string[] = [];
    const logger: Logger = { info() {}, warn() {}, error: (message) => errors.push(message) };
    const hall = createTestHall({ logger, ticketPrinter: { submit: () => { throw new Error('paper jam'); } } });
    const taken = hall.value('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('A')));
    expect(taken.printing).toBe('no_printer');
    expect(counts(hall).tickets).toBe(1);
    expect(errors).toEqual(['ticket printer refused a job']);
  });

  it('reads the card on the reader; says so when there is no reader or no card', () => {
    const plain = createTestHall();
    expect(plain.value('kiosk', 'hall.info', {}).devices).toEqual({ idCardReader: false, ticketPrinter: false });
    expect(plain.call('kiosk', 'kiosk.readIdCard', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: '本机没有连接身份证阅读器，请手动输入身份证号码' },
    });

    const { reader, ...hall } = hallWithDevices();
    expect(hall.value('kiosk', 'hall.info', {}).devices).toEqual({ idCardReader: true, ticketPrinter: true });
    expect(hall.call('kiosk', 'kiosk.readIdCard', {}, 'en')).toMatchObject({
      ok: false,
      error: { code: 'UNAVAILABLE', message: 'No ID card was read. Please lay the card flat on the reader and try again.' },
    });
    reader.place({ idNumber: YOUNGER, name: '王小明' });
    expect(hall.value('kiosk', 'kiosk.readIdCard', {})).toEqual({ idNumber: YOUNGER, name: '王小明' });
    expect(hall.call('display', 'kiosk.readIdCard', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    reader.remove();
    expect(hall.call('kiosk', 'kiosk.readIdCard', {})).toMatchObject({ ok: false, error: { code: 'UNAVAILABLE' } });
  });
});

describe('events', () => {
  it('pushes the new waiting count after a registration, once it is committed', async () => {
    const hall = createTestHall();
    const pushes: unknown[] = [];
    hall.core.subscribe('kiosk', (event, data) => event === 'queue.waitingChanged' && pushes.push(data));
    hall.value('kiosk', 'kiosk.takeNumber', takeNumberParams(hall.serviceId('B')));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(pushes.at(-1)).toMatchObject({ waitingByService: expect.arrayContaining([{ serviceId: hall.serviceId('B'), waiting: 1 }]) });
  });
});
