import { describe, expect, it } from 'vitest';
import { methods, type RpcReply } from '../../../shared/contract';
import type { Language } from '../../../shared/domain/languages';
import { createHallCore } from '../core';
import { DEMO_PASSWORD } from '../hall/demo-seed';
import type { Logger } from '../ports';
import type { CallContext } from '../rpc/dispatcher';
import { createTestHall, ManualClock } from '../testing/test-core';
import { SIGN_IN_POLICY } from './sign-in-policy';

let sessions = 0;
const page = (role: 'admin' | 'clerk', language: Language = 'zh-CN'): CallContext => ({ role, language, sessionId: `${role}-${++sessions}` });

const errorOf = (reply: RpcReply) => (reply.ok ? null : reply.error);
const valueOf = (reply: RpcReply): any => {
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.value;
};

const NEW_PASSWORD = 'qiuju-2026';

function hall(options: { clock?: ManualClock; logger?: Logger } = {}) {
  const test = createTestHall(options);
  // The admin page, signed in as the demo administrator (createTestHall does that).
  const admin = (method: string, params: unknown, language: Language = 'zh-CN') => test.call('admin', method, params, language);
  const signIn = (staffNo: string, password: string, context = page('clerk')) => test.dispatch(context, 'auth.signIn', { staffNo, password });
  const create = (staffNo: string, name = '赵新', role = 'clerk') => valueOf(admin('staff.save', { staffNo, name, role }));
  return { ...test, admin, signIn, create };
}

