import { useCallback, useEffect, useState } from 'react';
import type { MethodOutput, Ticket } from '../../../shared/contract';
import { useHall } from '../hall-context';

type WindowStatus = MethodOutput<'queue.windowStatus'>;

/**
 * A window's live state for the desk: its status and the tickets it may call,
 * reloaded on every queue change and whenever the connection (re)opens. `act` runs
 * one clerk action, keeps its error for the page, and reloads.
 */
export function useWindowDesk(windowId: string) {
  const { client, connection } = useHall();
  const [status, setStatus] = useState<WindowStatus | null>(null);
  const [waiting, setWaiting] = useState<Ticket[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const refresh = useCallback(async () => {
    try {
      const [nextStatus, list] = await Promise.all([
        client.call('queue.windowStatus', { windowId }),
        client.call('queue.waitingList', { windowId, limit: 200 }),
      ]);
      setStatus(nextStatus);
      setWaiting(list.tickets);
    } catch (failure) {
      setError(failure);
    }
  }, [client, windowId]);

  useEffect(() => {
    if (connection > 0) void refresh();
  }, [refresh, connection]);
  useEffect(() => client.on('queue.waitingChanged', () => void refresh()), [client, refresh]);

  const act = useCallback(
    async (action: () => Promise<unknown>): Promise<boolean> => {
      setBusy(true);
      setError(null);
      try {
        await action();
        return true;
      } catch (failure) {
        setError(failure);
        return false;
      } finally {
        await refresh();
        setBusy(false);
      }
    },
    [refresh],
  );

  return { status, waiting, busy, error, act, clearError: () => setError(null) };
}
