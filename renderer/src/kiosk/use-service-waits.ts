import { useCallback, useEffect, useState } from 'react';
import { useHall } from '../hall-context';

export type ServiceWait = { waiting: number; estimatedWaitMinutes: number | null };

/** How long each service waits now, kept current as the queue changes. */
export function useServiceWaits(): Map<string, ServiceWait> {
  const { client, connection } = useHall();
  const [waits, setWaits] = useState<Map<string, ServiceWait>>(new Map());
  const load = useCallback(() => {
    client.call('queue.serviceWaits', {}).then(
      ({ services }) => setWaits(new Map(services.map((s) => [s.serviceId, s]))),
      () => {},
    );
  }, [client]);
  useEffect(() => {
    if (connection > 0) load();
  }, [load, connection]);
  useEffect(() => client.on('queue.waitingChanged', load), [client, load]);
  return waits;
}
