import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { methods, signsIn, type MethodName, type Role, type RpcReply } from '../../../shared/contract';
import { LANGUAGES, type Language } from '../../../shared/domain/languages';
import { createHallCore } from '../core';
import { DEMO_PASSWORD, DEMO_STAFF, seedDemoStaff } from '../hall/demo-seed';
import type { Logger } from '../ports';
import type { CallContext } from '../rpc/dispatcher';
import { createTestHall, ManualClock } from '../testing/test-core';
import { hashPassword } from './password-hash';
import { SIGN_IN_POLICY } from './sign-in-policy';
import { StaffService } from './staff-service';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

let sessions = 0;
/** A page of its own (a new WebSocket connection, another Electron window). */
const desk = (language: Language = 'zh-CN', role: Role = 'clerk'): CallContext => ({ role, language, sessionId: `desk-${++sessions}` });

function hall(options: { dataDir?: string; clock?: ManualClock; logger?: Logger } = {}) {
  const test = createTestHall(options);
  const signIn = (context: CallContext, staffNo: string, password: string) => test.dispatch(context, 'auth.signIn', { staffNo, password });
  return { ...test, signIn };
}

const errorOf = (reply: RpcReply) => (reply.ok ? null : reply.error);
const valueOf = (reply: RpcReply): any => {
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.value;
};

