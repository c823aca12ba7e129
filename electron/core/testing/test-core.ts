import { randomBytes } from 'node:crypto';
import type { Role, RpcReply } from '../../../shared/contract';
import type { Language } from '../../../shared/domain/languages';
import { createHallCore, type HallCore } from '../core';
import { DEMO_STAFF } from '../hall/demo-seed';
import { systemClock, type Clock, type DataKeyStore, type IdCardReader, type Logger, type RawPrinter, type SystemPrinter, type TicketPrinter } from '../ports';
import type { PrintingOptions } from '../printing/printing-service';
import type { RetentionOptions } from '../retention/retention-service';
import type { CallContext } from '../rpc/dispatcher';
import { SIGN_IN_POLICY } from '../staff/sign-in-policy';
import { hashToken } from '../staff/staff-service';
import { StaffStore } from '../staff/staff-store';

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private current = Date.parse('2026-11-24T01:00:00Z')) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/** The demo clerk the test hall's clerk calls are signed in as. */
export const TEST_CLERK = DEMO_STAFF[0]!;
/** The demo administrator the test hall's admin calls are signed in as. */
export const TEST_ADMIN = DEMO_STAFF.find((member) => member.role === 'admin')!;

/**
 * A session token for a demo staff member, made straight in the database: what
 * auth.signIn would give, without its quarter second of scrypt (tests only; sign-in
 * itself is tested in staff/staff.test.ts).
 */
export function sessionTokenFor(core: HallCore, clock: Clock, staffNo: string): string {
  const account = new StaffStore(core.db).account(staffNo);
  if (!account) throw new Error(`no staff member ${staffNo}`);
  const token = randomBytes(32).toString('base64url');
  const now = clock.now();
  new StaffStore(core.db).insertSession(hashToken(token), account.id, now, now + SIGN_IN_POLICY.sessionMs);
  return token;
}

/**
 * The admin page of a demo hall's core the test made itself, signed in as TEST_ADMIN
 * (its bearer token: good for every call until the session ends).
 */
export function adminPageOf(core: HallCore, clock: Clock = systemClock, language: Language = 'zh-CN'): CallContext {
  return { role: 'admin', language, sessionId: `admin-page-of-${randomBytes(4).toString('hex')}`, bearerToken: sessionTokenFor(core, clock, TEST_ADMIN.staffNo) };
}

/**
 * A demo hall on an in-memory database, with a helper to call it as a given role.
 * Calls as 'clerk' come from a desk signed in as TEST_CLERK, calls as 'admin' from an
 * admin page signed in as TEST_ADMIN, however far the test moves the clock; `dispatch`
 * calls with a context of the test's own (e.g. a desk nobody signed in at).
 *
 * The print queue does not run by itself (`printing: { autoRun: false }`): no timer, no
 * printer asked for its state, until the test calls `core.printing.runDue()` or
 * `refreshStatus()`. A test of the queue's own timers passes `printing: { autoRun: true }`.
 * Likewise the retention job (`retention: { autoRun: false }`): it runs when the test calls
 * `core.retention.runNow()` or `runInBackground()`.
 */
export function createTestHall(
  options: {
    clock?: Clock;
    dataDir?: string;
    ticketPrinter?: TicketPrinter;
    idCardReader?: IdCardReader;
    logger?: Logger;
    rawPrinter?: RawPrinter;
    systemPrinter?: SystemPrinter;
    printing?: PrintingOptions;
    retention?: RetentionOptions;
    /** Default: the core's (a key file in dataDir, a random key in memory). */
    dataKeys?: DataKeyStore;
  } = {},
) {
  const clock = options.clock ?? new ManualClock();
  const core = createHallCore({
    dataDir: options.dataDir ?? ':memory:',
    demo: true,
    clock,
    ticketPrinter: options.ticketPrinter,
    idCardReader: options.idCardReader,
    logger: options.logger,
    rawPrinter: options.rawPrinter,
    systemPrinter: options.systemPrinter,
    printing: { autoRun: false, ...options.printing },
    retention: { autoRun: false, ...options.retention },
    dataKeys: options.dataKeys,
  });
  let nextId = 1;
  const dispatch = (context: CallContext, method: string, params?: unknown): RpcReply => core.dispatch({ id: nextId++, method, params }, context);
  const signInPage = (role: 'clerk' | 'admin', sessionId: string) => {
    const staffNo = role === 'clerk' ? TEST_CLERK.staffNo : TEST_ADMIN.staffNo;
    const reply = dispatch({ role, language: 'zh-CN', sessionId }, 'auth.resume', { token: sessionTokenFor(core, clock, staffNo) });
    if (!reply.ok) throw new Error(`could not sign the test ${role} page in: ${reply.error.code}`);
  };
  const call = (role: Role, method: string, params?: unknown, language: Language = 'zh-CN'): RpcReply => {
    const context = { role, language, sessionId: `test-${role}` };
    const reply = dispatch(context, method, params);
    // Not signed in yet, or the clock moved past the session's end (a test of several days): sign in again.
    if ((role === 'clerk' || role === 'admin') && !reply.ok && reply.error.code === 'NOT_SIGNED_IN') {
      signInPage(role, context.sessionId);
      return dispatch(context, method, params);
    }
    return reply;
  };
  const value = <T = any>(role: Role, method: string, params?: unknown): T => {
    const reply = call(role, method, params);
    if (!reply.ok) throw new Error(`${method} failed: ${reply.error.code} ${reply.error.message}`);
    return reply.value as T;
  };
  const info = value('admin', 'hall.info', {});
  const serviceId = (letter: string): string => info.services.find((s: { letter: string }) => s.letter === letter).id;
  const windowId = (number: number): string => info.windows.find((w: { number: number }) => w.number === number).id;
  const staffId = (staffNo: string): string => new StaffStore(core.db).account(staffNo)!.id;
  return { core, clock, call, value, dispatch, info, serviceId, windowId, staffId };
}
