import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RpcReply } from '../../../shared/contract';
import type { Language } from '../../../shared/domain/languages';
import { createHallCore } from '../core';
import type { Logger } from '../ports';
import type { CallContext } from '../rpc/dispatcher';
import { ManualClock } from '../testing/test-core';
import { SIGN_IN_POLICY } from './sign-in-policy';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

let sessions = 0;
const adminPage = (language: Language = 'zh-CN'): CallContext => ({ role: 'admin', language, sessionId: `first-run-${++sessions}` });
const errorOf = (reply: RpcReply) => (reply.ok ? null : reply.error);
const valueOf = (reply: RpcReply): any => {
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.value;
};

const ADMIN = { staffNo: 'A01', name: '林主任', password: 'lin-zhuren-2026' };

/** A new real hall (no --demo): no administrator, so a setup code. */
function newHall(options: { dataDir?: string; clock?: ManualClock; logger?: Logger } = {}) {
  const codes: string[] = [];
  const clock = options.clock ?? new ManualClock(Date.parse('2026-11-24T09:00:00+08:00'));
  const core = createHallCore({ dataDir: options.dataDir ?? ':memory:', clock, logger: options.logger, onSetupCode: (code) => codes.push(code) });
  let id = 0;
  const call = (context: CallContext, method: string, params: unknown) => core.dispatch({ id: ++id, method, params }, context);
  return { core, clock, codes, call };
}

/** A code of the same form that is not this one. */
const wrongCode = (code: string) => code.replace(/^\d/, (digit) => String((Number(digit) + 1) % 10));

