import { DEVICE_TRANSPORT, type Role, type RpcError } from '../../../shared/contract';

/** The HTTP header a paired device's calls carry its token in. */
export const DEVICE_HEADER = DEVICE_TRANSPORT.header;

export type HttpReply = { status: number } & ({ ok: true; value: unknown } | { ok: false; error: RpcError });

/**
 * One call over the Node host's HTTP API (`POST /api/<method>`), for what a page does
 * before or without its WebSocket: pairing (an unpaired device cannot open one) and
 * asking why the WebSocket was refused. Every call carries the device token when the
 * page has one; a page of this machine names its role instead. A hub out of reach is
 * status 0, UNAVAILABLE.
 */
export async function callOverHttp(
  method: string,
  params: unknown,
  options: { language: string; role?: Role; deviceToken?: string; origin?: string },
): Promise<HttpReply> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', 'Accept-Language': options.language };
  if (options.role) headers['X-Hall-Role'] = options.role;
  if (options.deviceToken) headers[DEVICE_HEADER] = options.deviceToken;
  try {
    const response = await fetch(`${options.origin ?? window.location.origin}/api/${method}`, {
      method: 'POST',
      headers,
      body: JSON.stringify(params),
      credentials: 'omit',
      cache: 'no-store',
    });
    const body = (await response.json()) as { ok: true; value: unknown } | { ok: false; error: RpcError };
    return { status: response.status, ...body };
  } catch {
    return { status: 0, ok: false, error: { code: 'UNAVAILABLE', message: 'UNAVAILABLE' } };
  }
}

/** Whether an HTTP reply is the hub refusing this device as not paired (or revoked). */
export function isNotPaired(reply: HttpReply): boolean {
  return reply.status === 401 && !reply.ok && reply.error.code === 'DEVICE_NOT_PAIRED';
}
