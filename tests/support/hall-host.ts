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
  } = {},
): Promise<TestHost> {
  if (!existsSync(join(RENDERER_DIR, 'index.html'))) {
    throw new Error('The renderer is not built: run `npm run build:renderer` (npm test does it first).');
  }
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'hall-host-'));
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
  });
  const server = await startHallServer({ core, port: options.port ?? 0, staticDir: RENDERER_DIR });
  return {
    core,
    server,
    url: server.url,
    dataDir,
    async stop() {
      await server.close();
      core.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** POST /api/<method> as a role, returning the HTTP status and the JSON body. */
export async function api(url: string, role: string | null, method: string, params: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${url}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(role ? { 'X-Hall-Role': role } : {}), ...headers },
    body: JSON.stringify(params),
  });
  return { status: response.status, body: (await response.json()) as any };
}

/**
 * Signs a demo staff member in over HTTP (auth.signIn as a clerk) and returns the
 * headers that carry the sign-in on later requests: `api(url, 'clerk', method, params, clerk)`.
 */
export async function signInHeaders(url: string, staffNo = '1001', password = DEMO_PASSWORD): Promise<Record<string, string>> {
  const reply = await api(url, 'clerk', 'auth.signIn', { staffNo, password });
  if (!reply.body.ok) throw new Error(`sign-in of ${staffNo} failed: ${reply.body.error.code}`);
  return { Authorization: `Bearer ${reply.body.value.token}` };
}
