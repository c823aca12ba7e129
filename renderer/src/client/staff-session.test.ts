import { describe, expect, it } from 'vitest';
import { createHallClient, type ConnectionStatus, type RpcReply, type RpcRequest, type RpcTransport, type SignIn, type StaffMember } from '../../../shared/contract';
import { withStaffSession, type SignInStore } from './staff-session';

const CLERK: StaffMember = { id: '01JD0000000000000000000001', staffNo: '1001', name: '王丽', role: 'clerk' };
const TOKEN = 'T'.repeat(43);

/** A connection the test opens and drops, answering with `answer`. */
function fakeConnection(answer: (request: RpcRequest) => RpcReply) {
  const sent: RpcRequest[] = [];
  const listeners = new Set<(status: ConnectionStatus) => void>();
  let status: ConnectionStatus = 'connecting';
  const transport: RpcTransport & { close(): void } = {
    request: async (request) => {
      sent.push(request);
      return answer(request);
    },
    onPush: () => () => {},
    onStatus(listener) {
      listeners.add(listener);
      listener(status);
      return () => listeners.delete(listener);
    },
    close() {},
  };
  const set = (next: ConnectionStatus) => {
    status = next;
    listeners.forEach((listener) => listener(next));
  };
  return { transport, sent, set, methods: () => sent.map((request) => request.method) };
}

function memoryStore(signedIn: boolean): SignInStore & { value: SignIn | null } {
  const store = {
    value: signedIn ? { token: TOKEN, staff: CLERK } : (null as SignIn | null),
    get: () => store.value,
    set: (next: SignIn | null) => void (store.value = next),
  };
  return store;
}

const ok = (request: RpcRequest, value: unknown): RpcReply => ({ id: request.id, ok: true, value });
const refused = (request: RpcRequest, code: 'NOT_SIGNED_IN' | 'UNAVAILABLE' | 'FORBIDDEN'): RpcReply => ({ id: request.id, ok: false, error: { code, message: code } });
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the signed-in connection of a desk', () => {
  it('resumes the stored sign-in before anything else on every (re)connection, and only then says it is open', async () => {
    const connection = fakeConnection((request) => (request.method === 'auth.resume' ? ok(request, { staff: CLERK }) : ok(request, { ticket: null })));
    const { transport, session } = withStaffSession(connection.transport, memoryStore(true));
    const statuses: ConnectionStatus[] = [];
    transport.onStatus!((status) => statuses.push(status));
    expect(session.staff()).toEqual(CLERK); // as stored, until the hub says otherwise

    const client = createHallClient(transport);
    const early = client.call('queue.callNext', { windowId: '01JD0000000000000000000002' }); // made before the connection opened
    connection.set('open');
    await early;
    expect(connection.methods()).toEqual(['auth.resume', 'queue.callNext']);
    expect(connection.sent[0]!.params).toEqual({ token: TOKEN });
    expect(session.staff()).toEqual(CLERK);
    expect(statuses).toEqual(['connecting', 'connecting', 'open']);

    connection.set('connecting');
    connection.set('open');
    await settle();
    expect(connection.methods()).toEqual(['auth.resume', 'queue.callNext', 'auth.resume']);
    expect(statuses.at(-1)).toBe('open');
  });

  it('keeps the token of a sign-in and forgets it on sign-out', async () => {
    const store = memoryStore(false);
    const connection = fakeConnection((request) => (request.method === 'auth.signIn' ? ok(request, { staff: CLERK, token: TOKEN }) : ok(request, {})));
    const { transport, session } = withStaffSession(connection.transport, store);
    const changes: Array<StaffMember | null> = [];
    session.onChange((staff) => changes.push(staff));
    connection.set('open');
    await settle();
    expect(connection.methods()).toEqual([]); // nothing to resume
    expect(session.staff()).toBeNull();

    const client = createHallClient(transport);
    await client.call('auth.signIn', { staffNo: '1001', password: 'demo1234' });
    expect(store.value).toEqual({ token: TOKEN, staff: CLERK });
    expect(session.staff()).toEqual(CLERK);
    await client.call('auth.signOut', {});
    expect(store.value).toBeNull();
    expect(changes).toEqual([CLERK, null]);
  });

  it('signs the page out when the hub says its sign-in has ended', async () => {
    const store = memoryStore(true);
    const connection = fakeConnection((request) => refused(request, 'NOT_SIGNED_IN'));
    const { session } = withStaffSession(connection.transport, store);
    connection.set('open');
    await settle();
    expect(store.value).toBeNull();
    expect(session.staff()).toBeNull();
  });

  it('keeps the token when the line drops during the resume', async () => {
    const store = memoryStore(true);
    const connection = fakeConnection((request) => refused(request, 'UNAVAILABLE'));
    const { session } = withStaffSession(connection.transport, store);
    connection.set('open');
    await settle();
    expect(store.value?.token).toBe(TOKEN);
    expect(session.staff()).toEqual(CLERK);
  });

  it('resumes and repeats a call the hub refused because it had lost the sign-in (a restart raced it)', async () => {
    let bound = true;
    const connection = fakeConnection((request) => {
      if (request.method === 'auth.resume') {
        bound = true;
        return ok(request, { staff: CLERK });
      }
      return bound ? ok(request, { ticket: null }) : refused(request, 'NOT_SIGNED_IN');
    });
    const { transport } = withStaffSession(connection.transport, memoryStore(true));
    connection.set('open');
    await settle();
    bound = false; // the hub restarted between two status changes
    const client = createHallClient(transport);
    await expect(client.call('queue.callNext', { windowId: '01JD0000000000000000000002' })).resolves.toEqual({ ticket: null });
    expect(connection.methods()).toEqual(['auth.resume', 'queue.callNext', 'auth.resume', 'queue.callNext']);
  });

  it("forgets a stored sign-in the page may not use (a clerk's token on the admin page)", async () => {
    const store = memoryStore(true);
    const connection = fakeConnection((request) => refused(request, 'FORBIDDEN'));
    const { session } = withStaffSession(connection.transport, store);
    connection.set('open');
    await settle();
    expect(store.value).toBeNull();
    expect(session.staff()).toBeNull();
  });

  it('keeps the sign-in the first administrator\'s creation answers, as a sign-in\'s', async () => {
    const admin: StaffMember = { id: '01JD0000000000000000000009', staffNo: 'A01', name: '林主任', role: 'admin' };
    const store = memoryStore(false);
    const connection = fakeConnection((request) => ok(request, { staff: admin, token: TOKEN }));
    const { transport, session } = withStaffSession(connection.transport, store);
    connection.set('open');
    await settle();
    await createHallClient(transport).call('auth.setupFirstAdmin', { code: '1234-5678', staffNo: 'A01', name: '林主任', password: 'lin-zhuren-2026' });
    expect(session.staff()).toEqual(admin);
    expect(store.value).toEqual({ staff: admin, token: TOKEN });
  });
});
