import { useEffect, useRef } from 'react';

/**
 * Calls `load` now and every `everyMs` while the page is open and connected (`active`),
 * the next call only after the last one settled: a slow hall never gets calls piled up.
 * `load` may change between renders; the newest one is called. A change of `restartOn`
 * (e.g. a filter) calls it at once and polls on from there.
 */
export function usePolling(load: () => Promise<unknown>, everyMs: number, active: boolean, restartOn?: unknown): void {
  const latest = useRef(load);
  latest.current = load;
  useEffect(() => {
    if (!active) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = () => {
      const next = () => {
        if (!stopped) timer = setTimeout(tick, everyMs);
      };
      // A failed load shows its own error; polling goes on.
      latest.current().then(next, next);
    };
    tick();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [everyMs, active, restartOn]);
}
