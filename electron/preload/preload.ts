/**
 * The preload of every role window (bundled to dist/electron/preload.cjs; sandboxed,
 * so CommonJS and only `electron` may be required). It exposes `window.hallBridge`
 * and nothing else: never ipcRenderer itself, never an IPC event object, so the page
 * can only send RPC envelopes on the one channel main checks.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { HALL_IPC, type HallBridge } from '../../shared/contract/bridge';
import type { ConnectionStatus } from '../../shared/contract/client';
import type { Role } from '../../shared/contract/roles';
import type { RpcPush, RpcReply, RpcRequest } from '../../shared/contract/envelope';

// The window's role, decided by main for this window; null when main does not know
// the window (then there is no bridge at all).
const role: unknown = ipcRenderer.sendSync(HALL_IPC.role);

/** The page's language (it keeps <html lang> current) for the core's error messages. */
function pageLanguage(): string {
  return document.documentElement.lang || navigator.language;
}

if (typeof role === 'string') {
  const bridge: HallBridge = {
    role: role as Role,
    request: (request: RpcRequest) => ipcRenderer.invoke(HALL_IPC.request, request, pageLanguage()) as Promise<RpcReply>,
    onStatus(listener: (status: ConnectionStatus) => void) {
      const relay = (_event: IpcRendererEvent, status: ConnectionStatus) => listener(status);
      ipcRenderer.on(HALL_IPC.status, relay);
      void (ipcRenderer.invoke(HALL_IPC.status) as Promise<ConnectionStatus>).then(listener);
      return () => {
        ipcRenderer.removeListener(HALL_IPC.status, relay);
      };
    },
    onPush(listener: (push: RpcPush) => void) {
      const relay = (_event: IpcRendererEvent, push: RpcPush) => listener({ event: push.event, data: push.data });
      ipcRenderer.on(HALL_IPC.push, relay);
      return () => {
        ipcRenderer.removeListener(HALL_IPC.push, relay);
      };
    },
  };
  contextBridge.exposeInMainWorld('hallBridge', bridge);
}
