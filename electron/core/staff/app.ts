import type { MethodHandler } from '../rpc/dispatcher';
import type { FirstRunSetup } from './first-run-setup';
import type { StaffService } from './staff-service';

type AuthMethod = 'auth.signIn' | 'auth.resume' | 'auth.signOut' | 'auth.whoAmI' | 'auth.setupStatus' | 'auth.setupFirstAdmin';

/** Sign-in, sessions and the first run. The dispatcher has already resolved `context.staff` for whoAmI. */
export function authHandlers(staff: StaffService, firstRun: FirstRunSetup): { [N in AuthMethod]: MethodHandler<N> } {
  return {
    'auth.setupStatus': () => ({ needed: firstRun.needed() }),
    'auth.setupFirstAdmin': ({ code, staffNo, name, password }, context) => firstRun.setUp(code, { staffNo, name, password }, context),
    'auth.signIn': ({ staffNo, password }, context) => staff.signIn(staffNo, password, context),
    'auth.resume': ({ token }, context) => staff.resume(token, context),
    'auth.signOut': (_params, context) => {
      staff.signOut(context);
      return {};
    },
    'auth.whoAmI': (_params, context) => ({ staff: context.staff }),
  };
}

type StaffMethod = 'staff.list' | 'staff.save' | 'staff.setPassword' | 'staff.setActive';

/** Staff management, the admin's. */
export function staffHandlers(staff: StaffService): { [N in StaffMethod]: MethodHandler<N> } {
  return {
    'staff.list': () => ({ staff: staff.list() }),
    'staff.save': (draft) => staff.save(draft),
    'staff.setPassword': ({ id, password }) => staff.setPassword(id, password),
    'staff.setActive': ({ id, active }) => staff.setActive(id, active),
  };
}
