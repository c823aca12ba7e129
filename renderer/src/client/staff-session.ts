import {
  signInSchema,
  type ConnectionStatus,
  type Role,
  type RpcReply,
  type RpcRequest,
  type RpcTransport,
  type SignIn,
  type StaffMember,
} from '../../../shared/contract';

const REQUEST_TIMEOUT_MS = 10_000;

/**
 * Where a page keeps its sign-in (the token, and who it is for): sessionStorage, so
 * that a reload — or a reconnection to a restarted hub — resumes without asking again,
 * and closing the tab forgets it.
 */
export interface SignInStore {
  get(): SignIn | null;
  set(signIn: SignIn | null): void;
}

/** The sign-in of a role's page (`hall.session.clerk`, `hall.session.admin`): a tab that visits both keeps each its own. */
export function sessionStorageSignIn(role: Role): SignInStore {
  const key = `hall.session.${role}`;
  return {
    get() {
      try {
        const parsed = signInSchema.safeParse(JSON.parse(window.sessionStorage.getItem(key) ?? 'null'));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    set(signIn) {
      if (signIn === null) window.sessionStorage.removeItem(key);
      else window.sessionStorage.setItem(key, JSON.stringify(signIn));
    },
  };
}

/** Replies that sign the page in: a sign-in, and the first administrator's creation. */
const SIGNING_IN = new Set(['auth.signIn', 'auth.setupFirstAdmin']);

export interface StaffSession {
  /** Who the page is signed in as, or null. */
  staff(): StaffMember | null;
  onChange(listener: (staff: StaffMember | null) => void): () => void;
}

interface Held {
  request: RpcRequest;
  resolve: (reply: RpcReply) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * A transport for a page whose user signs in (the clerk's desk). The core binds a
 * sign-in to the connection, so every time the connection (re)opens — a reload, the
 * hub restarted, the language switched — this sends auth.resume with the stored token
 * *before anything else*: the page learns the connection is 'open' only afterwards,
 * and requests made meanwhile wait for it. It keeps the sign-in from auth.signIn's
 * reply and forgets it on auth.signOut, or when the core says it has ended. A call
 * refused NOT_SIGNED_IN though the page was signed in (it raced a reconnection) is
 * resumed and sent once more: refused before it ran, it is safe to repeat.
 */
export function withStaffSession(inner: RpcTransport & { close(): void }, store: SignInStore): { transport: RpcTransport & { close(): void }; session: StaffSession } {
  // Who the stored sign-in is for, until the hub says otherwise: a reload shows the desk at once.
  let staff: StaffMember | null = store.get()?.staff ?? null;
  let innerStatus: ConnectionStatus = 'connecting';
  let ready = false;
  /** Bumped on every connection change: the handshake of an earlier connection finishing late changes nothing. */
  let generation = 0;
  let resumeIds = 0;
  let resuming: Promise<boolean> | null = null;
  const held: Held[] = [];
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  const staffListeners = new Set<(staff: StaffMember | null) => void>();

  const setSignIn = (signIn: SignIn | null) => {
    store.set(signIn);
    staff = signIn?.staff ?? null;
    staffListeners.forEach((listener) => listener(staff));
  };
  const outerStatus = (): ConnectionStatus => (ready ? 'open' : innerStatus === 'closed' ? 'closed' : 'connecting');
  const emitStatus = () => {
    const status = outerStatus();
    statusListeners.forEach((listener) => listener(status));
  };

  /** auth.resume with the stored token; true when the page is signed in again. */
  const resume = (): Promise<boolean> =>
    (resuming ??= (async () => {
      const stored = store.get();
      if (!stored) return false;
      const reply = await inner.request({ id: `auth.resume-${++resumeIds}`, method: 'auth.resume', params: { token: stored.token } });
      if (reply.ok) {
        setSignIn({ token: stored.token, staff: (reply.value as { staff: StaffMember }).staff });
        return true;
      }
      // Ended, revoked, malformed or not for this page (a clerk's on the admin page): the
      // page signs in again. Anything else (the line dropped again) keeps the sign-in for
      // the next connection.
      if (reply.error.code === 'NOT_SIGNED_IN' || reply.error.code === 'VALIDATION_FAILED' || reply.error.code === 'FORBIDDEN') setSignIn(null);
      return false;
    })().finally(() => (resuming = null)));

  const send = async (request: RpcRequest): Promise<RpcReply> => {
    // Forgotten here first: whatever the hub answers, this page is signed out.
    if (request.method === 'auth.signOut') setSignIn(null);
    const wasSignedIn = staff !== null;
    let reply = await inner.request(request);
    if (!reply.ok && reply.error.code === 'NOT_SIGNED_IN' && wasSignedIn && !request.method.startsWith('auth.')) {
      if (await resume()) reply = await inner.request(request);
    }
    if (reply.ok && SIGNING_IN.has(request.method)) setSignIn(reply.value as SignIn);
    return reply;
  };

  const release = () => {
    for (const item of held.splice(0)) {
      clearTimeout(item.timer);
      void send(item.request).then(item.resolve);
    }
  };

  const onInnerStatus = (status: ConnectionStatus) => {
    innerStatus = status;
    const current = ++generation;
    ready = false;
    emitStatus();
    if (status !== 'open') return;
    void resume().then(() => {
      if (current !== generation) return;
      ready = true;
      emitStatus();
      release();
    });
  };
  let stopInner = () => {};
  if (inner.onStatus) stopInner = inner.onStatus(onInnerStatus);
  else onInnerStatus('open'); // a transport without connection changes (in-process) is open from the start

  const transport: RpcTransport & { close(): void } = {
    request(request) {
      if (ready) return send(request);
      return new Promise((resolve) => {
        const item: Held = {
          request,
          resolve,
          timer: setTimeout(() => {
            held.splice(held.indexOf(item), 1);
            resolve({ id: request.id, ok: false, error: { code: 'UNAVAILABLE', message: 'UNAVAILABLE' } });
          }, REQUEST_TIMEOUT_MS),
        };
        held.push(item);
      });
    },
    onPush: (listener) => inner.onPush(listener),
    onStatus(listener) {
      statusListeners.add(listener);
      listener(outerStatus());
      return () => statusListeners.delete(listener);
    },
    close() {
      stopInner();
      inner.close();
    },
  };
  const session: StaffSession = {
    staff: () => staff,
    onChange(listener) {
      staffListeners.add(listener);
      return () => staffListeners.delete(listener);
    },
  };
  return { transport, session };
}
