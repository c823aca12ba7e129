import { createHash, createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RpcReply } from '../../../shared/contract';
import { checkCharacter } from '../../../shared/domain/resident-id';
import { i18nResources } from '../../../shared/i18n';
import { createHallCore } from '../core';
import type { Logger } from '../ports';
import { PersonalDataCrypto } from '../privacy/personal-data-crypto';
import { createTestHall, TEST_CLERK } from '../testing/test-core';
import { AuditLog, auditRowsOf, canonicalJson, GENESIS_HASH } from './audit-log';

/** A hall's database with `count` audit rows, as the desk would write them, under a key the test knows. */
function hallWithRows(count: number) {
  const hall = createTestHall();
  const db = hall.core.db;
  const key = randomBytes(32);
  const audit = new AuditLog(db, key);
  const clerkId = hall.staffId(TEST_CLERK.staffNo);
  for (let i = 1; i <= count; i++) {
    db.transaction(() =>
      audit.append({ at: 1_000 * i, actorId: i === 3 ? null : clerkId, action: 'visitor.unmask', subject: `visitor:${i}`, details: { reason: `核对身份 ${i}` } }),
    ).immediate();
  }
  return { hall, db, key, audit, clerkId };
}

type Db = ReturnType<typeof hallWithRows>['db'];
/** A row's hash as someone with the file would recompute it: `hash` given the text it hashes. */
type Hasher = (text: string) => string;
const plainSha256: Hasher = (text) => createHash('sha256').update(text).digest('hex');
const hmacUnder =
  (key: Buffer): Hasher =>
  (text) =>
    createHmac('sha256', key).update(text).digest('hex');
const hashedText = (prevHash: string, row: { seq: number; at: number; actor_id: string | null; action: string; subject: string; details: string }) =>
  `${prevHash}\n${JSON.stringify([row.seq, row.at, row.actor_id, row.action, row.subject, row.details])}`;

/**
 * Rewrites row `seq`'s details and recomputes its hash and every later row's (prev_hash
 * and hash) with `hash`: the forgery a plain hash chain cannot see.
 */
function forgeFrom(db: Db, seq: number, details: string, hash: Hasher) {
  dropAppendOnlyTriggers(db);
  db.prepare('UPDATE audit_log SET details = ? WHERE seq = ?').run(details, seq);
  const rows = db.prepare('SELECT * FROM audit_log WHERE seq >= ? ORDER BY seq').all(seq) as Parameters<typeof hashedText>[1][];
  let prevHash = db.prepare('SELECT hash FROM audit_log WHERE seq = ?').pluck().get(seq - 1) as string | undefined;
  prevHash ??= GENESIS_HASH;
  for (const row of rows) {
    const rehashed = hash(hashedText(prevHash, row));
    db.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?').run(prevHash, rehashed, row.seq);
    prevHash = rehashed;
  }
}

/** What someone with the database file could do: the append-only triggers stand in the way only until dropped. */
function dropAppendOnlyTriggers(db: ReturnType<typeof hallWithRows>['db']) {
  db.exec('DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;');
}