describe('signing in', () => {
  it('signs a desk in with a staff number and password, and tells it who it is', () => {
    const { signIn, dispatch, staffId } = hall();
    const page = desk();
    const { staff, token } = valueOf(signIn(page, ' 1002 ', DEMO_PASSWORD));
    expect(staff).toEqual({ id: staffId('1002'), staffNo: '1002', name: '李明', role: 'clerk' });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(valueOf(dispatch(page, 'auth.whoAmI', {}))).toEqual({ staff });
    expect(valueOf(dispatch(desk(), 'auth.whoAmI', {}))).toEqual({ staff: null }); // another page is not signed in
  });

  it('keeps only a hash of the token, and never the password', () => {
    const { signIn, core } = hall();
    const { token } = valueOf(signIn(desk(), '1001', DEMO_PASSWORD));
    const dump = JSON.stringify(core.db.prepare('SELECT * FROM staff_sessions').all()) + JSON.stringify(core.db.prepare('SELECT * FROM staff').all());
    expect(dump).not.toContain(token);
    expect(dump).not.toContain(DEMO_PASSWORD);
    expect(core.db.prepare('SELECT length(token_hash) FROM staff_sessions').pluck().get()).toBe(32);
  });

  it('answers an unknown staff number exactly as a wrong password', () => {
    const { signIn } = hall();
    for (const language of LANGUAGES) {
      const wrongPassword = errorOf(signIn(desk(language), '1001', 'not-the-password'));
      const unknownNumber = errorOf(signIn(desk(language), '4711', 'not-the-password'));
      expect(wrongPassword).toEqual(unknownNumber);
      expect(wrongPassword?.code).toBe('SIGN_IN_FAILED');
    }
    expect(errorOf(signIn(desk('en'), '4711', DEMO_PASSWORD))?.message).toBe('Wrong staff number or password');
  });

  it('locks a staff number after 5 failures in a row for 15 minutes, even for the right password; then lets it in', () => {
    const clock = new ManualClock(Date.parse('2026-11-24T09:30:00+08:00'));
    const { signIn } = hall({ clock });
    for (let attempt = 1; attempt < SIGN_IN_POLICY.maxFailures; attempt++) {
      expect(errorOf(signIn(desk(), '1003', `guess-${attempt}`))?.code).toBe('SIGN_IN_FAILED');
    }
    const fifth = errorOf(signIn(desk('en'), '1003', 'guess-5'));
    expect(fifth).toMatchObject({ code: 'SIGN_IN_LOCKED', message: 'Too many wrong passwords: this staff number is locked for now. Try again after 09:45.' });
    expect(fifth?.details).toMatchObject({ params: { until: '09:45', lockedUntil: Date.parse('2026-11-24T09:45:00+08:00') } });

    clock.advance(14 * 60_000);
    expect(errorOf(signIn(desk('zh-CN'), '1003', DEMO_PASSWORD))).toMatchObject({
      code: 'SIGN_IN_LOCKED',
      message: '密码连续输错次数过多，该工号已暂时锁定，请于 09:45 后再试',
    });
    expect(errorOf(signIn(desk('zh-HK'), '1003', DEMO_PASSWORD))?.message).toBe('密碼連續輸錯次數過多，該工號已暫時鎖定，請於 09:45 後再試');
    // Others are not locked out with it.
    expect(signIn(desk(), '1004', DEMO_PASSWORD).ok).toBe(true);

    clock.advance(SIGN_IN_POLICY.lockoutMs - 14 * 60_000);
    expect(valueOf(signIn(desk(), '1003', DEMO_PASSWORD)).staff.staffNo).toBe('1003');
  });

  it('counts failures in a row: a success starts again from zero, and so does a lockout that has ended', () => {
    const clock = new ManualClock();
    const { signIn } = hall({ clock });
    const fail = (times: number) => {
      for (let i = 0; i < times; i++) signIn(desk(), '1001', 'wrong');
    };
    fail(4);
    expect(signIn(desk(), '1001', DEMO_PASSWORD).ok).toBe(true);
    fail(4);
    expect(errorOf(signIn(desk(), '1001', 'wrong'))?.code).toBe('SIGN_IN_LOCKED');
    clock.advance(SIGN_IN_POLICY.lockoutMs);
    expect(errorOf(signIn(desk(), '1001', 'wrong'))?.code).toBe('SIGN_IN_FAILED');
  });

  it('locks an unknown staff number the same way, so the lockout does not tell which numbers exist', () => {
    const { signIn } = hall();
    const known: Array<string | undefined> = [];
    const unknown: Array<string | undefined> = [];
    for (let attempt = 0; attempt < SIGN_IN_POLICY.maxFailures + 1; attempt++) {
      known.push(errorOf(signIn(desk(), '1002', 'wrong'))?.message);
      unknown.push(errorOf(signIn(desk(), '8888', 'wrong'))?.message);
    }
    expect(unknown).toEqual(known);
    expect(known.at(-1)).toMatch(/锁定/);
  });

  it('keeps the lockout across a restart', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hall-staff-'));
    dirs.push(dataDir);
    const clock = new ManualClock();
    const first = hall({ dataDir, clock });
    for (let i = 0; i < SIGN_IN_POLICY.maxFailures; i++) first.signIn(desk(), '1001', 'wrong');
    first.core.close();
    const again = hall({ dataDir, clock });
    expect(errorOf(again.signIn(desk(), '1001', DEMO_PASSWORD))?.code).toBe('SIGN_IN_LOCKED');
    again.core.close();
  });

  it('refuses a disabled staff member as a wrong password, and ends their sessions at once', () => {
    const { signIn, dispatch, core, clock, staffId, windowId } = hall();
    const page = desk();
    const { token } = valueOf(signIn(page, '1004', DEMO_PASSWORD));
    expect(dispatch(page, 'queue.callNext', { windowId: windowId(1) }).ok).toBe(true);

    // disable() counts no failure: any counter key does.
    new StaffService(core.db, clock, () => 'Asia/Shanghai', core.audit, () => Buffer.alloc(32)).disable(staffId('1004'));
    expect(errorOf(dispatch(page, 'queue.callNext', { windowId: windowId(1) }))?.code).toBe('NOT_SIGNED_IN');
    expect(errorOf(dispatch(desk(), 'auth.resume', { token }))?.code).toBe('NOT_SIGNED_IN');
    expect(errorOf(signIn(desk(), '1004', DEMO_PASSWORD))?.code).toBe('SIGN_IN_FAILED');
    expect(core.db.prepare('SELECT COUNT(*) FROM staff_sessions WHERE staff_id = ?').pluck().get(staffId('1004'))).toBe(0);
  });

  it('refuses a staff member who has no password yet', () => {
    const { signIn, core } = hall();
    core.db.prepare("INSERT INTO staff (id, staff_no, name, role) VALUES ('01JD0000000000000000000000', '2001', '赵新', 'clerk')").run();
    expect(errorOf(signIn(desk(), '2001', ''))?.code).toBe('VALIDATION_FAILED');
    expect(errorOf(signIn(desk(), '2001', 'anything'))?.code).toBe('SIGN_IN_FAILED');
  });

  it('rehashes a password made with older parameters at the next sign-in, keeping when it was changed', () => {
    const { signIn, core, staffId } = hall();
    const old = hashPassword(DEMO_PASSWORD, { logN: 10, r: 8, p: 1 });
    core.db.prepare('UPDATE staff SET password_hash = ?, password_changed_at = 1 WHERE id = ?').run(old, staffId('1002'));
    expect(signIn(desk(), '1002', DEMO_PASSWORD).ok).toBe(true);
    const row = core.db.prepare('SELECT password_hash, password_changed_at FROM staff WHERE id = ?').get(staffId('1002')) as { password_hash: string; password_changed_at: number };
    expect(row.password_hash).not.toBe(old);
    expect(row.password_hash).toMatch(/^\$scrypt\$ln=15,/);
    expect(row.password_changed_at).toBe(1);
    expect(signIn(desk(), '1002', DEMO_PASSWORD).ok).toBe(true);
  });

  it('never echoes or logs the password or the token', () => {
    const lines: string[] = [];
    const logger: Logger = { info: (m, f) => lines.push(m + JSON.stringify(f)), warn: (m, f) => lines.push(m + JSON.stringify(f)), error: (m, f) => lines.push(m + JSON.stringify(f)) };
    const { signIn, dispatch } = hall({ logger });
    const secret = 'x'.repeat(300);
    const tooLong = signIn(desk(), '1001', secret);
    expect(errorOf(tooLong)?.code).toBe('VALIDATION_FAILED');
    expect(JSON.stringify(tooLong)).not.toContain(secret);
    expect(JSON.stringify(signIn(desk(), '1001', 'hunter22'))).not.toContain('hunter22');
    const { token } = valueOf(signIn(desk(), '1001', DEMO_PASSWORD));
    const malformed = dispatch(desk(), 'auth.resume', { token: `${token}!` });
    expect(JSON.stringify(malformed)).not.toContain(token);
    expect(lines.join('\n')).not.toMatch(new RegExp(`${DEMO_PASSWORD}|hunter22|${token.replace(/[-]/g, '\\-')}`));
  });
});

