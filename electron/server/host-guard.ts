import type { IncomingMessage } from 'node:http';
import { DEVICE_TRANSPORT, roleSchema, type Role } from '../../shared/contract';

/** Loopback addresses the Node host may bind to without device pairing. */
export function isLoopbackHost(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1';
}

/** Whether a connection comes from this machine itself (its own pages), not from the LAN. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(address);
}

/**
 * Only names of this machine may address the host: a page on some other site, or a
 * DNS-rebinding attack, cannot reach the hall's API through the visitor's browser. On the
 * LAN the hub is also addressed by its own addresses and the names the site gives it.
 */
export function allowedHostHeaders(port: number, lanNames: readonly string[] = []): Set<string> {
  const names = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  for (const name of lanNames) names.add(`${name.includes(':') ? `[${name}]` : name.toLowerCase()}:${port}`);
  return names;
}

/** The device token a LAN page sends (DEVICE_TRANSPORT): Node lower-cases header names. */
export const DEVICE_HEADER = DEVICE_TRANSPORT.header.toLowerCase();
export const DEVICE_PROTOCOL_PREFIX = DEVICE_TRANSPORT.tokenProtocolPrefix;
/** The subprotocol the hub selects when a page offers its device token (the token itself is never echoed). */
export const HALL_PROTOCOL = DEVICE_TRANSPORT.protocol;

export function deviceTokenOfProtocols(protocols: Iterable<string>): string | undefined {
  for (const protocol of protocols) if (protocol.startsWith(DEVICE_PROTOCOL_PREFIX)) return protocol.slice(DEVICE_PROTOCOL_PREFIX.length) || undefined;
  return undefined;
}

export function isSameOriginRequest(request: IncomingMessage, allowedHosts: Set<string>): boolean {
  const host = request.headers.host;
  if (!host || !allowedHosts.has(host)) return false;
  const origin = request.headers.origin;
  if (origin === undefined) return true; // not from a browser page (curl, tests, the bench)
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && allowedHosts.has(url.host);
  } catch {
    return false;
  }
}

/**
 * Which role a page of this machine acts in: it names it (the core checks that role
 * against the contract on every call, and the clerk's and admin's methods need a staff
 * sign-in on top). A LAN device's role comes from its device token instead.
 */
export function roleOfConnection(requested: string | null | undefined): Role | null {
  const parsed = roleSchema.safeParse(requested);
  return parsed.success ? parsed.data : null;
}
