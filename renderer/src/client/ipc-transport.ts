import type { ConnectionStatus, HallBridge, RpcTransport } from '../../../shared/contract';

declare global {
  interface Window {
    /** Present only inside the Electron app (exposed by the preload). */
    hallBridge?: HallBridge;
  }
}

/** The HallClient's transport inside Electron: the preload bridge to the core's process. */
export function createIpcTransport(bridge: HallBridge): RpcTransport & { close(): void } {
  return {
    request: (request) => bridge.request(request),
    onPush: (listener) => bridge.onPush((push) => listener(push.event, push.data)),
    onStatus: (listener: (status: ConnectionStatus) => void) => bridge.onStatus(listener),
    close() {},
  };
}
