import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalJson, fileHash, packChecksum } from './comic-pack-checksum';

describe('the comic pack checksum', () => {
  it('writes canonical JSON: sorted keys at every level, no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 'x', e: null }], c: '王阿姨' } })).toBe('{"a":{"c":"王阿姨","d":[3,{"e":null,"f":"x"}]},"b":1}');
    expect(canonicalJson({ a: undefined, b: '"\n' })).toBe('{"b":"\\"\\n"}');
  });

  it('hashes the canonical JSON without the checksum, as sha256sum would', () => {
    const pack = { version: '2026.11.1', id: 'p', files: { 'a/01.svg': 'ff' } };
    const expected = createHash('sha256').update('{"files":{"a/01.svg":"ff"},"id":"p","version":"2026.11.1"}', 'utf8').digest('hex');
    expect(packChecksum(pack)).toBe(expected);
    expect(packChecksum({ ...pack, checksum: 'whatever' })).toBe(expected);
    // Key order and formatting do not matter; content does.
    expect(packChecksum(JSON.parse(JSON.stringify({ id: 'p', files: { 'a/01.svg': 'ff' }, version: '2026.11.1' }, null, 2)))).toBe(expected);
    expect(packChecksum({ ...pack, version: '2026.11.2' })).not.toBe(expected);
  });

  it('hashes file bytes and texts like node:crypto', () => {
    const svg = '<svg viewBox="0 0 800 600"><!-- 王阿姨 --></svg>\n';
    expect(fileHash(svg)).toBe(createHash('sha256').update(svg, 'utf8').digest('hex'));
    expect(fileHash(new TextEncoder().encode(svg))).toBe(fileHash(svg));
  });
});