describe('first run', () => {
  it('makes a one-time code of 8 digits when the hall has no administrator, and none for the demo', () => {
    const { codes, core } = newHall();
    expect(codes).toEqual([expect.stringMatching(/^\d{4}-\d{4}$/)]);
    core.close();
    const demoCodes: string[] = [];
    createHallCore({ dataDir: ':memory:', demo: true, onSetupCode: (code) => demoCodes.push(code) }).close();
    expect(demoCodes).toEqual([]);
  });

  it('never logs the code, nor keeps it in the database', () => {
    const lines: string[] = [];
    const logger: Logger = { info: (m, f) => lines.push(m + JSON.stringify(f ?? {})), warn: (m, f) => lines.push(m + JSON.stringify(f ?? {})), error: (m, f) => lines.push(m + JSON.stringify(f ?? {})) };
    const { codes, core } = newHall({ logger });
    const digits = codes[0]!.replace('-', '');
    expect(lines.join('\n')).not.toContain(digits);
    expect(lines.join('\n')).not.toContain(codes[0]);
    // Where sign-in and settings live (the seeded dictionaries' many numbers would make a chance match likely).
    for (const table of ['staff', 'staff_sessions', 'sign_in_failures', 'hall_settings', 'audit_log']) {
      const dump = JSON.stringify(core.db.prepare(`SELECT * FROM "${table}"`).all());
      expect(dump, table).not.toContain(digits);
    }
  });

  it('creates the first administrator with the code, signs the page in, and the code is gone', () => {
    const { codes, call, core } = newHall();
    const page = adminPage();
    expect(valueOf(call(page, 'auth.setupStatus', {}))).toEqual({ needed: true });
    // Not signed in: the admin methods are refused.
    expect(errorOf(call(page, 'staff.list', {}))?.code).toBe('NOT_SIGNED_IN');

    const created = valueOf(call(page, 'auth.setupFirstAdmin', { code: codes[0]!.replace('-', ' '), ...ADMIN }));
    expect(created).toEqual({ staff: { id: expect.any(String), staffNo: 'A01', name: '林主任', role: 'admin' }, token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) });
    expect(valueOf(call(page, 'auth.whoAmI', {}))).toEqual({ staff: created.staff });
    expect(valueOf(call(page, 'staff.list', {})).staff).toEqual([expect.objectContaining({ staffNo: 'A01', role: 'admin', hasPassword: true })]);
    expect(valueOf(call(adminPage(), 'auth.setupStatus', {}))).toEqual({ needed: false });

    // Used up: the same code again (or any) is refused, and signing in is the way now.
    expect(errorOf(call(adminPage('en'), 'auth.setupFirstAdmin', { code: codes[0], ...ADMIN, staffNo: 'A02' }))).toMatchObject({
      code: 'CONFLICT',
      message: 'This hall already has an administrator: sign in instead.',
    });
    expect(valueOf(call(adminPage(), 'auth.signIn', { staffNo: 'A01', password: ADMIN.password })).staff.id).toBe(created.staff.id);

    const rows = core.db.prepare('SELECT actor_id, action, subject, details FROM audit_log').all();
    expect(rows).toEqual([
      { actor_id: created.staff.id, action: 'auth.setupFirstAdmin', subject: `staff:${created.staff.id}`, details: JSON.stringify({ name: '林主任', staffNo: 'A01' }) },
      expect.objectContaining({ action: 'auth.signIn' }),
    ]);
    expect(JSON.stringify(rows)).not.toContain(ADMIN.password);
    expect(core.audit.verify()).toMatchObject({ ok: true });
  });

  it('refuses a wrong code in words; after 5 in a row the setup is locked 15 minutes, even for the right code', () => {
    const { codes, call, clock, core } = newHall();
    const wrong = wrongCode(codes[0]!);
    for (let attempt = 1; attempt < SIGN_IN_POLICY.maxFailures; attempt++) {
      expect(errorOf(call(adminPage('en'), 'auth.setupFirstAdmin', { code: wrong, ...ADMIN }))).toMatchObject({
        code: 'SIGN_IN_FAILED',
        message: 'Wrong setup code. Use the code the host printed when it last started.',
      });
    }
    expect(errorOf(call(adminPage('en'), 'auth.setupFirstAdmin', { code: wrong, ...ADMIN }))).toMatchObject({
      code: 'SIGN_IN_LOCKED',
      message: 'Too many wrong setup codes: the setup is locked for now. Try again after 09:15.',
    });
    expect(errorOf(call(adminPage(), 'auth.setupFirstAdmin', { code: codes[0], ...ADMIN }))?.code).toBe('SIGN_IN_LOCKED');
    expect(core.db.prepare('SELECT COUNT(*) FROM staff').pluck().get()).toBe(0);
    expect(core.db.prepare("SELECT COUNT(*) FROM audit_log WHERE action = 'auth.setupFailed'").pluck().get()).toBe(5);

    clock.advance(SIGN_IN_POLICY.lockoutMs);
    expect(valueOf(call(adminPage(), 'auth.setupFirstAdmin', { code: codes[0], ...ADMIN })).staff.staffNo).toBe('A01');
  });

  it('keeps the code when the number or password is refused, saying which rule', () => {
    const { codes, call } = newHall();
    expect(errorOf(call(adminPage('en'), 'auth.setupFirstAdmin', { code: codes[0], ...ADMIN, password: 'short' }))).toMatchObject({
      code: 'WEAK_PASSWORD',
      message: 'A password needs at least 8 characters',
    });
    expect(errorOf(call(adminPage(), 'auth.setupFirstAdmin', { code: codes[0], ...ADMIN, password: 'a01' }))?.code).toBe('WEAK_PASSWORD');
    expect(errorOf(call(adminPage(), 'auth.setupFirstAdmin', { code: codes[0], ...ADMIN, staffNo: '工号1' }))?.code).toBe('INVALID_STAFF_NO');
    expect(errorOf(call(adminPage(), 'auth.setupFirstAdmin', { code: '1234', ...ADMIN }))?.code).toBe('VALIDATION_FAILED');
    expect(call(adminPage(), 'auth.setupFirstAdmin', { code: codes[0], ...ADMIN }).ok).toBe(true);
  });

  it('is for the admin page only; a restart makes a new code, until an administrator exists', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'first-run-'));
    dirs.push(dataDir);
    const first = newHall({ dataDir });
    for (const role of ['kiosk', 'display', 'clerk'] as const) {
      expect(errorOf(first.call({ role, language: 'zh-CN', sessionId: `s-${role}` }, 'auth.setupFirstAdmin', { code: first.codes[0], ...ADMIN }))?.code).toBe('FORBIDDEN');
    }
    first.core.close();

    const second = newHall({ dataDir });
    expect(second.codes).toHaveLength(1);
    // The first start's code is no good any more (unless chance made the same one).
    if (second.codes[0] !== first.codes[0]) expect(errorOf(second.call(adminPage(), 'auth.setupFirstAdmin', { code: first.codes[0], ...ADMIN }))?.code).toBe('SIGN_IN_FAILED');
    valueOf(second.call(adminPage(), 'auth.setupFirstAdmin', { code: second.codes[0], ...ADMIN }));
    second.core.close();

    const third = newHall({ dataDir });
    expect(third.codes).toEqual([]);
    expect(valueOf(third.call(adminPage(), 'auth.setupStatus', {}))).toEqual({ needed: false });
    third.core.close();
  });
});
