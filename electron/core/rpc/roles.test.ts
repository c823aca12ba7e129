import { describe, expect, it } from 'vitest';
import { methods, ROLES, signsIn, type MethodName, type Role, type RpcReply } from '../../../shared/contract';
import { createTestHall, sessionTokenFor, TEST_ADMIN, TEST_CLERK } from '../testing/test-core';
import type { CallContext } from './dispatcher';

/**
 * Issue 9's acceptance: every method of the contract, called by every role — each signed
 * in where it signs in, and again not signed in — is allowed or refused exactly as the
 * method declares. Params are `{}`: an allowed role may well get VALIDATION_FAILED (or a
 * handler's own refusal), never the dispatcher's FORBIDDEN for its role.
 */
const NAMES = Object.keys(methods) as MethodName[];

let sessions = 0;

function hall() {
  const test = createTestHall();
  /** A page of the role: signed in (a fresh sign-in each time: some calls sign out) or not. */
  const page = (role: Role, signedIn: boolean): CallContext => {
    const context: CallContext = { role, language: 'en', sessionId: `roles-${++sessions}` };
    if (signedIn && signsIn(role)) {
      const staffNo = role === 'admin' ? TEST_ADMIN.staffNo : TEST_CLERK.staffNo;
      const reply = test.dispatch(context, 'auth.resume', { token: sessionTokenFor(test.core, test.clock, staffNo) });
      if (!reply.ok) throw new Error(`could not sign in as ${role}: ${reply.error.code}`);
    }
    return context;
  };
  return { ...test, page };
}

const errorOf = (reply: RpcReply) => (reply.ok ? null : reply.error);
/** The dispatcher's own refusal of a role: FORBIDDEN naming the role, no context of a handler's. */
const refusedForRole = (reply: RpcReply, role: Role) => {
  const error = errorOf(reply);
  const params = (error?.details as { params?: Record<string, unknown> } | undefined)?.params;
  return error?.code === 'FORBIDDEN' && params?.role === role && params.context === undefined;
};

describe('every method × every role', () => {
  it('is refused FORBIDDEN to every role the method does not list, signed in or not', () => {
    const { dispatch, page } = hall();
    let refusals = 0;
    for (const name of NAMES) {
      for (const role of ROLES.filter((r) => !methods[name].roles.includes(r))) {
        for (const signedIn of [true, false]) {
          const reply = dispatch(page(role, signedIn), name, {});
          expect(refusedForRole(reply, role), `${name} as ${role}${signedIn ? ' (signed in)' : ''}: ${JSON.stringify(errorOf(reply))}`).toBe(true);
          refusals += 1;
        }
      }
    }
    expect(refusals).toBeGreaterThan(100);
  });

  it('is never refused for its role to a role the method lists (signed in where the role signs in)', () => {
    const { dispatch, page } = hall();
    for (const name of NAMES) {
      for (const role of methods[name].roles) {
        const reply = dispatch(page(role, true), name, {});
        const error = errorOf(reply);
        expect(refusedForRole(reply, role), `${name} as ${role}: ${JSON.stringify(error)}`).toBe(false);
        expect(error?.code, `${name} as ${role}`).not.toBe('NOT_SIGNED_IN');
        // A handler's own refusal names why (a clerk's statistics range …), never the role alone.
        if (error?.code === 'FORBIDDEN') expect((error.details as { params: { context?: string } }).params.context, `${name} as ${role}`).toBeDefined();
        expect(error?.code, `${name} as ${role}`).not.toBe('INTERNAL');
      }
    }
  });

  it('answers NOT_SIGNED_IN to a clerk or admin page not signed in, exactly where the method says signIn', () => {
    const { dispatch, page } = hall();
    for (const name of NAMES) {
      for (const role of methods[name].roles.filter(signsIn)) {
        const reply = dispatch(page(role, false), name, {});
        if (methods[name].signIn) expect(errorOf(reply)?.code, `${name} as ${role}`).toBe('NOT_SIGNED_IN');
        else expect(errorOf(reply)?.code, `${name} as ${role}`).not.toBe('NOT_SIGNED_IN');
      }
    }
  });

  it('lets kiosks and displays, which never sign in, use what they are listed for without signing in', () => {
    const { dispatch, page, info } = hall();
    expect(dispatch(page('kiosk', false), 'queue.issueTicket', { serviceId: info.services[0].id }).ok).toBe(true);
    expect(dispatch(page('display', false), 'queue.displayState', {}).ok).toBe(true);
  });

  it('refuses the admin methods to a clerk\'s account on the admin page, in words', () => {
    const { dispatch, core, clock } = hall();
    const context: CallContext = { role: 'admin', language: 'en', sessionId: `roles-${++sessions}` };
    // auth.resume refuses a clerk's token on the admin page …
    const token = sessionTokenFor(core, clock, TEST_CLERK.staffNo);
    expect(errorOf(dispatch(context, 'auth.resume', { token }))).toMatchObject({
      code: 'FORBIDDEN',
      message: 'Only an administrator can sign in here. Window clerks sign in at the window desk.',
    });
    // … and were one to be used as a bearer token, every admin method refuses it too.
    const bearer = { ...context, bearerToken: token };
    const adminMethods = NAMES.filter((name) => methods[name].signIn && methods[name].roles.includes('admin'));
    expect(adminMethods.length).toBeGreaterThan(20);
    for (const name of adminMethods) {
      expect(errorOf(dispatch(bearer, name, {})), name).toMatchObject({ code: 'FORBIDDEN', details: { params: { context: 'adminOnly' } } });
    }
  });
});