describe('the audit log', () => {
  it('verifies an empty chain, under any key', () => {
    const { db, audit } = hallWithRows(0);
    expect(audit.verify()).toEqual({ ok: true, rows: 0 });
    expect(new AuditLog(db, randomBytes(32)).verify()).toEqual({ ok: true, rows: 0 });
  });

  it('chains each row to the one before: the first to 64 zeros, the HMAC under the audit key over the previous hash and the row', () => {
    const { db, key, audit, clerkId } = hallWithRows(3);
    expect(audit.verify()).toEqual({ ok: true, rows: 3 });
    const rows = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as { seq: number; prev_hash: string; hash: string; details: string }[];
    expect(rows.map((row) => row.seq)).toEqual([1, 2, 3]);
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    expect(rows[1]!.prev_hash).toBe(rows[0]!.hash);
    expect(rows[2]!.prev_hash).toBe(rows[1]!.hash);
    // Recomputed by hand: the documented serialisation, nothing hidden but the key.
    const expected = createHmac('sha256', key)
      .update(`${GENESIS_HASH}\n${JSON.stringify([1, 1000, clerkId, 'visitor.unmask', 'visitor:1', '{"reason":"核对身份 1"}'])}`)
      .digest('hex');
    expect(rows[0]!.hash).toBe(expected);
    expect(rows[0]!.hash).not.toBe(plainSha256(`${GENESIS_HASH}\n${JSON.stringify([1, 1000, clerkId, 'visitor.unmask', 'visitor:1', '{"reason":"核对身份 1"}'])}`));
    expect(auditRowsOf(db, 'visitor:3')).toEqual([
      expect.objectContaining({ seq: 3, actorId: null, action: 'visitor.unmask', details: { reason: '核对身份 3' } }),
    ]);
  });

  it('hashes details with their keys sorted, whatever order they were given in', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 0 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":0,"z":1}]},"b":1}');
    const { db, audit } = hallWithRows(0);
    const one = db.transaction(() => audit.append({ at: 1, actorId: null, action: 'test', subject: 's', details: { b: 2, a: 1 } }))();
    expect(db.prepare('SELECT details FROM audit_log WHERE seq = ?').pluck().get(one.seq)).toBe('{"a":1,"b":2}');
  });

  it('refuses UPDATE and DELETE while the append-only triggers stand', () => {
    const { db, audit } = hallWithRows(2);
    expect(() => db.prepare("UPDATE audit_log SET action = 'x' WHERE seq = 1").run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only/);
    expect(audit.verify()).toEqual({ ok: true, rows: 2 });
  });

  it('finds an altered row: its details, its actor, its time', () => {
    for (const change of ["details = '{\"reason\":\"例行检查\"}'", 'actor_id = NULL', 'at = at + 1']) {
      const { db, audit } = hallWithRows(4);
      dropAppendOnlyTriggers(db);
      db.prepare(`UPDATE audit_log SET ${change} WHERE seq = 2`).run();
      expect(audit.verify(), change).toEqual({ ok: false, firstBrokenSeq: 2, reason: 'hash_mismatch' });
    }
  });

  it('finds a row edited and every later hash recomputed without the key: with plain SHA-256, or an HMAC under another key', () => {
    const forgeries = { 'plain SHA-256': plainSha256, 'another key': hmacUnder(randomBytes(32)) };
    for (const [how, hash] of Object.entries(forgeries)) {
      const { db, audit } = hallWithRows(4);
      forgeFrom(db, 2, '{"reason":"例行检查"}', hash);
      // Consistent in itself (each prev_hash is the row before's hash), but not under the site's key.
      const rows = db.prepare('SELECT prev_hash, hash FROM audit_log ORDER BY seq').all() as { prev_hash: string; hash: string }[];
      rows.slice(1).forEach((row, i) => expect(row.prev_hash).toBe(rows[i]!.hash));
      expect(audit.verify(), how).toEqual({ ok: false, firstBrokenSeq: 2, reason: 'hash_mismatch' });
    }
  });

  it('a forgery from the first row on, with plain SHA-256, fails at row 1', () => {
    const { db, audit } = hallWithRows(3);
    forgeFrom(db, 1, '{"reason":"例行检查"}', plainSha256);
    expect(audit.verify()).toEqual({ ok: false, firstBrokenSeq: 1, reason: 'hash_mismatch' });
  });

  it('only the key makes a rewrite verify: the same forgery under the site key passes (so the key is what protects the chain)', () => {
    const { db, key, audit } = hallWithRows(4);
    forgeFrom(db, 2, '{"reason":"例行检查"}', hmacUnder(key));
    expect(audit.verify()).toEqual({ ok: true, rows: 4 });
  });

  it('does not verify an intact chain under another key; refuses a key of the wrong length', () => {
    const { db, audit } = hallWithRows(3);
    expect(audit.verify()).toEqual({ ok: true, rows: 3 });
    expect(new AuditLog(db, randomBytes(32)).verify()).toEqual({ ok: false, firstBrokenSeq: 1, reason: 'hash_mismatch' });
    expect(() => new AuditLog(db, randomBytes(16))).toThrow(/32 bytes, not 16/);
  });

  it('finds an altered row whose hash was recomputed without touching the next: the next row no longer follows it', () => {
    const { db, key, audit } = hallWithRows(4);
    dropAppendOnlyTriggers(db);
    // Even with the key: the rows after it still name the old hash.
    const row = db.prepare('SELECT * FROM audit_log WHERE seq = 2').get() as Parameters<typeof hashedText>[1] & { prev_hash: string };
    const forged = hmacUnder(key)(hashedText(row.prev_hash, { ...row, details: '{"reason":"例行检查"}' }));
    db.prepare(`UPDATE audit_log SET details = '{"reason":"例行检查"}', hash = ? WHERE seq = 2`).run(forged);
    expect(audit.verify()).toEqual({ ok: false, firstBrokenSeq: 3, reason: 'prev_hash_mismatch' });
  });

  it('finds a removed row: a gap in seq, or a broken link once the numbers are closed up', () => {
    const gap = hallWithRows(4);
    dropAppendOnlyTriggers(gap.db);
    gap.db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    expect(gap.audit.verify()).toEqual({ ok: false, firstBrokenSeq: 3, reason: 'seq_gap' });

    const closedUp = hallWithRows(4);
    dropAppendOnlyTriggers(closedUp.db);
    closedUp.db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    closedUp.db.prepare('UPDATE audit_log SET seq = seq - 1 WHERE seq > 2').run();
    expect(closedUp.audit.verify()).toEqual({ ok: false, firstBrokenSeq: 2, reason: 'prev_hash_mismatch' });

    const first = hallWithRows(2);
    dropAppendOnlyTriggers(first.db);
    first.db.prepare('DELETE FROM audit_log WHERE seq = 1').run();
    expect(first.audit.verify()).toEqual({ ok: false, firstBrokenSeq: 2, reason: 'seq_gap' });
  });

  it('cannot see a removed tail, even with the key (documented): the shorter chain is intact in itself', () => {
    const { db, audit } = hallWithRows(4);
    dropAppendOnlyTriggers(db);
    db.prepare('DELETE FROM audit_log WHERE seq = 4').run();
    expect(audit.verify()).toEqual({ ok: true, rows: 3 });
  });

  it('writes nothing when the transaction it is part of fails', () => {
    const { db, audit } = hallWithRows(1);
    expect(() =>
      db.transaction(() => {
        audit.append({ at: 5, actorId: null, action: 'visitor.unmask', subject: 'visitor:x', details: { reason: '核对' } });
        throw new Error('the act failed');
      })(),
    ).toThrow('the act failed');
    expect(audit.verify()).toEqual({ ok: true, rows: 1 });
  });
});

