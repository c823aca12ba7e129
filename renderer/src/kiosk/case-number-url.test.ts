import { describe, expect, it } from 'vitest';
import { caseNumberFromUrl } from './case-number-url';

describe('the case number of a /case/<number> address', () => {
  it('takes a receipt’s number as it is, and in the upper case the look-up sends', () => {
    expect(caseNumberFromUrl('DEMO-20261124-001')).toBe('DEMO-20261124-001');
    expect(caseNumberFromUrl('demo-20261124-001')).toBe('DEMO-20261124-001');
    expect(caseNumberFromUrl('DEMO%2D20261124%2D001')).toBe('DEMO-20261124-001');
  });

  it('refuses what the kiosk’s look-up would not accept', () => {
    for (const segment of ['', '-DEMO-1', 'DEMO 2026', '案件1', 'DEMO-<b>', 'A'.repeat(41), '%E0%A4%A', 'DEMO%20X']) {
      expect(caseNumberFromUrl(segment), segment).toBeNull();
    }
    expect(caseNumberFromUrl('A'.repeat(40))).toBe('A'.repeat(40));
  });
});
