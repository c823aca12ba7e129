import { connect, type Socket } from 'node:net';
import type { RawPrinter, RawPrinterStatus } from '../ports';
import { cmd, paperStatus } from './escpos';

export interface NetworkPrinterOptions {
  /** How long a connection may take. Default 3 s. */
  connectTimeoutMs?: number;
  /** How long the printer may stop taking bytes (a full buffer, a jam). Default 15 s. */
  writeTimeoutMs?: number;
  /** How long to wait for the answer to DLE EOT 4. Default 500 ms; a printer that never answers costs this once per job. */
  statusTimeoutMs?: number;
}

/** Why a job did not reach the printer: a short code, never the job's content. */
export class PrinterError extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = 'PrinterError';
  }
}

/** The network's code of an error (`ECONNRESET`, `EPIPE`, `ERR_STREAM_DESTROYED` …), else `error`. */
function printerErrorCode(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return typeof code === 'string' && /^[A-Za-z_]{1,40}$/.test(code) ? code : 'error';
}

/** `tcp://host:port` (port 9100 when left out); null for anything else. */
export function parseTcpAddress(address: string): { host: string; port: number } | null {
  const match = /^tcp:\/\/(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(?::(\d{1,5}))?\/?$/.exec(address.trim());
  if (!match) return null;
  const port = match[2] === undefined ? 9100 : Number(match[2]);
  if (port < 1 || port > 65535) return null;
  return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
}

/**
 * Thermal printers on the network, raw TCP (the "RAW / JetDirect" port 9100 that every
 * Ethernet receipt printer opens): connect, ask the paper sensor (DLE EOT 4), write the
 * job, close. Each step has its timeout, so a printer that is off, unplugged or jammed
 * makes `send` reject rather than hang; the print queue keeps the job and retries.
 */
export class NetworkPrinter implements RawPrinter {
  private readonly connectTimeoutMs: number;
  private readonly writeTimeoutMs: number;
  private readonly statusTimeoutMs: number;

  constructor(options: NetworkPrinterOptions = {}) {
    this.connectTimeoutMs = options.connectTimeoutMs ?? 3000;
    this.writeTimeoutMs = options.writeTimeoutMs ?? 15_000;
    this.statusTimeoutMs = options.statusTimeoutMs ?? 500;
  }

  /**
   * Delivers the job: rejects with PrinterError `paper_out` (nothing sent) when the
   * printer says its paper is gone, or the network's code (`ECONNREFUSED`,
   * `connect_timeout`, `write_timeout` …). Resolves when every byte was handed to the
   * connection and it was closed cleanly.
   */
  async send(address: string, bytes: Uint8Array): Promise<void> {
    const socket = await this.open(address);
    try {
      const answer = await this.ask(socket);
      if (answer !== null && answer.valid && answer.paperOut) throw new PrinterError('paper_out');
      await this.write(socket, bytes);
    } finally {
      socket.destroy();
    }
  }

  async status(address: string): Promise<RawPrinterStatus> {
    let socket: Socket;
    try {
      socket = await this.open(address);
    } catch (error) {
      return { state: 'offline', paperLow: false, answered: false, error: error instanceof PrinterError ? error.code : 'error' };
    }
    try {
      const answer = await this.ask(socket);
      if (answer === null || !answer.valid) return { state: 'online', paperLow: false, answered: false };
      return { state: answer.paperOut ? 'paper_out' : 'online', paperLow: answer.paperLow, answered: true };
    } catch (error) {
      return { state: 'offline', paperLow: false, answered: false, error: error instanceof PrinterError ? error.code : 'error' };
    } finally {
      socket.destroy();
    }
  }

  private open(address: string): Promise<Socket> {
    const target = parseTcpAddress(address);
    if (!target) return Promise.reject(new PrinterError('bad_address'));
    return new Promise((resolve, reject) => {
      const socket = connect({ host: target.host, port: target.port });
      socket.setNoDelay(true);
      const timer = setTimeout(() => {
        socket.destroy();
        reject(new PrinterError('connect_timeout'));
      }, this.connectTimeoutMs);
      // The connection itself keeps the process up while it is needed; its timers do not.
      timer.unref();
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.removeAllListeners('error');
        // Errors after this point are taken by ask() and write(); none may go unheard.
        socket.on('error', () => {});
        resolve(socket);
      });
      socket.once('error', (error: NodeJS.ErrnoException) => {
        clearTimeout(timer);
        socket.destroy();
        reject(new PrinterError(error.code ?? 'error'));
      });
    });
  }

  /** DLE EOT 4 and its one-byte answer; null when none came in time (the printer does not answer status). */
  private ask(socket: Socket): Promise<ReturnType<typeof paperStatus> | null> {
    return new Promise((resolve, reject) => {
      const done = (result: ReturnType<typeof paperStatus> | null, error?: PrinterError) => {
        clearTimeout(timer);
        socket.off('data', onData);
        socket.off('error', onError);
        socket.off('close', onClose);
        if (error) reject(error);
        else resolve(result);
      };
      const onData = (chunk: Buffer) => done(paperStatus(chunk[chunk.length - 1]!));
      const onError = (error: NodeJS.ErrnoException) => done(null, new PrinterError(error.code ?? 'error'));
      const onClose = () => done(null, new PrinterError('closed'));
      const timer = setTimeout(() => done(null), this.statusTimeoutMs);
      timer.unref();
      socket.on('data', onData);
      socket.once('error', onError);
      socket.once('close', onClose);
      socket.write(Uint8Array.from(cmd.status(4)));
    });
  }

  private write(socket: Socket, bytes: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => {
      let settled = false;
      const settle = (error?: PrinterError) => {
        if (settled) return;
        settled = true;
        socket.setTimeout(0);
        if (error) reject(error);
        else resolve();
      };
      socket.setTimeout(this.writeTimeoutMs, () => settle(new PrinterError('write_timeout')));
      socket.once('error', (error: NodeJS.ErrnoException) => settle(new PrinterError(error.code ?? 'error')));
      socket.once('close', () => settle(new PrinterError('closed')));
      // 'finish': every byte was handed to the system and our side closed (FIN). The callback
      // gets the error instead when the stream failed (a socket already destroyed, a write error).
      socket.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), (error?: Error | null) =>
        settle(error ? new PrinterError(printerErrorCode(error)) : undefined),
      );
    });
  }
}
