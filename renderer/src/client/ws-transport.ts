import {
  DEVICE_TRANSPORT,
  isPush,
  type ConnectionStatus,
  type Role,
  type RpcReply,
  type RpcRequest,
  type RpcTransport,
} from '../../../shared/contract';
import { callOverHttp, isNotPaired } from './http-call';

const REQUEST_TIMEOUT_MS = 10_000;
const MAX_RECONNECT_DELAY_MS = 5_000;
/** The subprotocols a paired device offers: the hub selects hall.v1, never echoing the token. */
const HALL_PROTOCOL = DEVICE_TRANSPORT.protocol;
const DEVICE_PROTOCOL_PREFIX = DEVICE_TRANSPORT.tokenProtocolPrefix;
/** The close code of a socket whose device was revoked. */
const REVOKED_CLOSE_CODE = 4401;

interface Pending {
  resolve: (reply: RpcReply) => void;
  timer: ReturnType<typeof setTimeout>;
}

/**
 * The HallClient's transport on the Node host: one WebSocket per page, reconnecting by
 * itself (the hub restarts, the LAN drops). Requests made while disconnected wait for
 * the connection up to a timeout; a page refetches its state when the status is 'open'
 * again, so it catches up with whatever it missed.
 *
 * A paired device offers its token as a subprotocol. When the hub says the device is not
 * paired — its socket closed as revoked (4401), or the upgrade refused and an HTTP call
 * answering DEVICE_NOT_PAIRED (a browser never sees an upgrade's status) — the transport
 * stops for good and calls `onNotPaired`: reconnecting could only be refused again.
 */
export function createWebSocketTransport(options: {
  role: Role;
  language: string;
  origin?: string;
  deviceToken?: string;
  onNotPaired?: () => void;
}): RpcTransport & { close(): void } {
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

  const reconnectLater = () => {
    const delay = Math.min(MAX_RECONNECT_DELAY_MS, 250 * 2 ** attempts++) * (0.5 + Math.random() / 2);
    reconnectTimer = setTimeout(connect, delay);
  };
  const notPaired = () => {
    closed = true;
    setStatus('closed');
    options.onNotPaired?.();
  };

  function connect(): void {
    setStatus('connecting');
    const ws = options.deviceToken ? new WebSocket(url, [HALL_PROTOCOL, `${DEVICE_PROTOCOL_PREFIX}${options.deviceToken}`]) : new WebSocket(url);
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
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
    ws.onclose = (event) => {
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
      if (event.code === REVOKED_CLOSE_CODE) return notPaired();
      setStatus('connecting');
      if (opened) return reconnectLater();
      // Never opened: the hub is out of reach, or refused the upgrade. Ask why over HTTP.
      void callOverHttp('hall.info', {}, { language: options.language, role: options.role, deviceToken: options.deviceToken, origin: base.origin }).then((reply) => {
        if (closed) return;
        if (isNotPaired(reply)) notPaired();
        else reconnectLater();
      });
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
