import { describe, expect, it } from 'vitest';
import type { RpcReply } from '../../../shared/contract';
import type { Language } from '../../../shared/domain/languages';
import { auditRowsOf } from '../audit/audit-log';
import { DEMO_PASSWORD } from '../hall/demo-seed';
import type { CallContext } from '../rpc/dispatcher';
import { createTestHall, ManualClock, sessionTokenFor, TEST_ADMIN } from '../testing/test-core';

let sessions = 0;
const adminPage = (language: Language = 'zh-CN'): CallContext => ({ role: 'admin', language, sessionId: `admin-page-${++sessions}` });
const desk = (): CallContext => ({ role: 'clerk', language: 'zh-CN', sessionId: `desk-${++sessions}` });

const errorOf = (reply: RpcReply) => (reply.ok ? null : reply.error);
const valueOf = (reply: RpcReply): any => {
  if (!reply.ok) throw new Error(`${reply.error.code}: ${reply.error.message}`);
  return reply.value;
};

function hall(clock = new ManualClock()) {
  const test = createTestHall({ clock });
  const signIn = (context: CallContext, staffNo: string, password = DEMO_PASSWORD) => test.dispatch(context, 'auth.signIn', { staffNo, password });
  const auditRows = () => test.core.db.prepare('SELECT actor_id AS actorId, action, subject, details FROM audit_log ORDER BY seq').all() as Array<{ actorId: string | null; action: string; subject: string; details: string }>;
  return { ...test, signIn, auditRows };
}

describe('the admin page signs in', () => {
  it('as an administrator: who they are, then the admin methods; not signed in, NOT_SIGNED_IN', () => {
    const { signIn, dispatch, staffId } = hall();
    const page = adminPage();
    expect(errorOf(dispatch(page, 'staff.list', {}))?.code).toBe('NOT_SIGNED_IN');
    const { staff } = valueOf(signIn(page, TEST_ADMIN.staffNo));
    expect(staff).toEqual({ id: staffId(TEST_ADMIN.staffNo), staffNo: '9001', name: '刘芳', role: 'admin' });
    expect(valueOf(dispatch(page, 'auth.whoAmI', {}))).toEqual({ staff });
    expect(valueOf(dispatch(page, 'staff.list', {})).staff.length).toBeGreaterThan(4);
    valueOf(dispatch(page, 'auth.signOut', {}));
    expect(errorOf(dispatch(page, 'staff.list', {}))?.code).toBe('NOT_SIGNED_IN');
  });

  it("refuses a clerk's account with the right password, in words, without counting a failure", () => {
    const { signIn, core } = hall();
    expect(errorOf(signIn(adminPage('en'), '1001'))).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Only an administrator can sign in here. Window clerks sign in at the window desk.',
    });
    expect(errorOf(signIn(adminPage(), '1001'))?.message).toBe('此处只有管理员可以登录；窗口工作人员请在窗口工作台登录');
    expect(core.db.prepare('SELECT COUNT(*) FROM sign_in_failures').pluck().get()).toBe(0);
    expect(core.db.prepare('SELECT COUNT(*) FROM staff_sessions').pluck().get()).toBe(0);
    // A wrong password stays the same SIGN_IN_FAILED as anywhere: the refusal above tells nothing to a guesser.
    expect(errorOf(signIn(adminPage(), '1001', 'not-the-password'))?.code).toBe('SIGN_IN_FAILED');
  });

  it("refuses to resume a clerk's token on the admin page; an administrator may still work at a desk", () => {
    const { dispatch, core, clock } = hall();
    const clerkToken = sessionTokenFor(core, clock, '1001');
    expect(errorOf(dispatch(adminPage(), 'auth.resume', { token: clerkToken }))?.code).toBe('FORBIDDEN');
    expect(dispatch(desk(), 'auth.resume', { token: sessionTokenFor(core, clock, TEST_ADMIN.staffNo) }).ok).toBe(true);
  });

  it('signs a demoted administrator out everywhere: their admin page asks them to sign in again', () => {
    const { signIn, dispatch, value, staffId } = hall();
    const other = value('admin', 'staff.save', { staffNo: '9002', name: '周管', role: 'admin' });
    value('admin', 'staff.setPassword', { id: other.id, password: 'zhou-guan-2026' });
    const page = adminPage();
    valueOf(signIn(page, '9002', 'zhou-guan-2026'));
    value('admin', 'staff.save', { id: other.id, name: '周管', role: 'clerk' });
    expect(errorOf(dispatch(page, 'staff.list', {}))?.code).toBe('NOT_SIGNED_IN');
    expect(errorOf(signIn(adminPage(), '9002', 'zhou-guan-2026'))?.code).toBe('FORBIDDEN');
    expect(staffId('9002')).toBe(other.id);
  });
});

