import { createHallClient, signsIn, type HallClient, type Role } from '../../../shared/contract';
import { forgetPairedDevice, readPairedDevice, type NotPairedReason } from './device-pairing';
import { createIpcTransport } from './ipc-transport';
import { sessionStorageSignIn, withStaffSession, type StaffSession } from './staff-session';
import { createWebSocketTransport } from './ws-transport';

/**
 * The one place that knows which transport a page is on: the Electron bridge when the
 * preload put one there, else the Node host's WebSocket. Pages only see a HallClient.
 * A role that signs in (the clerk, the admin) gets its sign-in resumed on every (re)connection:
 * `session` says who is signed in (null for roles that never sign in).
 *
 * On the Node host a paired device connects with its device token; when the hub says it
 * is not (or no longer) paired, the token is forgotten and `onNotPaired` says which.
 */
export function connectHall(
  role: Role,
  language: string,
  onNotPaired: (reason: NotPairedReason) => void = () => {},
): { client: HallClient; session: StaffSession | null; close(): void } {
  const transport = window.hallBridge ? createIpcTransport(window.hallBridge) : createDeviceTransport(role, language, onNotPaired);
  if (!signsIn(role)) return { client: createHallClient(transport), session: null, close: () => transport.close() };
  const signedIn = withStaffSession(transport, sessionStorageSignIn(role));
  return { client: createHallClient(signedIn.transport), session: signedIn.session, close: () => signedIn.transport.close() };
}

function createDeviceTransport(role: Role, language: string, onNotPaired: (reason: NotPairedReason) => void) {
  const device = readPairedDevice();
  return createWebSocketTransport({
    role,
    language,
    ...(device ? { deviceToken: device.token } : {}),
    onNotPaired: () => {
      forgetPairedDevice();
      onNotPaired(device ? 'revoked' : 'notPaired');
    },
  });
}
