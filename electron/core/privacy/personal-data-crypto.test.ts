import { createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { normalizeIdNumber, normalizePhone, PersonalDataCrypto, PersonalDataError } from './personal-data-crypto';

const ID = '11010519491231002X';
const crypto = new PersonalDataCrypto(randomBytes(32));

describe('personal data encryption', () => {
  it('gives back what it encrypted', () => {
    expect(crypto.decrypt('idNumber', crypto.encrypt('idNumber', ID))).toBe(ID);
    expect(crypto.decrypt('phone', crypto.encrypt('phone', '13812345678'))).toBe('13812345678');
    expect(crypto.decrypt('phone', crypto.encrypt('phone', ''))).toBe('');
  });

  it('encrypts one value differently every time (a fresh IV each), and never in the clear', () => {
    const a = crypto.encrypt('idNumber', ID);
    const b = crypto.encrypt('idNumber', ID);
    expect(a.equals(b)).toBe(false);
    expect(a.subarray(1, 13).equals(b.subarray(1, 13))).toBe(false);
    expect(a.includes(Buffer.from(ID))).toBe(false);
    expect(a[0]).toBe(1); // the envelope's format version
  });

  it('refuses a tampered envelope, another field, another key and a foreign format with a clear error', () => {
    const envelope = crypto.encrypt('idNumber', ID);
    for (const position of [5, 20, envelope.length - 1]) {
      const tampered = Buffer.from(envelope);
      tampered[position]! ^= 0x01;
      expect(() => crypto.decrypt('idNumber', tampered)).toThrow(PersonalDataError);
    }
    expect(() => crypto.decrypt('phone', envelope)).toThrow(/altered, or this site holds a different data key/);
    expect(() => new PersonalDataCrypto(randomBytes(32)).decrypt('idNumber', envelope)).toThrow(PersonalDataError);
    const otherFormat = Buffer.from(envelope);
    otherFormat[0] = 9;
    expect(() => crypto.decrypt('idNumber', otherFormat)).toThrow(/not in a known format/);
    expect(() => crypto.decrypt('idNumber', Buffer.alloc(10))).toThrow(/not in a known format/);
  });

  it('never puts the value in its error message', () => {
    const tampered = crypto.encrypt('idNumber', ID);
    tampered[tampered.length - 1]! ^= 0xff;
    try {
      crypto.decrypt('idNumber', tampered);
      expect.unreachable();
    } catch (error) {
      expect(String(error)).not.toContain('1101');
    }
  });

  it('accepts only a 32-byte data key', () => {
    expect(() => new PersonalDataCrypto(randomBytes(16))).toThrow(/32 bytes, not 16/);
  });
});

describe('blind index', () => {
  it('is stable under one key, different under another, and differs between fields', () => {
    const key = randomBytes(32);
    const one = new PersonalDataCrypto(key).blindIndex('idNumber', ID);
    expect(new PersonalDataCrypto(Buffer.from(key)).blindIndex('idNumber', ID).equals(one)).toBe(true);
    expect(one).toHaveLength(32);
    expect(new PersonalDataCrypto(randomBytes(32)).blindIndex('idNumber', ID).equals(one)).toBe(false);
    expect(crypto.blindIndex('idNumber', '13812345678').equals(crypto.blindIndex('phone', '13812345678'))).toBe(false);
    expect(crypto.blindIndex('idNumber', ID).equals(crypto.blindIndex('idNumber', '110105194912310021'))).toBe(false);
  });

  it('is not keyed with the data key itself: the index key is derived', () => {
    const key = randomBytes(32);
    const direct = createHmac('sha256', key).update(`idNumber\0${ID}`).digest();
    expect(new PersonalDataCrypto(key).blindIndex('idNumber', ID).equals(direct)).toBe(false);
  });

  it('normalises first: spaces and a lower-case x in an ID, anything but digits in a phone', () => {
    expect(normalizeIdNumber(' 110105 19491231 002x ')).toBe(ID);
    expect(crypto.blindIndex('idNumber', '110105 19491231 002x').equals(crypto.blindIndex('idNumber', ID))).toBe(true);
    expect(normalizePhone('138-1234 5678')).toBe('13812345678');
    expect(crypto.blindIndex('phone', '138 1234-5678').equals(crypto.blindIndex('phone', '13812345678'))).toBe(true);
  });
});

describe('binary content (attachments)', () => {
  const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

  it('gives back the bytes it encrypted, in the same envelope, never in the clear', () => {
    const envelope = crypto.encryptBytes('attachment', PNG);
    expect(crypto.decryptBytes('attachment', envelope).equals(PNG)).toBe(true);
    expect(envelope[0]).toBe(1);
    expect(envelope).toHaveLength(1 + 12 + 16 + PNG.length);
    expect(envelope.includes(PNG.subarray(0, 8))).toBe(false);
    expect(crypto.encryptBytes('attachment', PNG).equals(envelope)).toBe(false);
    expect(crypto.decryptBytes('attachment', crypto.encryptBytes('attachment', Buffer.alloc(0)))).toHaveLength(0);
  });

  it('keeps the fields apart: an attachment never reads as an ID or phone number, nor the reverse', () => {
    const idEnvelope = crypto.encrypt('idNumber', ID);
    expect(() => crypto.decryptBytes('attachment', idEnvelope)).toThrow(PersonalDataError);
    expect(() => crypto.decrypt('idNumber', crypto.encryptBytes('attachment', Buffer.from(ID)))).toThrow(PersonalDataError);
    expect(() => crypto.decrypt('phone', crypto.encryptBytes('attachment', Buffer.from('13812345678')))).toThrow(PersonalDataError);
  });

  it('refuses a tampered envelope and another key', () => {
    const envelope = crypto.encryptBytes('attachment', PNG);
    const tampered = Buffer.from(envelope);
    tampered[tampered.length - 1]! ^= 0x01;
    expect(() => crypto.decryptBytes('attachment', tampered)).toThrow(/altered/);
    expect(() => new PersonalDataCrypto(randomBytes(32)).decryptBytes('attachment', envelope)).toThrow(PersonalDataError);
  });
});

describe('the audit chain key', () => {
  it("is HKDF-derived from the data key for its own purpose: stable under one key, another under another, neither the data key nor the other keys", () => {
    const key = randomBytes(32);
    const auditKey = new PersonalDataCrypto(key).auditChainKey();
    expect(auditKey).toHaveLength(32);
    expect(new PersonalDataCrypto(Buffer.from(key)).auditChainKey().equals(auditKey)).toBe(true);
    expect(new PersonalDataCrypto(randomBytes(32)).auditChainKey().equals(auditKey)).toBe(false);
    const derived = (purpose: string) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `reception-hall personal data v1: ${purpose}`, 32));
    expect(auditKey.equals(derived('HMAC-SHA256 audit chain'))).toBe(true);
    for (const other of [key, derived('AES-256-GCM encryption'), derived('HMAC-SHA256 blind index')]) expect(auditKey.equals(other)).toBe(false);
  });

  it('is handed out as a copy: changing it changes nothing for the next caller', () => {
    const own = new PersonalDataCrypto(randomBytes(32));
    const first = own.auditChainKey();
    const kept = Buffer.from(first);
    first.fill(0);
    expect(own.auditChainKey().equals(kept)).toBe(true);
  });
});
