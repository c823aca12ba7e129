import {
  isPush,
  type ConnectionStatus,
  type Role,
  type RpcReply,
  type RpcRequest,
  type RpcTransport,
} from '../../../shared/contract';

const REQUEST_TIMEOUT_MS = 10_000;
const MAX_RECONNECT_DELAY_MS = 5_000;

interface Pending {
  resolve: (reply: RpcReply) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The HallClient's transport on the Node host: one WebSocket per page, reconnecting by
 * itself (the hub restarts, the LAN drops). Requests made while disconnected wait for
 * the connection up to a timeout; a page refetches its state when the status is 'open'
 * again, so it catches up with whatever it missed.
 */
export function createWebSocketTransport(options: { role: Role; language: string; origin?: string }): RpcTransport & { close(): void } {
  const base = new URL(options.origin ?? window.location.origin);
  const url = `${base.protocol === 'https:' ? 'wss:' : 'ws:'}//${base.host}/ws?role=${options.role}&lang=${encodeURIComponent(options.language)}`;
  const pending = new Map<RpcRequest['id'], Pending>();
  const outbox: string[] = [];
  const pushListeners = new Set<(event: string, data: unknown) => void>();
  const statusListeners = new Set<(status: ConnectionStatus) => void>();
  let socket: WebSocket | null = null;
  let status: ConnectionStatus = 'connecting';
  let attempts = 0;
  let closed = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;

  const setStatus = (next: ConnectionStatus) => {
    status = next;
    statusListeners.forEach((listener) => listener(next));
  };

  const unavailable = (id: RpcRequest['id']): RpcReply => ({ id, ok: false, error: { code: 'UNAVAILABLE', message: 'UNAVAILABLE' } });

  function connect(): void {
    setStatus('connecting');
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempts = 0;
      setStatus('open');
      for (const message of outbox.splice(0)) ws.send(message);
    };
    ws.onmessage = (message) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(String(message.data));
      } catch {
        return;
      }
      if (isPush(parsed)) {
        pushListeners.forEach((listener) => listener(parsed.event, parsed.data));
        return;
      }
      const reply = parsed as RpcReply;
      const waiting = reply.id === null ? undefined : pending.get(reply.id);
      if (waiting) {
        clearTimeout(waiting.timer);
        pending.delete(reply.id!);
        waiting.resolve(reply);
      }
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      // Requests in flight when the line dropped get no answer: tell their callers now.
      // Requests still in the outbox are answered too and dropped: a click the user was
      // told failed must not happen later behind their back.
      for (const [id, waiting] of pending) {
        clearTimeout(waiting.timer);
        waiting.resolve(unavailable(id));
      }
      pending.clear();
      outbox.length = 0;
      if (closed) return setStatus('closed');
      setStatus('connecting');
      const delay = Math.min(MAX_RECONNECT_DELAY_MS, 250 * 2 ** attempts++) * (0.5 + Math.random() / 2);
      reconnectTimer = setTimeout(connect, delay);
    };
  }
  connect();

  return {
    request(request) {
      return new Promise((resolve) => {
        const message = JSON.stringify(request);
        const timer = setTimeout(() => {
          pending.delete(request.id);
          const queued = outbox.indexOf(message);
          if (queued >= 0) outbox.splice(queued, 1);
          resolve(unavailable(request.id));
        }, REQUEST_TIMEOUT_MS);
        pending.set(request.id, { resolve, timer });
        if (socket && socket.readyState === WebSocket.OPEN) socket.send(message);
        else outbox.push(message);
      });
    },
    onPush(listener) {
      pushListeners.add(listener);
      return () => pushListeners.delete(listener);
    },
    onStatus(listener) {
      statusListeners.add(listener);
      listener(status);
      return () => statusListeners.delete(listener);
    },
    close() {
      closed = true;
      clearTimeout(reconnectTimer);
      socket?.close();
    },
  };
}