describe('sessions', () => {
  it('resume on a new connection with the token, also after a restart of the hub', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'hall-staff-'));
    dirs.push(dataDir);
    const clock = new ManualClock();
    const first = hall({ dataDir, clock });
    const { token, staff } = valueOf(first.signIn(desk(), '1001', DEMO_PASSWORD));
    first.core.close();

    const again = hall({ dataDir, clock });
    const page = desk();
    expect(errorOf(again.dispatch(page, 'queue.windowStatus', { windowId: again.windowId(1) }))?.code).toBe('NOT_SIGNED_IN');
    expect(valueOf(again.dispatch(page, 'auth.resume', { token }))).toEqual({ staff });
    expect(again.dispatch(page, 'queue.windowStatus', { windowId: again.windowId(1) }).ok).toBe(true);
    again.core.close();
  });

  it('end 12 hours after sign-in, however much they are used', () => {
    const clock = new ManualClock();
    const { signIn, dispatch, windowId } = hall({ clock });
    const page = desk();
    const { token } = valueOf(signIn(page, '1001', DEMO_PASSWORD));
    clock.advance(SIGN_IN_POLICY.sessionMs - 1);
    expect(dispatch(page, 'queue.windowStatus', { windowId: windowId(1) }).ok).toBe(true);
    clock.advance(1);
    expect(errorOf(dispatch(page, 'queue.windowStatus', { windowId: windowId(1) }))?.code).toBe('NOT_SIGNED_IN');
    expect(errorOf(dispatch(desk('en'), 'auth.resume', { token }))).toMatchObject({
      code: 'NOT_SIGNED_IN',
      message: 'Your sign-in has ended. Please sign in again.',
    });
  });

  it('sign-out revokes the token for every page that holds it', () => {
    const { signIn, dispatch, windowId } = hall();
    const page = desk();
    const { token } = valueOf(signIn(page, '1002', DEMO_PASSWORD));
    const reloaded = desk();
    valueOf(dispatch(reloaded, 'auth.resume', { token }));
    expect(valueOf(dispatch(page, 'auth.signOut', {}))).toEqual({});
    expect(valueOf(dispatch(page, 'auth.whoAmI', {}))).toEqual({ staff: null });
    expect(errorOf(dispatch(reloaded, 'queue.callNext', { windowId: windowId(1) }))?.code).toBe('NOT_SIGNED_IN');
    expect(errorOf(dispatch(desk(), 'auth.resume', { token }))?.code).toBe('NOT_SIGNED_IN');
  });

  it('a bearer token signs in one request only while it is valid', () => {
    const { signIn, dispatch, windowId } = hall();
    const { token } = valueOf(signIn(desk(), '1003', DEMO_PASSWORD));
    const request = () => ({ ...desk(), bearerToken: token });
    expect(valueOf(dispatch(request(), 'auth.whoAmI', {})).staff.staffNo).toBe('1003');
    expect(dispatch(request(), 'queue.windowStatus', { windowId: windowId(1) }).ok).toBe(true);
    expect(errorOf(dispatch({ ...desk(), bearerToken: 'A'.repeat(43) }, 'queue.windowStatus', { windowId: windowId(1) }))?.code).toBe('NOT_SIGNED_IN');
    valueOf(dispatch(request(), 'auth.signOut', {}));
    expect(errorOf(dispatch(request(), 'queue.windowStatus', { windowId: windowId(1) }))?.code).toBe('NOT_SIGNED_IN');
  });

  it('a new sign-in on the same page ends the token of the earlier one', () => {
    const { signIn, dispatch } = hall();
    const page = desk();
    const first = valueOf(signIn(page, '1001', DEMO_PASSWORD));
    const second = valueOf(signIn(page, '1002', DEMO_PASSWORD));
    expect(valueOf(dispatch(page, 'auth.whoAmI', {})).staff.staffNo).toBe('1002');
    expect(errorOf(dispatch(desk(), 'auth.resume', { token: first.token }))?.code).toBe('NOT_SIGNED_IN');
    expect(dispatch(desk(), 'auth.resume', { token: second.token }).ok).toBe(true);
  });

  it('forgets the binding when the host ends the session; the token still resumes elsewhere', () => {
    const { signIn, dispatch, core } = hall();
    const page = desk();
    const { token } = valueOf(signIn(page, '1001', DEMO_PASSWORD));
    core.endSession(page.sessionId);
    expect(valueOf(dispatch(page, 'auth.whoAmI', {}))).toEqual({ staff: null });
    expect(dispatch(desk(), 'auth.resume', { token }).ok).toBe(true);
  });
});

