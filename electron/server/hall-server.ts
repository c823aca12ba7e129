import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { networkInterfaces } from 'node:os';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { monotonicFactory } from 'ulidx';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ErrorCode, RpcReply } from '../../shared/contract';
import { pickLanguage, type Language } from '../../shared/domain/languages';
import type { HallCore } from '../core/core';
import { translatorFor } from '../core/i18n/translate';
import type { Logger } from '../core/ports';
import { silentLogger } from '../core/ports';
import type { Role } from '../../shared/contract';
import type { PairedDevice } from '../core/devices/device-service';
import {
  allowedHostHeaders,
  DEVICE_HEADER,
  deviceTokenOfProtocols,
  HALL_PROTOCOL,
  isLoopbackAddress,
  isLoopbackHost,
  isSameOriginRequest,
  roleOfConnection,
} from './host-guard';

export interface HallServerOptions {
  core: HallCore;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** The built renderer (dist/renderer); pages answer 503 with a hint when it is missing. */
  staticDir?: string;
  logger?: Logger;
  /**
   * The site's certificate and key (PEM). Required to listen beyond loopback: LAN devices
   * reach the hub over HTTPS only (docs/security.md, "Devices"); cli.ts makes a
   * self-signed one when the site has none.
   */
  tls?: { cert: string; key: string };
  /** Names the LAN uses for the hub (e.g. hall-hub.local), besides its own addresses. */
  lanNames?: readonly string[];
  /**
   * Which connections must be paired devices: `lan` (default) — those from other machines;
   * the hub's own pages name their role. `all` — every connection, this machine's too: a
   * hub PC that stands where the public can reach its keyboard.
   */
  requirePairing?: 'lan' | 'all';
  /**
   * Wrong pairing codes one address may send before it must wait (default 5 in 10
   * minutes). A site whose devices all reach the hub through one NAT address raises it.
   */
  pairingFailuresPerAddress?: number;
}

export interface HallServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

// The largest call is a category dictionary import: up to MAX_CATEGORY_FILE_BYTES (2 MiB)
// of text, which JSON escaping (quotes, line breaks) can double.
export const MAX_BODY_BYTES = 4 * 1024 * 1024 + 64 * 1024;
const HEARTBEAT_MS = 30_000;

const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  FORBIDDEN: 403,
  NOT_SIGNED_IN: 401,
  SIGN_IN_FAILED: 401,
  // Too many failed sign-ins: the message says when to try again.
  SIGN_IN_LOCKED: 429,
  // Too many wrong case-status look-ups of one case number: the message says when to try again.
  CASE_STATUS_LOCKED: 429,
  // What the admin typed for a staff account: like a validation failure, with its own message.
  WEAK_PASSWORD: 400,
  INVALID_STAFF_NO: 400,
  NOT_FOUND: 404,
  CONFLICT: 409,
  WINDOW_BUSY: 409,
  WINDOW_NOT_OPEN: 409,
  WINDOW_DOES_NOT_SERVE: 409,
  NO_CURRENT_TICKET: 409,
  TICKET_STATE: 409,
  NOT_CALLABLE_HERE: 409,
  NO_SHOW_TOO_EARLY: 409,
  TRANSFER_TO_SAME: 409,
  SERVICE_CLOSED: 409,
  SERVICE_FULL: 409,
  RANGE_TOO_LONG: 400,
  DUPLICATE: 409,
  IN_USE: 409,
  // A dictionary file with problems: details.problems lists them by line.
  IMPORT_INVALID: 400,
  BAD_HOURS: 400,
  // What the visitor typed at the kiosk: like a validation failure, with its own message.
  INVALID_ID: 400,
  INVALID_PHONE: 400,
  REPRESENTATIVES_REQUIRED: 400,
  TOO_MANY_REPRESENTATIVES: 400,
  // A case record's content category: unknown or retired (details say which).
  INVALID_CATEGORY: 400,
  // A case record's 问题属地: not in the hall's street / community list, or retired from it.
  INVALID_LOCATION: 400,
  // A case step that would make its timeline impossible (case-timeline.ts): the context says why.
  TIMELINE_INVALID: 409,
  // A wrong or expired pairing code; a LAN device without a good device token.
  PAIRING_FAILED: 403,
  DEVICE_NOT_PAIRED: 401,
  UNAVAILABLE: 503,
  INTERNAL: 500,
};

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
    "font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
};

