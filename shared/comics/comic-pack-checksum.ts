import { sha256Hex } from '../domain/categories/sha256';

/**
 * The integrity values of a comic pack (comic-pack.ts):
 *
 * - a file's hash: SHA-256 (lower-case hex) of its bytes, as `sha256sum` prints it;
 * - the pack's checksum: SHA-256 of the pack's canonical JSON without `checksum` — object
 *   keys sorted (by UTF-16 code units, as `Array.prototype.sort` does), no whitespace,
 *   strings and numbers as `JSON.stringify` writes them, then UTF-8.
 *
 * One implementation for every place that needs it (the build script, the core's
 * install path, tests): the plain-TypeScript SHA-256 of shared/, synchronous and the same
 * in Node and the browser. The central server can compute the same values with any
 * standard tool (canonical JSON + sha256sum).
 */

const encoder = new TextEncoder();

/** Canonical JSON: sorted keys, no whitespace. `undefined` members are left out, as in JSON.stringify. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    if (text === undefined) throw new TypeError(`not representable in JSON: ${typeof value}`);
    return text;
  }
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const record = value as Record<string, unknown>;
  const members = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort()
    .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
  return `{${members.join(',')}}`;
}

/** SHA-256 (hex) of a file's bytes, or of a text as UTF-8. */
export function fileHash(content: Uint8Array | string): string {
  return sha256Hex(typeof content === 'string' ? encoder.encode(content) : content);
}

/** The pack's checksum: SHA-256 of its canonical JSON without `checksum`. */
export function packChecksum(pack: Record<string, unknown>): string {
  const { checksum: _checksum, ...rest } = pack;
  return sha256Hex(encoder.encode(canonicalJson(rest)));
}
