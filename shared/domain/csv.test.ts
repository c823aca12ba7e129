import { describe, expect, it } from 'vitest';
import { toCsv } from './csv';

describe('csv', () => {
  it('quotes what needs quoting and keeps Chinese as it is', () => {
    expect(toCsv([['事项', '等候'], ['A 投诉建议', 3], ['说 "你好", 再见', null]])).toBe('事项,等候\r\nA 投诉建议,3\r\n"说 ""你好"", 再见",\r\n');
  });

  it('marks the Excel variant with a UTF-8 byte-order mark', () => {
    expect(toCsv([['a']], { excel: true })).toBe('\uFEFFa\r\n');
    expect(toCsv([['a']])).toBe('a\r\n');
  });

  it('never lets a text cell become a formula, but keeps negative numbers', () => {
    expect(toCsv([['=HYPERLINK("x")', '+1', '@SUM(A1)', -2]])).toBe(`"'=HYPERLINK(""x"")",'+1,'@SUM(A1),-2\r\n`);
  });
});