/**
 * The Node host: the hall core behind HTTP and WebSocket, serving the built renderer.
 * `POST /api/<method>` mirrors every contract method (a signed-in clerk sends
 * `Authorization: Bearer <token>`); `/ws` carries the same envelopes plus pushed
 * events, and a sign-in on it lasts as long as the connection; `GET /healthz` answers
 * for monitoring.
 */
export async function startHallServer(options: HallServerOptions): Promise<HallServer> {
  const { core } = options;
  const host = options.host ?? '127.0.0.1';
  const logger = options.logger ?? silentLogger;
  const servesLan = !isLoopbackHost(host);
  if (servesLan && !options.tls) {
    throw new Error(`Refusing to listen on ${host} without TLS: LAN devices reach the hub over HTTPS only. Give the site's certificate, or let the host make a self-signed one.`);
  }
  // Connections by device: a revoked device's are closed at once — told why (4401), then cut
  // a second later whether or not its page answers the close; meanwhile its frames are refused.
  const socketsByDevice = new Map<string, Set<WebSocket>>();
  const revokedSockets = new WeakSet<WebSocket>();
  const stopRevocations = core.devices.onRevoked((deviceId) => {
    for (const ws of socketsByDevice.get(deviceId) ?? []) {
      revokedSockets.add(ws);
      ws.close(4401, 'device revoked');
      setTimeout(() => ws.terminate(), REVOKED_GRACE_MS).unref();
    }
  });
  const pairingAttempts = new PairingFailures(options.pairingFailuresPerAddress ?? PAIRING_FAILURES.perAddress);
  const sessionIds = monotonicFactory();
  const startedAt = Date.now();
  let allowedHosts = new Set<string>();

  const serveStatic =
    options.staticDir && existsSync(options.staticDir)
      ? sirv(options.staticDir, { single: true, etag: true, setHeaders: (res) => setHeaders(res, SECURITY_HEADERS) })
      : null;

  const handler = (request: IncomingMessage, response: ServerResponse) => {
    try {
      route(request, response);
    } catch (error) {
      logger.error('request failed', { error: error instanceof Error ? error.message : String(error) });
      if (!response.headersSent) sendJson(response, 500, envelopeError('INTERNAL', 'zh-CN'));
    }
  };
  const server = options.tls ? createTlsServer({ cert: options.tls.cert, key: options.tls.key }, handler) : createServer(handler);

  /**
   * Who a request comes from: a page of this machine names its role; a LAN device is known
   * by its device token, and acts in the role the token is bound to. An unpaired LAN device
   * may only pair (`devices.pair`, in the least role), nothing else.
   */
  function callerOf(request: IncomingMessage, requestedRole: string | null | undefined, deviceToken: string | undefined, method?: string):
    | { role: Role; device: PairedDevice | null }
    | { refused: 'FORBIDDEN' | 'DEVICE_NOT_PAIRED' | 'PAIRING_FAILED'; context?: string } {
    if (options.requirePairing !== 'all' && isLocalPage(request)) {
      const role = roleOfConnection(requestedRole);
      return role ? { role, device: null } : { refused: 'FORBIDDEN' };
    }
    const device = deviceToken ? core.devices.authenticate(deviceToken) : null;
    if (device) return { role: device.role, device };
    if (method === 'devices.pair') {
      // Guessing from one address is slowed here, before it can void everyone's codes in the core.
      if (!pairingAttempts.allow(request.socket.remoteAddress ?? '', Date.now())) return { refused: 'PAIRING_FAILED', context: 'tooMany' };
      return { role: 'kiosk', device: null };
    }
    return { refused: 'DEVICE_NOT_PAIRED' };
  }

  function route(request: IncomingMessage, response: ServerResponse): void {
    const url = requestUrl(request);
    const language = pickLanguage(request.headers['accept-language']);
    if (!allowedHosts.has(request.headers.host ?? '')) {
      sendJson(response, 421, envelopeError('FORBIDDEN', language));
      return;
    }
    if (!url) {
      sendJson(response, 400, envelopeError('BAD_REQUEST', language));
      return;
    }
    if (url.pathname === '/healthz' && request.method === 'GET') {
      const database = core.db.prepare('SELECT 1 AS ok').get() as { ok: number } | undefined;
      sendJson(response, 200, { ok: database?.ok === 1, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) });
      return;
    }
    if (url.pathname.startsWith('/api/')) {
      // Method names are plain `domain.action`: no decoding, so a stray % is just an unknown name.
      handleApi(request, response, url.pathname.slice('/api/'.length), language);
      return;
    }
    if (serveStatic && (request.method === 'GET' || request.method === 'HEAD')) {
      serveStatic(request, response, () => sendJson(response, 404, envelopeError('NOT_FOUND', language)));
      return;
    }
    response.writeHead(serveStatic ? 405 : 503, { 'Content-Type': 'text/plain; charset=utf-8' });
    response.end(serveStatic ? 'Method not allowed' : 'The renderer is not built: run `npm run build:renderer`.');
  }

  function handleApi(request: IncomingMessage, response: ServerResponse, method: string, language: Language): void {
    if (request.method !== 'POST') {
      sendJson(response, 405, envelopeError('BAD_REQUEST', language));
      return;
    }
    // A JSON content type forces a CORS preflight on cross-site pages, which we never grant.
    if (!isSameOriginRequest(request, allowedHosts) || !/^application\/json\b/.test(request.headers['content-type'] ?? '')) {
      sendJson(response, 403, envelopeError('FORBIDDEN', language));
      return;
    }
    const deviceToken = headerValue(request.headers[DEVICE_HEADER]);
    const caller = callerOf(request, headerValue(request.headers['x-hall-role']), deviceToken, method);
    if ('refused' in caller) {
      sendJson(response, HTTP_STATUS[caller.refused], envelopeError(caller.refused, language, caller.context));
      return;
    }
    const { role } = caller;
    readBody(request, (body) => {
      // The body may have taken long to come: a device revoked meanwhile is refused now.
      if (caller.device && (!deviceToken || !core.devices.authenticate(deviceToken))) {
        sendJson(response, 401, envelopeError('DEVICE_NOT_PAIRED', language));
        return;
      }
      if (body === null) {
        sendJson(response, 413, envelopeError('BAD_REQUEST', language), { close: true });
        return;
      }
      let params: unknown;
      try {
        params = body.length === 0 ? {} : JSON.parse(body);
      } catch {
        sendJson(response, 400, envelopeError('BAD_REQUEST', language));
        return;
      }
      // Each request is its own session: a sign-in over HTTP binds nothing beyond it.
      // The token of an earlier sign-in comes with every request instead.
      const sessionId = `http-${sessionIds()}`;
      const bearerToken = bearerTokenOf(headerValue(request.headers.authorization));
      const reply = core.dispatch({ id: 'http', method, params }, { role, language, sessionId, ...(bearerToken ? { bearerToken } : {}) });
      core.endSession(sessionId);
      if (method === 'devices.pair' && !reply.ok && reply.error.code === 'PAIRING_FAILED') pairingAttempts.failed(request.socket.remoteAddress ?? '', Date.now());
      const { id: _id, ...withoutId } = reply;
      const status = reply.ok ? 200 : HTTP_STATUS[reply.error.code];
      sendJson(response, status, withoutId, status === 401 ? { headers: { 'WWW-Authenticate': 'Bearer' } } : {});
    });
  }

  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_BODY_BYTES,
    // A page that offers its device token also offers hall.v1: that one is selected, never the token.
    handleProtocols: (protocols) => (protocols.has(HALL_PROTOCOL) ? HALL_PROTOCOL : false),
  });
  server.on('upgrade', (request, socket, head) => {
    // Node hands an upgrading socket over without its error listener: a client that resets
    // the connection before the answer would raise an uncaught ECONNRESET and stop the host.
    socket.on('error', () => socket.destroy());
    const url = requestUrl(request);
    if (!url) {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    const offered = (headerValue(request.headers['sec-websocket-protocol']) ?? '').split(',').map((protocol) => protocol.trim());
    let caller: ReturnType<typeof callerOf> | null;
    try {
      caller = url.pathname === '/ws' && isSameOriginRequest(request, allowedHosts) ? callerOf(request, url.searchParams.get('role'), deviceTokenOfProtocols(offered)) : null;
    } catch (error) {
      // The device look-up writes when it was last seen: a full or locked database must not stop the host.
      logger.error('websocket upgrade failed', { error: error instanceof Error ? error.name : 'error' });
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    if (!caller || 'refused' in caller) {
      const status = caller?.refused === 'DEVICE_NOT_PAIRED' ? '401 Unauthorized' : '403 Forbidden';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\n\r\n`);
      return;
    }
    const language = pickLanguage(url.searchParams.get('lang') ?? request.headers['accept-language']);
    const accepted = caller;
    const deviceToken = deviceTokenOfProtocols(offered);
    sockets.handleUpgrade(request, socket, head, (ws) => attachSocket(ws, accepted.role, language, accepted.device, deviceToken));
  });

  function attachSocket(ws: WebSocket, role: Role, language: Language, device: PairedDevice | null, deviceToken: string | undefined): void {
    const sessionId = sessionIds();
    if (device) {
      const open = socketsByDevice.get(device.id) ?? new Set<WebSocket>();
      open.add(ws);
      socketsByDevice.set(device.id, open);
    }
    let alive = true;
    const unsubscribe = core.subscribe(role, (event, data) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ event, data }));
    });
    ws.on('pong', () => (alive = true));
    const heartbeat = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, HEARTBEAT_MS);
    // A frame over the size limit, or broken UTF-8, errors the socket: drop that
    // connection (the page reconnects), never the host.
    ws.on('error', (error) => {
      logger.warn('websocket error', { role, error: error.message });
      ws.terminate();
    });
    ws.on('message', (raw, isBinary) => {
      // A device's socket: still paired? (Revoked: its frames are refused until it is cut. The
      // look-up also keeps "last seen" current for a display that stays connected all day.)
      if (device && (revokedSockets.has(ws) || !deviceToken || !core.devices.authenticate(deviceToken))) {
        revokedSockets.add(ws);
        ws.close(4401, 'device revoked');
        return;
      }
      let request: unknown;
      try {
        request = isBinary ? undefined : JSON.parse(raw.toString());
      } catch {
        request = undefined;
      }
      const reply: RpcReply = core.dispatch(request, { role, language, sessionId });
      ws.send(JSON.stringify(reply));
    });
    ws.on('close', () => {
      clearInterval(heartbeat);
      unsubscribe();
      core.endSession(sessionId);
      if (device) socketsByDevice.get(device.id)?.delete(ws);
    });
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowedHosts = allowedHostHeaders(port, servesLan ? [...lanAddresses(host), ...(options.lanNames ?? [])] : []);
  // Bound to every address, the hub is reached at one of them (never at 0.0.0.0): the first the LAN uses.
  const reachable = host === '0.0.0.0' || host === '::' ? (options.lanNames?.[0] ?? lanAddresses(host)[0] ?? '127.0.0.1') : host;
  const url = `${options.tls ? 'https' : 'http'}://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
  logger.info('node host listening', { url });

  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        stopRevocations();
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** How long a revoked device's socket may take to answer the close before it is cut. */
const REVOKED_GRACE_MS = 1_000;

/**
 * A page of the hub machine itself: a loopback connection that did not come through a
 * proxy. A forwarder on the hub (a reverse proxy, a port forward) would make every LAN
 * request arrive from 127.0.0.1; one that says so is not taken for a local page (the
 * docs tell the site to put nothing in front of the hub, or to require pairing of all).
 */
function isLocalPage(request: IncomingMessage): boolean {
  if (!isLoopbackAddress(request.socket.remoteAddress)) return false;
  const headers = request.headers;
  return !(headers.forwarded || headers['x-forwarded-for'] || headers['x-real-ip'] || headers.via);
}

/**
 * Wrong pairing codes per address: 5 in 10 minutes, then that address waits. The core
 * voids every open code after ten wrong ones in a row; this keeps one address on the LAN
 * from getting there again and again, and so from keeping every other device from pairing.
 */
export const PAIRING_FAILURES = { perAddress: 5, windowMs: 10 * 60_000 };
class PairingFailures {
  private readonly byAddress = new Map<string, { windowStart: number; count: number }>();
  constructor(private readonly perAddress: number) {}
  allow(address: string, now: number): boolean {
    const entry = this.byAddress.get(address);
    return !entry || now - entry.windowStart >= PAIRING_FAILURES.windowMs || entry.count < this.perAddress;
  }
  failed(address: string, now: number): void {
    const entry = this.byAddress.get(address);
    if (entry && now - entry.windowStart < PAIRING_FAILURES.windowMs) {
      entry.count += 1;
      return;
    }
    if (this.byAddress.size > 10_000) this.byAddress.clear(); // bounded whatever the LAN does
    this.byAddress.set(address, { windowStart: now, count: 1 });
  }
}

/** The addresses LAN devices may use for the hub: the one it is bound to, or every address of the machine when bound to all. */
export function lanAddresses(host: string): string[] {
  if (host !== '0.0.0.0' && host !== '::') return [host];
  return Object.values(networkInterfaces())
    .flat()
    .filter((address): address is NonNullable<typeof address> => !!address && !address.internal)
    .map((address) => address.address);
}

function envelopeError(code: ErrorCode, language: Language, context?: string) {
  const t = translatorFor(language);
  return { ok: false, error: { code, message: context ? t(`errors.${code}_${context}`) : t(`errors.${code}`) } };
}

function sendJson(response: ServerResponse, status: number, body: unknown, options: { close?: boolean; headers?: Record<string, string> } = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...(options.close ? { Connection: 'close' } : {}),
    ...options.headers,
    ...SECURITY_HEADERS,
  });
  response.end(text);
}

function setHeaders(response: ServerResponse, headers: Record<string, string>): void {
  for (const [name, value] of Object.entries(headers)) response.setHeader(name, value);
}

/**
 * The request's target as a URL, or null when it is none: Node's parser lets a target such
 * as `http://[/` through, and `new URL` throws on it (a 500, or for an upgrade the host down).
 */
function requestUrl(request: IncomingMessage): URL | null {
  try {
    return new URL(request.url ?? '/', 'http://hall.invalid');
  } catch {
    return null;
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The token of `Authorization: Bearer <token>`; undefined without one (the core checks what it is). */
function bearerTokenOf(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * Reads a request body up to MAX_BODY_BYTES; null as soon as it is larger (the rest
 * is not read: the reply closes the connection).
 */
function readBody(request: IncomingMessage, done: (body: string | null) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  let finished = false;
  request.on('data', (chunk: Buffer) => {
    if (finished) return;
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      finished = true;
      request.pause();
      done(null);
    } else chunks.push(chunk);
  });
  request.on('end', () => {
    if (finished) return;
    finished = true;
    done(Buffer.concat(chunks).toString('utf8'));
  });
  request.on('error', () => {
    finished = true;
  });
}
