import { createHallClient, type HallClient, type Role } from '../../../shared/contract';
import { createIpcTransport } from './ipc-transport';
import { createWebSocketTransport } from './ws-transport';

/**
 * The one place that knows which transport a page is on: the Electron bridge when the
 * preload put one there, else the Node host's WebSocket. Pages only see a HallClient.
 */
export function connectHall(role: Role, language: string): { client: HallClient; close(): void } {
  const transport = window.hallBridge ? createIpcTransport(window.hallBridge) : createWebSocketTransport({ role, language });
  return { client: createHallClient(transport), close: () => transport.close() };
}
