import type { z } from 'zod';
import type { Logger, RawPrinterStatus, SystemPrinter, SystemPrintRequest } from '../core/ports';
import { systemPrintReplyMessageSchema, systemPrintResultSchemas, type SystemPrintMessage, type SystemPrintOp } from './core-protocol';
import { field } from './replies';

/**
 * The core's `SystemPrinter` in the utility process: the OS's printers are main's
 * (system-printing.ts), so each call is a `systemPrint` message to main, answered by a
 * `systemPrintReply` with the same requestId (core-protocol.ts). Every call ends: with
 * main's answer, at its timeout, or with `host_gone` when the link to main closes.
 */

/** What the client needs of the utility process's `process.parentPort`. */
export interface SystemPrintPort {
  postMessage(message: SystemPrintMessage): void;
}

/**
 * Longer than main's own 60 s limit of a print (system-printing.ts), so main's answer
 * (`timeout` included) normally arrives first; these only catch a main that never answers.
 */
export const SYSTEM_PRINT_TIMEOUTS_MS = { print: 75_000, status: 10_000, list: 10_000 };

type Results = { [Op in SystemPrintOp]: z.infer<(typeof systemPrintResultSchemas)[Op]> };

interface Pending {
  op: SystemPrintOp;
  resolve(result: unknown): void;
  reject(error: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

function clientError(code: string): Error & { code: string } {
  return Object.assign(new Error(code), { code });
}

export class SystemPrinterClient implements SystemPrinter {
  private nextRequestId = 1;
  private readonly pending = new Map<number, Pending>();
  private closed = false;

  constructor(
    private readonly port: SystemPrintPort,
    private readonly logger: Logger,
    private readonly timeoutsMs = SYSTEM_PRINT_TIMEOUTS_MS,
  ) {}

  print(request: SystemPrintRequest): Promise<{ pdf: Uint8Array | null }> {
    return this.call('print', { deviceName: request.deviceName, html: request.html, pageSize: request.pageSize });
  }

  /** Never rejects: no answer from main is an offline printer with the reason's code. */
  status(deviceName: string): Promise<RawPrinterStatus> {
    return this.call('status', { deviceName }).catch((error: unknown) => ({
      state: 'offline' as const,
      paperLow: false,
      answered: false,
      error: (error as { code?: string }).code ?? 'error',
    }));
  }

  list(): Promise<Array<{ name: string; displayName: string; isDefault: boolean }>> {
    return this.call('list', {});
  }

  /**
   * A message from main. Returns true when it was a `systemPrintReply` (handled here,
   * even when malformed: logged by kind and dropped), false for anything else (the
   * relay's).
   */
  receive(data: unknown): boolean {
    if (field(data, 'kind') !== 'systemPrintReply') return false;
    const parsed = systemPrintReplyMessageSchema.safeParse(data);
    if (!parsed.success) {
      this.logger.warn('system printer: dropped a malformed message', { kind: 'systemPrintReply' });
      return true;
    }
    const reply = parsed.data;
    const pending = this.pending.get(reply.requestId);
    if (!pending) return true; // answered already (a late reply after the timeout)
    this.forget(reply.requestId);
    if (!reply.ok) {
      pending.reject(clientError(reply.code));
      return true;
    }
    const result = systemPrintResultSchemas[pending.op].safeParse(reply.result);
    if (result.success) pending.resolve(result.data);
    else {
      this.logger.warn('system printer: a reply did not fit its call', { op: pending.op });
      pending.reject(clientError('bad_reply'));
    }
    return true;
  }

  /** The link to main is gone (the core is closing): every call in flight, and every later one, rejects `host_gone`. */
  close(): void {
    this.closed = true;
    for (const [requestId, pending] of [...this.pending]) {
      this.forget(requestId);
      pending.reject(clientError('host_gone'));
    }
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  private call<Op extends SystemPrintOp>(op: Op, args: Omit<Extract<SystemPrintMessage, { op: Op }>, 'kind' | 'requestId' | 'op'>): Promise<Results[Op]> {
    if (this.closed) return Promise.reject(clientError('host_gone'));
    const requestId = this.nextRequestId++;
    return new Promise<Results[Op]>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.forget(requestId);
        this.logger.warn('system printer: main did not answer in time', { op });
        reject(clientError('timeout'));
      }, this.timeoutsMs[op]);
      this.pending.set(requestId, { op, resolve: resolve as (result: unknown) => void, reject, timer });
      try {
        this.port.postMessage({ kind: 'systemPrint', requestId, op, ...args } as SystemPrintMessage);
      } catch {
        // The port is closing (the process is ending).
        this.forget(requestId);
        reject(clientError('host_gone'));
      }
    });
  }

  private forget(requestId: number): void {
    const pending = this.pending.get(requestId);
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pending.delete(requestId);
  }
}
