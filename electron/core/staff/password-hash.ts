import { randomBytes, scryptSync, timingSafeEqual } from 'node:crypto';

export interface ScryptParams {
  /** log2 of N, the CPU/memory cost. */
  logN: number;
  /** Block size. */
  r: number;
  /** Parallelisation (Node runs the p lanes one after another: p multiplies the time, not the memory). */
  p: number;
}

/**
 * The cost of every new hash: N = 2^15, r = 8, p = 3 — 32 MiB and about a quarter of
 * a second on the hall's two-core PCs; OWASP's minimum for scrypt (its equivalent of
 * N = 2^17, p = 1, with a quarter of the memory). The core answers calls one at a
 * time, so a sign-in holds every window for that long: a few times a day.
 *
 * To raise it, change it here: each hash keeps the parameters it was made with, so
 * old hashes still verify, and a successful sign-in rehashes with the new ones.
 */
export const SCRYPT_PARAMS: ScryptParams = { logN: 15, r: 8, p: 3 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const PHC = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/** A password hash as stored: `$scrypt$ln=15,r=8,p=3$<salt>$<key>` (PHC string format, unpadded base64). */
export function hashPassword(password: string, params: ScryptParams = SCRYPT_PARAMS): string {
  const salt = randomBytes(SALT_BYTES);
  return format(params, salt, derive(password, salt, params, KEY_BYTES));
}

/** Whether the password matches the stored hash; false for a hash it cannot read. Constant-time comparison. */
export function verifyPassword(password: string, stored: string): boolean {
  const parsed = parse(stored);
  if (!parsed) return false;
  const key = derive(password, parsed.salt, parsed.params, parsed.key.length);
  return timingSafeEqual(key, parsed.key);
}

/** True when the hash was made with other (older) parameters than SCRYPT_PARAMS. */
export function needsRehash(stored: string): boolean {
  const parsed = parse(stored);
  return !parsed || parsed.params.logN !== SCRYPT_PARAMS.logN || parsed.params.r !== SCRYPT_PARAMS.r || parsed.params.p !== SCRYPT_PARAMS.p;
}

/**
 * A well-formed hash with the current parameters that no password matches. Checking a
 * password against it, for a staff number that does not exist, costs what checking a
 * real one costs: the answer's timing does not tell which numbers exist.
 */
export const UNMATCHABLE_HASH = format(SCRYPT_PARAMS, Buffer.alloc(SALT_BYTES), Buffer.alloc(KEY_BYTES));

function derive(password: string, salt: Buffer, { logN, r, p }: ScryptParams, length: number): Buffer {
  const N = 2 ** logN;
  // Node refuses more than 32 MiB unless told: allow what these parameters need.
  return scryptSync(password.normalize('NFC'), salt, length, { N, r, p, maxmem: 256 * N * r });
}

function format({ logN, r, p }: ScryptParams, salt: Buffer, key: Buffer): string {
  const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '');
  return `$scrypt$ln=${logN},r=${r},p=${p}$${b64(salt)}$${b64(key)}`;
}

function parse(stored: string): { params: ScryptParams; salt: Buffer; key: Buffer } | null {
  const match = PHC.exec(stored);
  if (!match) return null;
  const params = { logN: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  // A damaged row must not make the core spend minutes (or gigabytes) on one check.
  if (params.logN < 1 || params.logN > 20 || params.r < 1 || params.r > 32 || params.p < 1 || params.p > 16) return null;
  const salt = Buffer.from(match[4]!, 'base64');
  const key = Buffer.from(match[5]!, 'base64');
  return key.length >= 16 ? { params, salt, key } : null;
}
