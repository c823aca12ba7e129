import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHallCore, type HallCore } from '../../electron/core/core';
import { DEMO_PASSWORD } from '../../electron/core/hall/demo-seed';
import type { Clock, IdCardReader, Logger, RawPrinter, TicketPrinter } from '../../electron/core/ports';
import type { PrintingOptions } from '../../electron/core/printing/printing-service';
import { keyFileDataKeyStore } from '../../electron/core/privacy/data-key-store';
import { startHallServer, type HallServer } from '../../electron/server/hall-server';

export const RENDERER_DIR = fileURLToPath(new URL('../../dist/renderer', import.meta.url));

export interface TestHost {
  core: HallCore;
  server: HallServer;
  url: string;
  dataDir: string;
  /** The first-run setup code the core made (a hall without an administrator: `demo: false`); null otherwise. */
  setupCode: string | null;
  stop(): Promise<void>;
}

/**
 * The real Node host on a free loopback port, with the demo hall in a temp data folder;
 * `demo: false` starts a new real hall instead (no services, windows or staff).
 */
export async function startTestHost(
  options: {
    dataDir?: string;
    port?: number;
    ticketPrinter?: TicketPrinter;
    idCardReader?: IdCardReader;
    demo?: boolean;
    clock?: Clock;
    /** The comic packs installed at start-up (a pack folder or a folder of them); default: the shipped ones. */
    comicPackDir?: string;
    logger?: Logger;
    /** The thermal printers' adapter; default the network one. */
    rawPrinter?: RawPrinter;
    /** The print queue's options: default `{ autoRun: false }` (no timers, no printer asked); a test of the running queue sets autoRun. */
    printing?: PrintingOptions;
    /** Serve HTTPS with this certificate (site-certificate.ts); with `requirePairing: 'all'` every page must be a paired device (tests/e2e/devices.spec.ts). */
    tls?: { cert: string; key: string };
    requirePairing?: 'lan' | 'all';
    /** Wrong pairing codes one address may send (default 5 in 10 minutes): a test that guesses more from 127.0.0.1 raises it. */
    pairingFailuresPerAddress?: number;
  } = {},
): Promise<TestHost> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('The renderer is not built: run `npm run build:renderer` (npm test does it first).');
  }
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'hall-host-'));
  let setupCode: string | null = null;
  const core = createHallCore({
    dataDir,
    demo: options.demo ?? true,
    dataKeys: keyFileDataKeyStore(dataDir),
    ticketPrinter: options.ticketPrinter,
    idCardReader: options.idCardReader,
    // A test that moves time (deadlines running out) brings its own clock.
    clock: options.clock,
    comicPackDir: options.comicPackDir,
    logger: options.logger,
    rawPrinter: options.rawPrinter,
    printing: { autoRun: false, ...options.printing },
    onSetupCode: (code) => (setupCode = code),
    // No retention run by itself either (docs/retention.md): a test calls core.retention.runNow().
    retention: { autoRun: false },
  });
  const server = await startHallServer({
    core,
    port: options.port ?? 0,
    staticDir: RENDERER_DIR,
    // The host's own lines too (a request that failed, a WebSocket error): the leak test reads them all.
    ...(options.logger ? { logger: options.logger } : {}),
    ...(options.tls ? { tls: options.tls } : {}),
    ...(options.requirePairing ? { requirePairing: options.requirePairing } : {}),
    ...(options.pairingFailuresPerAddress ? { pairingFailuresPerAddress: options.pairingFailuresPerAddress } : {}),
  });
  return {
    core,
    server,
    url: server.url,
    dataDir,
    setupCode,
    async stop() {
      await server.close();
      core.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Headers that keep `api(url, 'admin', …)` from signing in: the admin page as nobody signed in. */
export const NOT_SIGNED_IN: Record<string, string> = { Authorization: '' };

/** The administrator `api(url, 'admin', …)` signs in as, per host: the demo's unless told (useAdmin), and their token once signed in. */
const admins = new Map<string, { staffNo: string; password: string; token: string | null }>();
export const DEMO_ADMIN = { staffNo: '9001', name: '刘芳', password: DEMO_PASSWORD };

/**
 * POST /api/<method> as a role, returning the HTTP status and the JSON body. As 'admin'
 * (but for auth.* and headers that carry an Authorization of their own) it signs in first,
 * once per host, as the demo administrator or the one `useAdmin` names, and sends the
 * token (Authorization: Bearer), as the admin page does; a token that has ended is
 * replaced by a new sign-in.
 */
export async function api(url: string, role: string | null, method: string, params: unknown, headers: Record<string, string> = {}) {
  const post = async (extra: Record<string, string>) => {
    const response = await fetch(`${url}/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...(role ? { 'X-Hall-Role': role } : {}), ...headers, ...extra },
      body: JSON.stringify(params),
    });
    return { status: response.status, body: (await response.json()) as any };
  };
  const signsInAsAdmin = role === 'admin' && !method.startsWith('auth.') && !Object.keys(headers).some((name) => name.toLowerCase() === 'authorization');
  if (!signsInAsAdmin) return post({});
  const admin = admins.get(url) ?? { ...DEMO_ADMIN, token: null };
  admins.set(url, admin);
  admin.token ??= await adminToken(url, admin);
  const reply = await post({ Authorization: `Bearer ${admin.token}` });
  if (reply.status !== 401) return reply;
  admin.token = await adminToken(url, admin);
  return post({ Authorization: `Bearer ${admin.token}` });
}

async function adminToken(url: string, admin: { staffNo: string; password: string }): Promise<string> {
  const headers = await signInHeaders(url, admin.staffNo, admin.password, 'admin');
  return headers.Authorization!.slice('Bearer '.length);
}

/** From now on `api(url, 'admin', …)` signs in as this administrator (a hall without the demo's). */
export function useAdmin(url: string, staffNo: string, password: string, token: string | null = null): void {
  admins.set(url, { staffNo, password, token });
}

/**
 * Creates a new hall's first administrator with the setup code the host made (a host
 * started with `demo: false`), and makes `api(host.url, 'admin', …)` sign in as them.
 */
export async function createFirstAdmin(host: TestHost, admin: { staffNo: string; name: string; password: string } = { ...DEMO_ADMIN, staffNo: 'A01' }): Promise<void> {
  if (!host.setupCode) throw new Error('this host has an administrator already (no setup code)');
  const reply = await api(host.url, 'admin', 'auth.setupFirstAdmin', { code: host.setupCode, ...admin });
  if (!reply.body.ok) throw new Error(`first administrator not created: ${reply.body.error.code}`);
  useAdmin(host.url, admin.staffNo, admin.password, reply.body.value.token);
}

/**
 * Signs a staff member in over HTTP (auth.signIn on the page of `role`: a demo clerk at
 * a desk by default) and returns the headers that carry the sign-in on later requests:
 * `api(url, 'clerk', method, params, clerk)`.
 */
export async function signInHeaders(url: string, staffNo = '1001', password = DEMO_PASSWORD, role: 'clerk' | 'admin' = 'clerk'): Promise<Record<string, string>> {
  const reply = await api(url, role, 'auth.signIn', { staffNo, password });
  if (!reply.body.ok) throw new Error(`sign-in of ${staffNo} failed: ${reply.body.error.code}`);
  return { Authorization: `Bearer ${reply.body.value.token}` };
}