describe("the site's audit log", () => {
  it("is keyed with the data key's audit chain key: rows written by the core verify under it, not under the data key itself", () => {
    const dataKey = randomBytes(32);
    const core = createHallCore({ dataDir: ':memory:', demo: true, dataKeys: { dataKey: () => dataKey } });
    core.db.transaction(() => core.audit.append({ at: 1, actorId: null, action: 'test', subject: 's', details: {} })).immediate();
    expect(core.audit.verify()).toEqual({ ok: true, rows: 1 });
    expect(new AuditLog(core.db, new PersonalDataCrypto(dataKey).auditChainKey()).verify()).toEqual({ ok: true, rows: 1 });
    expect(new AuditLog(core.db, dataKey).verify()).toEqual({ ok: false, firstBrokenSeq: 1, reason: 'hash_mismatch' });
    // Never stored: neither the audit key nor the data key is in the database.
    const file = core.db.serialize();
    expect(file.includes(new PersonalDataCrypto(dataKey).auditChainKey())).toBe(false);
    expect(file.includes(dataKey)).toBe(false);
    core.close();
  });

  it('keeps its key out of sight: no property of it holds the key (what a log or a JSON of it would show)', () => {
    const { db } = hallWithRows(0);
    expect(Object.values(new AuditLog(db, randomBytes(32))).some((value) => Buffer.isBuffer(value))).toBe(false);
  });
});

