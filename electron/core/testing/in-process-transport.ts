import type { Role, RpcTransport } from '../../../shared/contract';
import type { Language } from '../../../shared/domain/languages';
import type { HallCore } from '../core';

let transports = 0;

/**
 * The HallClient's transport in the same process: for tests and tools that want the
 * typed client without a network. Replies are async like every other transport's.
 * Each transport is its own session, as each connection is: a sign-in on one does not
 * sign the others in.
 */
export function createInProcessTransport(core: HallCore, role: Role, language: Language = 'zh-CN'): RpcTransport {
  const sessionId = `in-process-${role}-${++transports}`;
  return {
    request: async (request) => core.dispatch(request, { role, language, sessionId }),
    onPush: (listener) => core.subscribe(role, listener),
  };
}
