import { useEffect, useState } from 'react';
import { useHall } from '../../hall-context';

/** How often the desk asks again, so that a deadline running out during the day shows. */
export const DUE_REFRESH_MS = 5 * 60_000;

/**
 * The overdue deadlines of the signed-in clerk's own cases, for the due-list tab's label:
 * asked when the connection opens, whenever `refresh` changes (the tab is shown) and every
 * few minutes. null until known (or when the hall cannot say).
 */
export function useOverdueCount(refresh: unknown): number | null {
  const { client, connection, staff } = useHall();
  const [count, setCount] = useState<number | null>(null);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const timer = setInterval(() => setTick((value) => value + 1), DUE_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    if (connection === 0 || !staff) return;
    let current = true;
    client.call('visits.dueList', { scope: 'mine' }).then(
      ({ items }) => current && setCount(items.filter((item) => item.state === 'overdue').length),
      () => current && setCount(null),
    );
    return () => {
      current = false;
    };
  }, [client, connection, staff, refresh, tick]);

  return count;
}