describe('staff accounts, as the admin manages them', () => {
  it('creates a staff member without a password, who cannot sign in until one is set', () => {
    const { admin, signIn, create } = hall();
    const created = create(' 2001 ');
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9A-Z]{26}$/),
      staffNo: '2001',
      name: '赵新',
      role: 'clerk',
      active: true,
      hasPassword: false,
      passwordChangedAt: null,
      lockedUntil: null,
    });
    expect(valueOf(admin('staff.list', {})).staff).toContainEqual(created);
    expect(errorOf(signIn('2001', NEW_PASSWORD))?.code).toBe('SIGN_IN_FAILED');
  });

  it('lists every account in staff-number order, never with a hash', () => {
    const { admin, create } = hall();
    create('A17', '钱多多', 'admin');
    const { staff } = valueOf(admin('staff.list', {}));
    expect(staff.map((s: { staffNo: string }) => s.staffNo)).toEqual(['1001', '1002', '1003', '1004', '9001', 'A17']);
    for (const entry of staff) expect(Object.keys(entry).sort()).toEqual(['active', 'hasPassword', 'id', 'lockedUntil', 'name', 'passwordChangedAt', 'role', 'staffNo']);
    expect(JSON.stringify(staff)).not.toContain('$scrypt');
    expect(staff.find((s: { staffNo: string }) => s.staffNo === '1001')).toMatchObject({ hasPassword: true, passwordChangedAt: expect.any(Number) });
  });

  it('on a new hall, lists only the first administrator, made with the setup code', () => {
    let code = '';
    const site = createHallCore({ dataDir: ':memory:', onSetupCode: (made) => (code = made) });
    const context = page('admin');
    valueOf(site.dispatch({ id: 1, method: 'auth.setupFirstAdmin', params: { code, staffNo: 'A01', name: '林主任', password: NEW_PASSWORD } }, context));
    const reply = site.dispatch({ id: 2, method: 'staff.list', params: {} }, context);
    expect(valueOf(reply).staff).toEqual([expect.objectContaining({ staffNo: 'A01', name: '林主任', role: 'admin', active: true, hasPassword: true })]);
    site.close();
  });

  it('refuses a staff number that is taken (whatever its case) or malformed, saying why', () => {
    const { admin, create } = hall();
    create('B7');
    expect(errorOf(admin('staff.save', { staffNo: '1001', name: '重复', role: 'clerk' }))).toMatchObject({
      code: 'DUPLICATE',
      message: '工号 1001 已被「王丽」使用',
      details: { params: { context: 'staffNo', staffNo: '1001', name: '王丽' } },
    });
    expect(errorOf(admin('staff.save', { staffNo: 'b7', name: '重复', role: 'clerk' }, 'en'))?.message).toBe('Staff number B7 is already used by “赵新”');
    for (const staffNo of ['20 01', '工号1', '2001-1', 'x'.repeat(21)]) {
      expect(errorOf(admin('staff.save', { staffNo, name: '格式', role: 'clerk' })), staffNo).toMatchObject({
        code: 'INVALID_STAFF_NO',
        message: '工号应为 1 至 20 位数字或英文字母',
      });
    }
    expect(errorOf(admin('staff.save', { staffNo: '', name: '空', role: 'clerk' }))?.code).toBe('VALIDATION_FAILED');
    expect(errorOf(admin('staff.save', { staffNo: '2002', name: ' ', role: 'clerk' }))?.code).toBe('VALIDATION_FAILED');
    expect(errorOf(admin('staff.save', { staffNo: '2002', name: '角色', role: 'boss' }))?.code).toBe('VALIDATION_FAILED');
    expect(valueOf(admin('staff.list', {})).staff).toHaveLength(6);
  });

  it('changes a name and role; the number stays, and the desk shows the new name; a new role signs them out', () => {
    const { admin, signIn, dispatch, staffId } = hall();
    const desk = page('clerk');
    valueOf(signIn('1002', DEMO_PASSWORD, desk));
    // A rename is no reason to sign anyone out.
    valueOf(admin('staff.save', { id: staffId('1002'), name: '李明明', role: 'clerk' }));
    expect(valueOf(dispatch(desk, 'auth.whoAmI', {})).staff).toMatchObject({ name: '李明明', role: 'clerk' });
    // A new role is: it takes effect at their next sign-in.
    const changed = valueOf(admin('staff.save', { id: staffId('1002'), name: '李明明', role: 'admin' }));
    expect(changed).toMatchObject({ id: staffId('1002'), staffNo: '1002', name: '李明明', role: 'admin', hasPassword: true });
    expect(valueOf(dispatch(desk, 'auth.whoAmI', {})).staff).toBeNull();
    expect(valueOf(signIn('1002', DEMO_PASSWORD, page('admin'))).staff).toMatchObject({ name: '李明明', role: 'admin' });
    expect(errorOf(admin('staff.save', { id: staffId('1002'), staffNo: '1009', name: '改号', role: 'clerk' }))?.code).toBe('VALIDATION_FAILED');
    expect(errorOf(admin('staff.save', { id: '01JD0000000000000000000000', name: '无人', role: 'clerk' }))).toMatchObject({
      code: 'NOT_FOUND',
      message: '找不到该工作人员，请刷新页面后重试',
    });
  });

  it('sets a password the staff member then signs in with, and keeps only its hash', () => {
    const clock = new ManualClock();
    const { admin, signIn, create, core } = hall({ clock });
    const { id } = create('2001');
    const set = valueOf(admin('staff.setPassword', { id, password: NEW_PASSWORD }));
    expect(set).toMatchObject({ staffNo: '2001', hasPassword: true, passwordChangedAt: clock.now() });
    expect(JSON.stringify(set)).not.toContain(NEW_PASSWORD);
    expect(valueOf(signIn('2001', NEW_PASSWORD)).staff).toMatchObject({ staffNo: '2001', name: '赵新' });
    expect(JSON.stringify(core.db.prepare('SELECT * FROM staff').all())).not.toContain(NEW_PASSWORD);
  });

  it('refuses a weak password with the rule it breaks, in each language, and changes nothing', () => {
    const { admin, signIn, staffId } = hall();
    const id = staffId('1003');
    const cases = [
      ['short12', 'tooShort', '密码至少需要 8 个字符', '密碼至少需要 8 個字元', 'A password needs at least 8 characters'],
      ['aaaaaaaaaa', 'oneCharacter', '密码不能全部是同一个字符', '密碼不能全部是同一個字元', 'A password cannot be one character repeated'],
      ['12345678', 'sameAsStaffNo', '密码不能与工号相同', '密碼不能與工號相同', 'A password cannot be the staff number'],
    ] as const;
    const { id: longNumber } = valueOf(admin('staff.save', { staffNo: '12345678', name: '长工号', role: 'clerk' }));
    for (const [password, context, zhCN, zhHK, en] of cases) {
      const target = context === 'sameAsStaffNo' ? longNumber : id;
      const replies = (['zh-CN', 'zh-HK', 'en'] as const).map((language) => errorOf(admin('staff.setPassword', { id: target, password }, language)));
      expect(replies.map((error) => error?.code)).toEqual(['WEAK_PASSWORD', 'WEAK_PASSWORD', 'WEAK_PASSWORD']);
      expect(replies.map((error) => error?.message)).toEqual([zhCN, zhHK, en]);
      expect(replies[0]?.details).toMatchObject({ params: { context } });
      expect(JSON.stringify(replies)).not.toContain(password);
    }
    // The same staff number in other case is the staff number too.
    const { id: lettered } = valueOf(admin('staff.save', { staffNo: 'Clerk2026', name: '字母', role: 'clerk' }));
    expect(errorOf(admin('staff.setPassword', { id: lettered, password: 'clerk2026' }))?.details).toMatchObject({ params: { context: 'sameAsStaffNo' } });
    // Length counts characters, not bytes: eight Chinese characters will do.
    expect(admin('staff.setPassword', { id: lettered, password: '春眠不觉晓处处' }).ok).toBe(false);
    expect(admin('staff.setPassword', { id: lettered, password: '春眠不觉晓处处闻' }).ok).toBe(true);
    // 1003 keeps the password they had.
    expect(signIn('1003', DEMO_PASSWORD).ok).toBe(true);
  });

  it('setting a password signs the staff member out everywhere and lifts the lockout of their number', () => {
    const clock = new ManualClock();
    const { admin, signIn, dispatch, staffId, windowId } = hall({ clock });
    const desk = page('clerk');
    const { token } = valueOf(signIn('1004', DEMO_PASSWORD, desk));
    for (let i = 0; i < SIGN_IN_POLICY.maxFailures; i++) signIn('1004', 'forgotten');
    expect(errorOf(signIn('1004', DEMO_PASSWORD))?.code).toBe('SIGN_IN_LOCKED');
    expect(valueOf(admin('staff.list', {})).staff.find((s: { staffNo: string }) => s.staffNo === '1004').lockedUntil).toBe(
      clock.now() + SIGN_IN_POLICY.lockoutMs,
    );

    const reset = valueOf(admin('staff.setPassword', { id: staffId('1004'), password: NEW_PASSWORD }));
    expect(reset.lockedUntil).toBeNull();
    expect(errorOf(dispatch(desk, 'queue.callNext', { windowId: windowId(1) }))?.code).toBe('NOT_SIGNED_IN');
    expect(errorOf(dispatch(page('clerk'), 'auth.resume', { token }))?.code).toBe('NOT_SIGNED_IN');
    expect(errorOf(signIn('1004', DEMO_PASSWORD))?.code).toBe('SIGN_IN_FAILED');
    expect(valueOf(signIn('1004', NEW_PASSWORD)).staff.staffNo).toBe('1004');
  });

  it('disabling signs the staff member out at once and refuses their sign-in; enabling lets them in again', () => {
    const { admin, signIn, dispatch, staffId, windowId, core } = hall();
    const desk = page('clerk');
    valueOf(signIn('1001', DEMO_PASSWORD, desk));
    expect(dispatch(desk, 'queue.windowStatus', { windowId: windowId(1) }).ok).toBe(true);

    expect(valueOf(admin('staff.setActive', { id: staffId('1001'), active: false }))).toMatchObject({ staffNo: '1001', active: false });
    expect(errorOf(dispatch(desk, 'queue.windowStatus', { windowId: windowId(1) }))?.code).toBe('NOT_SIGNED_IN');
    expect(errorOf(signIn('1001', DEMO_PASSWORD))?.code).toBe('SIGN_IN_FAILED');
    expect(core.db.prepare('SELECT COUNT(*) FROM staff_sessions WHERE staff_id = ?').pluck().get(staffId('1001'))).toBe(0);
    // A disabled account may get a new password (it still cannot sign in).
    expect(admin('staff.setPassword', { id: staffId('1001'), password: NEW_PASSWORD }).ok).toBe(true);
    expect(errorOf(signIn('1001', NEW_PASSWORD))?.code).toBe('SIGN_IN_FAILED');

    expect(valueOf(admin('staff.setActive', { id: staffId('1001'), active: true }))).toMatchObject({ active: true });
    expect(valueOf(signIn('1001', NEW_PASSWORD, desk)).staff.staffNo).toBe('1001');
    expect(dispatch(desk, 'queue.windowStatus', { windowId: windowId(1) }).ok).toBe(true);
    expect(errorOf(admin('staff.setActive', { id: '01JD0000000000000000000000', active: false }))?.code).toBe('NOT_FOUND');
  });

  it('never logs a password', () => {
    const lines: string[] = [];
    const log = (message: string, fields?: object) => lines.push(message + JSON.stringify(fields));
    const { admin, create } = hall({ logger: { info: log, warn: log, error: log } });
    const { id } = create('2001');
    admin('staff.setPassword', { id, password: 'short' });
    admin('staff.setPassword', { id, password: NEW_PASSWORD });
    admin('staff.setPassword', { id, password: 'y'.repeat(300) });
    expect(lines.join('\n')).not.toMatch(/short|qiuju|yyyy/);
  });

  it('is the admin’s alone, signed in', () => {
    const { dispatch } = hall();
    for (const name of ['staff.list', 'staff.save', 'staff.setPassword', 'staff.setActive'] as const) {
      expect(methods[name]).toMatchObject({ roles: ['admin'], signIn: true });
      expect(errorOf(dispatch(page('admin'), name, {}))?.code).toBe('NOT_SIGNED_IN');
      for (const role of ['clerk', 'kiosk', 'display'] as const) {
        expect(errorOf(dispatch({ role, language: 'zh-CN', sessionId: `x-${role}` }, name, {}))?.code).toBe('FORBIDDEN');
      }
    }
  });
});