describe('the contract says which methods need a signed-in clerk or admin', () => {
  const names = Object.keys(methods) as MethodName[];

  it('refuses every method marked signIn to a clerk who is not signed in, in every language', () => {
    const { dispatch, core } = hall();
    const marked = names.filter((name) => methods[name].signIn && methods[name].roles.some(signsIn));
    expect(marked.length).toBeGreaterThan(15);
    const tickets = () => core.db.prepare('SELECT COUNT(*) FROM tickets').pluck().get();
    const before = tickets();
    for (const name of marked) {
      for (const role of methods[name].roles.filter(signsIn)) {
        for (const language of LANGUAGES) {
          const reply = dispatch(desk(language, role), name, {});
          expect(errorOf(reply)?.code, `${name} as ${role}`).toBe('NOT_SIGNED_IN');
        }
      }
    }
    expect(tickets()).toBe(before);
    expect(errorOf(dispatch(desk('en'), 'queue.callNext', {}))?.message).toBe('Please sign in first');
  });

  it('lets a clerk who is not signed in reach only what signing in and the public pages need', () => {
    const open = names.filter((name) => methods[name].roles.some(signsIn) && !methods[name].signIn);
    // The regulation comics are public reading (docs/comics.md), like the hall's information.
    expect(open.sort()).toEqual([
      'auth.resume',
      'auth.setupFirstAdmin',
      'auth.setupStatus',
      'auth.signIn',
      'auth.signOut',
      'auth.whoAmI',
      'comics.file',
      'comics.pack',
      'devices.pair',
      'hall.info',
      'queue.displayState',
      'queue.serviceWaits',
      'queue.ticketProgress',
    ]);
  });

  it('never asks kiosks or displays to sign in; the admin page signs in as an administrator', () => {
    const { dispatch, info, signIn } = hall();
    expect(dispatch(desk('zh-CN', 'kiosk'), 'queue.issueTicket', { serviceId: info.services[0].id }).ok).toBe(true);
    expect(dispatch(desk('zh-CN', 'display'), 'queue.displayState', {}).ok).toBe(true);
    const statsRange = { from: '2026-11-24', to: '2026-11-24', groupBy: 'day' };
    expect(errorOf(dispatch(desk('zh-CN', 'admin'), 'stats.queue', statsRange))?.code).toBe('NOT_SIGNED_IN');
    const admin = desk('zh-CN', 'admin');
    valueOf(signIn(admin, '9001', DEMO_PASSWORD));
    expect(dispatch(admin, 'stats.queue', statsRange).ok).toBe(true);
    // The admin page, signed in, cannot act on the queue in a clerk's stead.
    expect(errorOf(dispatch(admin, 'queue.callNext', { windowId: info.windows[0].id }))?.code).toBe('FORBIDDEN');
    for (const role of ['kiosk', 'display'] as const) {
      expect(errorOf(dispatch(desk('zh-CN', role), 'auth.signIn', { staffNo: '1001', password: DEMO_PASSWORD }))?.code).toBe('FORBIDDEN');
    }
  });
});

