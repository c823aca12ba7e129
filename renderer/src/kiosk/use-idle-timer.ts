import { useCallback, useEffect, useRef, useState } from 'react';

const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel'] as const;

/**
 * Counts down while nobody touches the kiosk. Returns the seconds left before
 * `onTimeout` (null while the timer is off) and `stillHere` to start the count again.
 * Any touch, key or scroll anywhere on the page also starts it again.
 */
export function useIdleTimer(options: { active: boolean; idleSeconds: number; onTimeout: () => void }) {
  const { active, idleSeconds, onTimeout } = options;
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);
  const deadline = useRef(0);
  const timeout = useRef(onTimeout);
  timeout.current = onTimeout;

  const stillHere = useCallback(() => {
    deadline.current = Date.now() + idleSeconds * 1000;
    setSecondsLeft(idleSeconds);
  }, [idleSeconds]);

  useEffect(() => {
    if (!active) {
      setSecondsLeft(null);
      return;
    }
    stillHere();
    for (const name of ACTIVITY_EVENTS) document.addEventListener(name, stillHere, { capture: true, passive: true });
    // Ticks against a deadline, so a busy page never stretches the countdown.
    const tick = setInterval(() => {
      const left = Math.max(0, Math.ceil((deadline.current - Date.now()) / 1000));
      setSecondsLeft(left);
      if (left === 0) timeout.current();
    }, 250);
    return () => {
      clearInterval(tick);
      for (const name of ACTIVITY_EVENTS) document.removeEventListener(name, stillHere, { capture: true });
    };
  }, [active, stillHere]);

  return { secondsLeft, stillHere };
}
