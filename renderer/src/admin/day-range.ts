/** The epoch range of a calendar day (`YYYY-MM-DD`) in a time zone: [from, to). */
export function dayRangeIn(day: string, timeZone: string): { from: number; to: number } {
  const startOf = (date: string) => {
    const utcMidnight = Date.parse(`${date}T00:00:00Z`);
    // The zone's offset at that moment, then once more at the corrected moment (a DST change at midnight).
    const offsetAt = (epochMs: number) => wallClockAsUtc(epochMs, timeZone) - epochMs;
    const first = utcMidnight - offsetAt(utcMidnight);
    return utcMidnight - offsetAt(first);
  };
  const next = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { from: startOf(day), to: startOf(next) };
}

/** The wall-clock time of a moment in a zone, read as if it were UTC. */
function wallClockAsUtc(epochMs: number, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' })
      .formatToParts(epochMs)
      .map((part) => [part.type, part.value]),
  );
  return Date.parse(`${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:${parts.second}Z`);
}
