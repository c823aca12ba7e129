import type { IncomingMessage } from 'node:http';
import { roleSchema, type Role } from '../../shared/contract';

/** Loopback addresses the Node host may bind to without device pairing. */
export function isLoopbackHost(host: string): boolean {
  return host === '127.0.0.1' || host === 'localhost' || host === '::1';
}

/**
 * Only names of this machine may address the host: a page on some other site, or a
 * DNS-rebinding attack, cannot reach the hall's API through the visitor's browser.
 */
export function allowedHostHeaders(port: number): Set<string> {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
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
 * Which role a connection acts in. Until device pairing exists (the admin/security
 * issue), the host listens on loopback only and every page on this machine names its
 * role; the core still checks that role against the contract on every call.
 */
export function roleOfConnection(requested: string | null | undefined): Role | null {
  const parsed = roleSchema.safeParse(requested);
  return parsed.success ? parsed.data : null;
}
