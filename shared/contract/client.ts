import type { ErrorCode } from './errors';
import type { RpcReply, RpcRequest } from './envelope';
import type { EventData, EventName } from './events';
import type { MethodInput, MethodName, MethodOutput } from './methods';

/**
 * What a transport must do for the HallClient: carry one request to the core and
 * its reply back, and deliver pushed events. The renderer never sees which one.
 */
export interface RpcTransport {
  request(request: RpcRequest): Promise<RpcReply>;
  onPush(listener: (event: string, data: unknown) => void): () => void;
  /** Connection changes (a WebSocket reconnecting); pages refetch state on 'open'. */
  onStatus?(listener: (status: ConnectionStatus) => void): () => void;
}

export type ConnectionStatus = 'connecting' | 'open' | 'closed';

export class HallClientError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HallClientError';
  }
}

export interface HallClient {
  call<N extends MethodName>(method: N, params: MethodInput<N>): Promise<MethodOutput<N>>;
  on<E extends EventName>(event: E, listener: (data: EventData<E>) => void): () => void;
  onStatus(listener: (status: ConnectionStatus) => void): () => void;
}

export function createHallClient(transport: RpcTransport): HallClient {
  let nextId = 1;
  return {
    async call(method, params) {
      const reply = await transport.request({ id: nextId++, method, params });
      if (!reply.ok) throw new HallClientError(reply.error.code, reply.error.message, reply.error.details);
      // The core validated the value against the contract's output schema before sending it.
      return reply.value as never;
    },
    on(event, listener) {
      return transport.onPush((name, data) => {
        if (name === event) listener(data as never);
      });
    },
    onStatus(listener) {
      return transport.onStatus?.(listener) ?? (() => {});
    },
  };
}