describe('visitors.unmask', () => {
  const first17 = '44030419900215002';
  const ID_NUMBER = first17 + checkCharacter(first17);
  const PHONE = '13987654321';
  const errorOf = (reply: RpcReply) => (reply.ok ? null : reply.error);

  /** A hall where a visitor registered at the kiosk; every log line kept. */
  function hallWithVisitor(phone: string | null = PHONE) {
    const lines: string[] = [];
    const keep = (message: string, fields?: Record<string, unknown>) => lines.push(`${message} ${JSON.stringify(fields ?? {})}`);
    const logger: Logger = { info: keep, warn: keep, error: keep };
    const hall = createTestHall({ logger });
    const ticket = hall.value('kiosk', 'kiosk.takeNumber', {
      serviceId: hall.serviceId('A'),
      language: 'zh-CN',
      person: { idNumber: ID_NUMBER, name: '陈美玲', phone },
      partySize: 1,
      representatives: null,
      declaredPriority: null,
    }).ticket;
    const visitor = hall.value('clerk', 'visitors.ofTicket', { ticketId: ticket.id }).registration.visitor;
    return { hall, visitor, lines };
  }
  const auditRows = (hall: ReturnType<typeof createTestHall>) => hall.core.db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Record<string, unknown>[];

  it('answers the full numbers and records who asked, about whom and why, in a chain that verifies', () => {
    const { hall, visitor, lines } = hallWithVisitor();
    expect(visitor.idMasked).not.toBe(ID_NUMBER);
    expect(hall.value('clerk', 'visitors.unmask', { visitorId: visitor.id, reason: '  核对身份证原件 ' })).toEqual({ idNumber: ID_NUMBER, phone: PHONE });

    const rows = auditRows(hall);
    expect(rows).toEqual([
      expect.objectContaining({
        seq: 1,
        at: hall.clock.now(),
        actor_id: hall.staffId(TEST_CLERK.staffNo),
        action: 'visitor.unmask',
        subject: `visitor:${visitor.id}`,
        details: '{"reason":"核对身份证原件"}',
        prev_hash: GENESIS_HASH,
      }),
    ]);
    hall.value('clerk', 'visitors.unmask', { visitorId: visitor.id, reason: '来访人要求更正手机号' });
    expect(hall.core.audit.verify()).toEqual({ ok: true, rows: 2 });
    expect(auditRowsOf(hall.core.db, `visitor:${visitor.id}`).map((row) => row.details)).toEqual([{ reason: '核对身份证原件' }, { reason: '来访人要求更正手机号' }]);

    // The numbers are in the answer only: not in the log, not in the audit rows.
    const everything = JSON.stringify(auditRows(hall)) + lines.join('\n');
    expect(everything).not.toContain(ID_NUMBER);
    expect(everything).not.toContain(PHONE);
    expect(everything).not.toContain(ID_NUMBER.slice(6, 14));
  });

  it('answers a null phone for a visitor who gave none', () => {
    const { hall, visitor } = hallWithVisitor(null);
    expect(hall.value('clerk', 'visitors.unmask', { visitorId: visitor.id, reason: '核对身份' })).toEqual({ idNumber: ID_NUMBER, phone: null });
  });

  it('writes nothing for an unknown visitor, a missing reason, a desk nobody signed in at, or another role', () => {
    const { hall, visitor } = hallWithVisitor();
    expect(errorOf(hall.call('clerk', 'visitors.unmask', { visitorId: '01JD0000000000000000000000', reason: '核对身份' }, 'en'))).toMatchObject({
      code: 'NOT_FOUND',
      message: i18nResources.en.translation.errors.NOT_FOUND_visitor,
      details: { params: { context: 'visitor' } },
    });
    expect(errorOf(hall.call('clerk', 'visitors.unmask', { visitorId: visitor.id, reason: ' 查 ' }))?.code).toBe('VALIDATION_FAILED');
    expect(errorOf(hall.call('clerk', 'visitors.unmask', { visitorId: visitor.id }))?.code).toBe('VALIDATION_FAILED');
    const unsigned = hall.dispatch({ role: 'clerk', language: 'zh-CN', sessionId: 'nobody' }, 'visitors.unmask', { visitorId: visitor.id, reason: '核对身份' });
    expect(errorOf(unsigned)?.code).toBe('NOT_SIGNED_IN');
    for (const role of ['kiosk', 'display', 'admin'] as const) {
      expect(errorOf(hall.call(role, 'visitors.unmask', { visitorId: visitor.id, reason: '核对身份' }))?.code, role).toBe('FORBIDDEN');
    }
    expect(auditRows(hall)).toEqual([]);
  });
});
