import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, SCRYPT_PARAMS, UNMATCHABLE_HASH, verifyPassword } from './password-hash';

const CHEAP = { logN: 10, r: 8, p: 1 };

describe('password hashes', () => {
  it('are scrypt with a random salt, stored with their parameters', () => {
    const hash = hashPassword('窗口-2026', CHEAP);
    expect(hash).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(hashPassword('窗口-2026', CHEAP)).not.toBe(hash); // another salt
    expect(hash).not.toContain('窗口');
  });

  it('verify the right password only', () => {
    const hash = hashPassword('correct horse', CHEAP);
    expect(verifyPassword('correct horse', hash)).toBe(true);
    expect(verifyPassword('correct horse ', hash)).toBe(false);
    expect(verifyPassword('Correct horse', hash)).toBe(false);
    expect(verifyPassword('', hash)).toBe(false);
  });

  it('treat the same text in either Unicode composition as the same password', () => {
    const hash = hashPassword('Zoë', CHEAP);
    expect(verifyPassword('Zoe\u0308', hash)).toBe(true);
  });

  it('verify with the parameters each hash was made with, and say which need the current ones', () => {
    const old = hashPassword('secret', CHEAP);
    expect(verifyPassword('secret', old)).toBe(true);
    expect(needsRehash(old)).toBe(true);
    const current = hashPassword('secret');
    expect(current.startsWith(`$scrypt$ln=${SCRYPT_PARAMS.logN},r=${SCRYPT_PARAMS.r},p=${SCRYPT_PARAMS.p}$`)).toBe(true);
    expect(needsRehash(current)).toBe(false);
  });

  it('refuse what they cannot read, including costs no sane hash has', () => {
    expect(verifyPassword('x', '')).toBe(false);
    expect(verifyPassword('x', 'plain-text')).toBe(false);
    expect(verifyPassword('x', '$scrypt$ln=40,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')).toBe(false);
    expect(needsRehash('plain-text')).toBe(true);
  });

  it('keep an unmatchable hash as costly as a real one, for staff numbers that do not exist', () => {
    expect(needsRehash(UNMATCHABLE_HASH)).toBe(false);
    expect(verifyPassword('', UNMATCHABLE_HASH)).toBe(false);
  });
});
