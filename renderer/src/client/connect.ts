import { createHallClient, signsIn, type HallClient, type Role } from '../../../shared/contract';
import { createIpcTransport } from './ipc-transport';
import { sessionStorageSignIn, withStaffSession, type StaffSession } from './staff-session';
import { createWebSocketTransport } from './ws-transport';

/**
 * The one place that knows which transport a page is on: the Electron bridge when the
 * preload put one there, else the Node host's WebSocket. Pages only see a HallClient.
 * A role that signs in (the clerk) gets its sign-in resumed on every (re)connection:
 * `session` says who is signed in (null for roles that never sign in).
 */
export function connectHall(role: Role, language: string): { client: HallClient; session: StaffSession | null; close(): void } {
  const transport = window.hallBridge ? createIpcTransport(window.hallBridge) : createWebSocketTransport({ role, language });
  if (!signsIn(role)) return { client: createHallClient(transport), session: null, close: () => transport.close() };
  const signedIn = withStaffSession(transport, sessionStorageSignIn);
  return { client: createHallClient(signedIn.transport), session: signedIn.session, close: () => signedIn.transport.close() };
}
