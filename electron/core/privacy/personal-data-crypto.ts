import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Personal data at rest (DESIGN.md section 3): each value encrypted with AES-256-GCM
 * under a fresh random 96-bit IV, and a keyed hash (HMAC-SHA256, the "blind index")
 * beside it for exact look-up without decrypting. Both keys are derived from the
 * site's data key with HKDF, so neither is the data key itself and each is used for
 * one thing only. A third key, for the audit log's HMAC chain, is derived the same way
 * for its own purpose and is the only one handed out (auditChainKey); a fourth keys the
 * failure counters (failureCounterKey).
 *
 * Envelope: [format 1 byte][IV 12][tag 16][ciphertext]. The format byte names the
 * algorithm. A key rotation re-encrypts every value in one transaction
 * (privacy/key-rotation.ts), so a database never holds values under two keys.
 */
const FORMAT_V1 = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
export const DATA_KEY_BYTES = 32;

/** What a value is: bound into the ciphertext (as GCM's additional data) and the index, so values never swap columns. */
export type PersonalField = 'idNumber' | 'phone';
/**
 * What a binary value is, bound in the same way: a scanned document or photo of a case, or
 * the audit chain key of a data key retired by a key rotation (privacy/key-rotation.ts).
 */
export type PersonalBytesField = 'attachment' | 'retiredAuditKey';
/** The failure counters that key what was typed (failureCounterKey). */
export type FailureCounter = 'signIn' | 'caseStatus';

export class PersonalDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PersonalDataError';
  }
}

/** ID numbers are compared upper-case without spaces (x and X are the same check character). */
export function normalizeIdNumber(idNumber: string): string {
  return idNumber.replace(/\s+/g, '').toUpperCase();
}

/** Phone numbers are compared as their digits only. */
export function normalizePhone(phone: string): string {
  return phone.replace(/\D+/g, '');
}

const NORMALIZE: Record<PersonalField, (value: string) => string> = { idNumber: normalizeIdNumber, phone: normalizePhone };

export class PersonalDataCrypto {
  private readonly encryptionKey: Buffer;
  private readonly indexKey: Buffer;
  private readonly auditKey: Buffer;
  private readonly counterKey: Buffer;

  constructor(dataKey: Buffer) {
    if (dataKey.length !== DATA_KEY_BYTES) throw new PersonalDataError(`The data key must be ${DATA_KEY_BYTES} bytes, not ${dataKey.length}`);
    const derive = (purpose: string) => Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), `reception-hall personal data v1: ${purpose}`, 32));
    this.encryptionKey = derive('AES-256-GCM encryption');
    this.indexKey = derive('HMAC-SHA256 blind index');
    this.auditKey = derive('HMAC-SHA256 audit chain');
    this.counterKey = derive('HMAC-SHA256 failure counters');
  }

  /**
   * The key of the audit log's hash chain (electron/core/audit/audit-log.ts): derived
   * from the data key for that purpose only, so holding it tells nothing about the keys
   * that encrypt and index personal data. A copy: the caller cannot change this one.
   */
  auditChainKey(): Buffer {
    return Buffer.from(this.auditKey);
  }

  /** Encrypts a value as it is (callers store the normalised form). */
  encrypt(field: PersonalField, value: string): Buffer {
    return this.seal(field, Buffer.from(value, 'utf8'));
  }

  /** Throws PersonalDataError when the envelope was altered, belongs to another field, or was written under another key. */
  decrypt(field: PersonalField, envelope: Buffer): string {
    return this.open(field, envelope).toString('utf8');
  }

  /** Encrypts binary content (an attachment) in the same envelope, under its own field name. */
  encryptBytes(field: PersonalBytesField, content: Buffer): Buffer {
    return this.seal(field, content);
  }

  /** As decrypt, for binary content: throws PersonalDataError on an altered, foreign-field or foreign-key envelope. */
  decryptBytes(field: PersonalBytesField, envelope: Buffer): Buffer {
    return this.open(field, envelope);
  }

  private seal(field: PersonalField | PersonalBytesField, plain: Buffer): Buffer {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.encryptionKey, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(field));
    const ciphertext = Buffer.concat([cipher.update(plain), cipher.final()]);
    return Buffer.concat([Buffer.of(FORMAT_V1), iv, cipher.getAuthTag(), ciphertext]);
  }

  private open(field: PersonalField | PersonalBytesField, envelope: Buffer): Buffer {
    if (envelope.length < 1 + IV_BYTES + TAG_BYTES || envelope[0] !== FORMAT_V1) {
      throw new PersonalDataError('Personal data could not be read: the stored value is not in a known format');
    }
    const iv = envelope.subarray(1, 1 + IV_BYTES);
    const tag = envelope.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', this.encryptionKey, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(field));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(envelope.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
    } catch {
      // Never echo the value: the message goes to logs.
      throw new PersonalDataError('Personal data could not be read: it was altered, or this site holds a different data key than the one it was written with');
    }
  }

  /** A value that tells one data key from another without revealing it (stored by the database to recognise its key). */
  keyCheck(): string {
    return createHmac('sha256', this.indexKey).update('reception-hall data key check').digest('hex').slice(0, 32);
  }

  /**
   * What a failure counter keeps of the text typed into a field (the staff number of a
   * failed sign-in, the case number of a failed case-status look-up): its keyed hash, never
   * the text. Whatever is typed there may be a visitor's ID or phone number typed in the
   * wrong place, and a counter is kept in the database. Exact: the same text, the same key;
   * the counter's name is bound in, so the two counters never share a key.
   */
  failureCounterKey(counter: FailureCounter, typed: string): Buffer {
    return createHmac('sha256', this.counterKey).update(`${counter}\0${typed}`, 'utf8').digest();
  }

  /** The blind index of a value: the same for the same (normalised) value under the same key, and useless without the key. */
  blindIndex(field: PersonalField, value: string): Buffer {
    return createHmac('sha256', this.indexKey).update(`${field}\0${NORMALIZE[field](value)}`, 'utf8').digest();
  }
}
