import { describe, expect, it } from 'vitest';
import { historyPollMs } from './print-polling';

describe('how often the desk reads the print history while a job waits', () => {
  it('every 2 s in the first minute after a print, every 15 s until 10 minutes, then every minute', () => {
    expect(historyPollMs(0)).toBe(2_000);
    expect(historyPollMs(59_999)).toBe(2_000);
    expect(historyPollMs(60_000)).toBe(15_000);
    expect(historyPollMs(10 * 60_000 - 1)).toBe(15_000);
    expect(historyPollMs(10 * 60_000)).toBe(60_000);
    // A job queued for a printer that stays off all day.
    expect(historyPollMs(10 * 3_600_000)).toBe(60_000);
  });

  it('follows closely when the clock went back (nothing to back off from)', () => {
    expect(historyPollMs(-5_000)).toBe(2_000);
  });
});
