/**
 * How long the desk waits before reading a case's print history again while one of its
 * jobs is queued or printing, by the time since the last print asked at this desk. A job
 * usually prints within seconds, so its state is followed closely at first; a job that
 * waits for a printer that is off may wait for hours, and is then read less and less often.
 */
export function historyPollMs(sinceLastPrintMs: number): number {
  if (sinceLastPrintMs < 60_000) return 2_000;
  if (sinceLastPrintMs < 10 * 60_000) return 15_000;
  return 60_000;
}
