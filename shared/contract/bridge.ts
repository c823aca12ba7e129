import type { RpcPush, RpcReply, RpcRequest } from './envelope';
import type { ConnectionStatus } from './client';
import type { Role } from './roles';

/**
 * What the Electron preload exposes to the renderer as `window.hallBridge`
 * (contextBridge). The role is the window's, fixed by the main process; the renderer
 * cannot choose it. Requests are answered by the core in its utility process.
 */
export interface HallBridge {
  readonly role: Role;
  request(request: RpcRequest): Promise<RpcReply>;
  onPush(listener: (push: RpcPush) => void): () => void;
  /** The core's state: 'open' once it answers, 'connecting' while it (re)starts. Calls back at once with the current one. */
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}

/** IPC channel names shared by the main process and the preload. */
export const HALL_IPC = {
  request: 'hall:rpc',
  push: 'hall:push',
  role: 'hall:role',
  status: 'hall:status',
} as const;
