import { ROLES, type RpcReply } from '../../shared/contract';
import { DEFAULT_LANGUAGE, languageSchema } from '../../shared/domain/languages';
import type { HallCore } from '../core/core';
import type { Logger } from '../core/ports';
import { coreRequestMessageSchema, type CoreMessage } from './core-protocol';
import { envelopeId, errorReply, field } from './replies';

/** What the relay needs of the utility process's `process.parentPort`. */
export interface RelayPort {
  onMessage(listener: (data: unknown) => void): void;
  postMessage(message: CoreMessage): void;
}

/**
 * The core side of the IPC: answers each request message with the core's reply, and
 * forwards events, subscribing once per role so the core's own audience filter
 * decides which roles get what (a display is never sent what only clerks may see).
 * A malformed message never throws: with a callId it is answered BAD_REQUEST, without
 * one there is nobody to answer and it is dropped. Returns a function that unsubscribes.
 */
export function startCoreRelay(core: Pick<HallCore, 'dispatch' | 'subscribe'>, port: RelayPort, logger: Logger): () => void {
  const unsubscribes = ROLES.map((role) => core.subscribe(role, (event, data) => port.postMessage({ kind: 'push', role, event, data })));

  port.onMessage((data) => {
    const parsed = coreRequestMessageSchema.safeParse(data);
    if (!parsed.success) {
      const callId = field(data, 'callId');
      if (typeof callId !== 'number' || !Number.isInteger(callId) || callId < 0) {
        logger.warn('core relay: dropped a malformed message');
        return;
      }
      const windowId = field(data, 'windowId');
      const language = languageSchema.safeParse(field(data, 'language'));
      port.postMessage({
        kind: 'reply',
        callId,
        windowId: typeof windowId === 'number' && Number.isInteger(windowId) ? windowId : -1,
        reply: errorReply(envelopeId(field(data, 'request')), 'BAD_REQUEST', language.success ? language.data : DEFAULT_LANGUAGE),
      });
      return;
    }
    const { callId, windowId, role, language, request } = parsed.data;
    let reply: RpcReply;
    try {
      reply = core.dispatch(request, { role, language, sessionId: `window-${windowId}` });
    } catch {
      // dispatch promises never to throw; if it ever does, the window still gets an answer.
      logger.error('core relay: dispatch threw', { role });
      reply = errorReply(envelopeId(request), 'INTERNAL', language);
    }
    port.postMessage({ kind: 'reply', callId, windowId, reply });
  });

  return () => {
    for (const unsubscribe of unsubscribes) unsubscribe();
  };
}