describe('the last administrator', () => {
  it('cannot be disabled or made a clerk; once there is another, they can', () => {
    const { call, value, staffId } = hall();
    const me = staffId(TEST_ADMIN.staffNo);
    for (const reply of [call('admin', 'staff.setActive', { id: me, active: false }, 'en'), call('admin', 'staff.save', { id: me, name: '刘芳', role: 'clerk' }, 'en')]) {
      expect(errorOf(reply)).toMatchObject({
        code: 'CONFLICT',
        message: '刘芳 (staff no. 9001) is the last administrator who can sign in: make another administrator first.',
      });
    }
    // An administrator without a password yet does not count: nobody could sign in as them.
    const other = value('admin', 'staff.save', { staffNo: '9002', name: '周管', role: 'admin' });
    expect(errorOf(call('admin', 'staff.setActive', { id: me, active: false }))?.code).toBe('CONFLICT');
    value('admin', 'staff.setPassword', { id: other.id, password: 'zhou-guan-2026' });
    expect(value('admin', 'staff.setActive', { id: me, active: false })).toMatchObject({ active: false });
  });
});

describe('sign-ins in the audit log', () => {
  it('records every sign-in, failed or not, and every sign-out: the staff number typed, never the password', () => {
    const { signIn, dispatch, auditRows, staffId, core } = hall();
    const page = adminPage();
    signIn(page, TEST_ADMIN.staffNo, 'wrong-password');
    signIn(page, '4711', 'wrong-password');
    signIn(page, '1001');
    // A password typed into the staff-number field by mistake is not kept, nor a visitor's ID or mobile number.
    signIn(page, 'my secret-2026', 'x');
    signIn(page, '11010119491001123X', 'x');
    signIn(page, '13800138000', 'x');
    valueOf(signIn(page, TEST_ADMIN.staffNo));
    valueOf(dispatch(page, 'auth.signOut', {}));
    valueOf(signIn(desk(), '1002'));
    const admin = staffId(TEST_ADMIN.staffNo);
    const rows = auditRows().map((row) => ({ ...row, details: JSON.parse(row.details) }));
    expect(rows).toEqual([
      { actorId: null, action: 'auth.signInFailed', subject: 'staffNo:9001', details: { staffNo: '9001', page: 'admin', reason: 'wrongPassword' } },
      { actorId: null, action: 'auth.signInFailed', subject: 'staffNo:4711', details: { staffNo: '4711', page: 'admin', reason: 'unknownStaffNo' } },
      { actorId: null, action: 'auth.signInFailed', subject: 'staffNo:1001', details: { staffNo: '1001', page: 'admin', reason: 'notAdmin' } },
      { actorId: null, action: 'auth.signInFailed', subject: 'staffNo:?', details: { staffNo: null, page: 'admin', reason: 'unknownStaffNo' } },
      { actorId: null, action: 'auth.signInFailed', subject: 'staffNo:?', details: { staffNo: null, page: 'admin', reason: 'unknownStaffNo' } },
      { actorId: null, action: 'auth.signInFailed', subject: 'staffNo:?', details: { staffNo: null, page: 'admin', reason: 'unknownStaffNo' } },
      { actorId: admin, action: 'auth.signIn', subject: `staff:${admin}`, details: { staffNo: '9001', page: 'admin' } },
      { actorId: admin, action: 'auth.signOut', subject: `staff:${admin}`, details: { staffNo: '9001', page: 'admin' } },
      { actorId: staffId('1002'), action: 'auth.signIn', subject: `staff:${staffId('1002')}`, details: { staffNo: '1002', page: 'clerk' } },
    ]);
    const dump = JSON.stringify(rows);
    for (const secret of [DEMO_PASSWORD, 'wrong-password', 'my secret-2026', '11010119491001123X', '13800138000']) expect(dump).not.toContain(secret);
    expect(core.audit.verify()).toEqual({ ok: true, rows: 9 });
  });

  it('records a refusal of a locked number, with the lock that began', () => {
    const { signIn, auditRows } = hall();
    for (let attempt = 0; attempt < 6; attempt++) signIn(desk(), '1003', `guess-${attempt}`);
    const details = auditRows().map((row) => JSON.parse(row.details));
    expect(details[4]).toEqual({ staffNo: '1003', page: 'clerk', reason: 'wrongPassword', locked: true });
    expect(details[5]).toEqual({ staffNo: '1003', page: 'clerk', reason: 'locked' });
  });
});

describe('what the admin does is recorded with their staff id', () => {
  it('test pages, reprints and a category import name the administrator', () => {
    const { value, staffId, core } = hall();
    const admin = staffId(TEST_ADMIN.staffNo);
    const printer = value('admin', 'printing.savePrinter', { name: '办公室打印机', role: 'office', address: 'tcp://10.0.0.9' });
    const test = value('admin', 'printing.testPage', { printerId: printer.id }).job;
    expect(test.requestedBy).toEqual({ staffId: admin, staffNo: '9001', name: '刘芳' });
    const reprint = value('admin', 'printing.reprint', { jobId: test.id }).job;
    expect(reprint).toMatchObject({ requestedBy: { staffId: admin }, requestedRole: 'admin', reprintOf: test.id });
    const csv = ['code,parent_code,level,name_zh_cn,name_zh_hk,name_en', '04,,1,劳动社保,勞動社保,Labour and social security', '0401,04,2,劳动报酬,勞動報酬,Pay'].join('\n');
    const imported = value('admin', 'categories.import', { format: 'csv', text: csv, version: '2026.1' });
    expect(imported.info.importedBy).toEqual({ id: admin, staffNo: '9001', name: '刘芳' });
    expect(auditRowsOf(core.db, 'categories:dictionary')).toEqual([expect.objectContaining({ actorId: admin, action: 'categories.import' })]);
  });
});
