import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { DEMO_PASSWORD } from '../electron/core/hall/demo-seed';

/** What a benchmark module declares: one measured figure and the most it may be. */
export interface Metric {
  name: string;
  unit: string;
  budget: number;
}

/**
 * A benchmark: one run (usually against its own host) producing one or more figures.
 * The metrics are declared up front so `npm run bench -- <prefix>` can pick groups
 * without running them, and so a run that forgets a figure counts as a failure.
 * Modules named `bench/*.bench.ts` export `benchmarks: Benchmark[]`.
 */
export interface Benchmark {
  metrics: Metric[];
  run(): Promise<Record<string, number>>;
}

export interface BenchResult extends Metric {
  value: number;
  ok: boolean;
}

/** Tickets waiting in the queue benchmarks: a very busy day for one hall. */
export const QUEUE_SIZE = 5_000;

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CLI = fileURLToPath(new URL('../electron/server/cli.ts', import.meta.url));
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;

export { percentile } from '../shared/domain/percentile';

export type Role = 'kiosk' | 'clerk' | 'display' | 'admin';

/** A failed `{ ok: false }` reply from the host, with its error code. */
export class ApiError extends Error {
  constructor(
    readonly method: string,
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(`${method} → ${status} ${code}: ${message}`);
  }
}

type Reply<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/**
 * `POST <url>/api/<method>` as a role; the value of an ok reply, else throws ApiError.
 * A clerk sends the session token of their sign-in (see `signIn`).
 * Node's global fetch (undici) keeps the connection alive between calls.
 */
export async function call<T = unknown>(url: string, role: Role, method: string, params: unknown = {}, token?: string): Promise<T> {
  const response = await fetch(`${url}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Hall-Role': role, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(params),
  });
  const reply = (await response.json()) as Reply<T>;
  if (!reply.ok) throw new ApiError(method, response.status, reply.error.code, reply.error.message);
  return reply.value;
}

/** Runs `fn` and returns its result with the wall time it took, in milliseconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - started };
}

export interface BenchHost {
  /** e.g. http://127.0.0.1:40339 */
  url: string;
  dataDir: string;
  /** Stops the child and removes its data folder; safe to call more than once. */
  stop(): Promise<void>;
}

/** Host children still running, with their data folders. */
const liveHosts = new Map<ChildProcess, string>();
// If the runner leaves without reaching a `finally` (process.exit, an uncaught error),
// no host child or temp folder is left behind.
process.once('exit', () => {
  for (const [child, dataDir] of liveHosts) {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});

/** Stops every host still running (for a signal handler in the runner). */
export async function stopAllHosts(): Promise<void> {
  await Promise.all([...stopHandles].map((stop) => stop()));
}
const stopHandles = new Set<() => Promise<void>>();

/**
 * The real Node host (`electron/server/cli.ts --demo`) in a child process on a fresh
 * temp data folder, so the client under measurement and the server do not share an
 * event loop. Resolves once the host prints its URL.
 */
export async function startHost(): Promise<BenchHost> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hall-bench-'));
  // node --import tsx directly rather than `npx tsx`: no wrapper process in between,
  // so the signal we send reaches the host itself.
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, '--data', dataDir, '--port', '0', '--demo'], {
    cwd: ROOT,
    env: { ...process.env, LANG: 'en-US' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  liveHosts.set(child, dataDir);
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.once('error', () => resolve()); // failed to spawn: there will be no 'exit'
  });

  let stderrTail = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (chunk: string) => (stderrTail = (stderrTail + chunk).slice(-4000)));

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM'); // the CLI closes the server and the database on SIGTERM
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
        await exited;
        clearTimeout(timer);
      }
      // A clean stop ends in exit code 0 (or SIGTERM); anything else means the host died
      // (the failing request said only "fetch failed") or hung: show its last words.
      if (child.pid !== undefined && child.exitCode !== 0 && child.signalCode !== 'SIGTERM') {
        process.stderr.write(`bench host ended badly (code ${child.exitCode}, signal ${child.signalCode}); its stderr ended:\n${stderrTail}\n`);
      }
      liveHosts.delete(child);
      stopHandles.delete(stop);
      rmSync(dataDir, { recursive: true, force: true });
    })());
  stopHandles.add(stop);

  try {
    const url = await new Promise<string>((resolve, reject) => {
      let stdout = '';
      let found = false;
      const timer = setTimeout(() => reject(new Error(`host did not print its URL within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
      child.stdout!.setEncoding('utf8');
      // Keep draining stdout after the URL so the child never blocks on a full pipe.
      child.stdout!.on('data', (chunk: string) => {
        if (found) return;
        stdout += chunk;
        const match = /http:\/\/127\.0\.0\.1:\d+/.exec(stdout);
        if (match) {
          found = true;
          clearTimeout(timer);
          resolve(match[0]);
        }
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`host exited before listening (code ${code}, signal ${signal}):\n${stderrTail}`));
      });
    });

    return { url, dataDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Starts a host, runs `fn` against it, and always stops it. */
export async function withHost<T>(fn: (host: BenchHost) => Promise<T>): Promise<T> {
  const host = await startHost();
  try {
    return await fn(host);
  } finally {
    await host.stop();
  }
}

export interface HallInfo {
  services: { id: string; letter: string }[];
  windows: { id: string; number: number; services: { serviceId: string; tier: number }[] }[];
}

export interface Ticket {
  id: string;
  number: string;
  status: string;
}

export function hallInfo(url: string): Promise<HallInfo> {
  return call<HallInfo>(url, 'kiosk', 'hall.info');
}

export function windowByNumber(info: HallInfo, number: number): HallInfo['windows'][number] {
  const window = info.windows.find((candidate) => candidate.number === number);
  if (!window) throw new Error(`the demo hall has no window ${number}`);
  return window;
}

/** Issues `count` tickets round-robin across all services; returns each issue's latency in ms. */
export async function issueTickets(url: string, info: HallInfo, count: number): Promise<number[]> {
  if (info.services.length === 0) throw new Error('the hall has no services');
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const service = info.services[i % info.services.length]!;
    const { ms } = await timed(() => call(url, 'kiosk', 'queue.issueTicket', { serviceId: service.id }));
    latencies.push(ms);
  }
  return latencies;
}

/** A demo clerk's staff number. */
const DEMO_CLERK = '1001';

/**
 * Signs a demo clerk in once (auth.signIn over HTTP); returns the session token the
 * clerk's calls then carry as `Authorization: Bearer`. Sign-in itself (scrypt) is
 * never inside a timed section.
 */
export async function signIn(url: string, staffNo = DEMO_CLERK): Promise<string> {
  const { token } = await call<{ token: string }>(url, 'clerk', 'auth.signIn', { staffNo, password: DEMO_PASSWORD });
  return token;
}

/** Calls the next ticket to a window (it must be free) as the signed-in clerk; throws when nobody is waiting. */
export async function callNext(url: string, token: string, windowId: string): Promise<Ticket> {
  const { ticket } = await call<{ ticket: Ticket | null }>(url, 'clerk', 'queue.callNext', { windowId }, token);
  if (!ticket) throw new Error('callNext found nobody waiting');
  return ticket;
}

export function finish(url: string, token: string, windowId: string, ticketId: string): Promise<unknown> {
  return call(url, 'clerk', 'queue.finish', { windowId, ticketId }, token);
}

export async function waitingAt(url: string, token: string, windowId: string): Promise<number> {
  const status = await call<{ waiting: number }>(url, 'clerk', 'queue.windowStatus', { windowId }, token);
  return status.waiting;
}