describe('the demo staff', () => {
  it('are seeded once on the demo site only, and all sign in with the demo password', () => {
    const demo = createHallCore({ dataDir: ':memory:', demo: true });
    expect(demo.db.prepare('SELECT staff_no, name, role FROM staff ORDER BY staff_no').all()).toEqual(
      DEMO_STAFF.map(({ staffNo, name, role }) => ({ staff_no: staffNo, name, role })),
    );
    expect(demo.db.prepare('SELECT COUNT(*) FROM staff WHERE password_changed_at IS NULL').pluck().get()).toBe(0);
    demo.close();

    // A real hall started with --demo by mistake gets no account with a known password.
    const site = createHallCore({ dataDir: ':memory:' });
    site.db.prepare("INSERT INTO hall_settings (key, value) VALUES ('siteCode', '\"440304\"')").run();
    expect(seedDemoStaff(site.db, 0)).toBe(false);
    expect(site.db.prepare('SELECT COUNT(*) FROM staff').pluck().get()).toBe(0);
    site.close();
  });

  it('are added to a demo database from before sign-in existed, where nobody could sign in', () => {
    const old = createHallCore({ dataDir: ':memory:', demo: true });
    old.db.exec("DELETE FROM staff; INSERT INTO staff (id, staff_no, name, role) VALUES ('01JD0000000000000000000000', 'demo01', '示范接待员', 'clerk')");
    expect(seedDemoStaff(old.db, Date.parse('2026-11-24T01:00:00Z'))).toBe(true);
    expect(old.db.prepare('SELECT COUNT(*) FROM staff WHERE password_hash IS NOT NULL').pluck().get()).toBe(DEMO_STAFF.length);
    expect(seedDemoStaff(old.db, Date.parse('2026-11-24T01:00:00Z'))).toBe(false);
    old.close();
  });
});
