import { constants, promises as fs, type Stats } from 'node:fs';
import type { FileHandle } from 'node:fs/promises';
import type { RawPrinter, RawPrinterStatus } from '../ports';
import { PrinterError } from './network-printer';

export interface DevicePrinterOptions {
  /** The whole job — open, write, close — may take this long. Default 15 s. */
  timeoutMs?: number;
  /** The wait before writing again when the device takes no more for now (EAGAIN). Default 20 ms. */
  retryMs?: number;
}

/**
 * The device path of a `usb:` address: on Windows a share or device (`\\localhost\POS80`,
 * `\\.\COM3`), elsewhere an absolute path (`/dev/usb/lp0`; the contract admits /dev/ only,
 * a test gives a FIFO of its own). Null for anything else.
 */
export function devicePathOf(address: string, platform: NodeJS.Platform = process.platform): string | null {
  const match = /^usb:(.+)$/.exec(address.trim());
  if (!match) return null;
  const path = match[1]!;
  if (path.includes('\0') || /(^|[\\/])\.\.([\\/]|$)/.test(path)) return null;
  if (platform === 'win32') return /^\\\\[^\\/]+\\[^\\/]+$/.test(path) ? path : null;
  return path.startsWith('/') ? path : null;
}

/** Short codes for what goes wrong with a device; others keep their system code. Never a message (it names the path). */
function deviceErrorCode(error: unknown, fifo: boolean): string {
  if (error instanceof PrinterError) return error.code;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'not_found';
    case 'EACCES':
    case 'EPERM':
      return 'permission';
    case 'EBUSY':
      return 'busy';
    case 'EISDIR':
      return 'not_a_device';
    case 'ENXIO':
      // A FIFO opened without blocking, nobody reading it (the spooler or test reader is not there).
      return fifo ? 'no_reader' : 'ENXIO';
    default:
      return typeof code === 'string' && /^[A-Za-z_]{1,40}$/.test(code) ? code : 'error';
  }
}

/** What a raw printer may be on Linux and macOS: a character device (usblp, a serial port) or a FIFO (a spooler's). Never a regular file. */
function isDevice(stats: Stats): boolean {
  return stats.isCharacterDevice() || stats.isFIFO();
}

/**
 * How a device is opened for a job: write only, never O_CREAT or O_TRUNC, so a path that
 * is not there is never made and nothing is emptied. On Linux and macOS also non-blocking
 * (see DevicePrinter) and never as a controlling terminal (a serial port). On Windows
 * libuv turns O_WRONLY without O_CREAT / O_TRUNC into CreateFile's OPEN_EXISTING, the
 * disposition Windows requires for ports and printer shares; the flag string 'w' would be
 * CREATE_ALWAYS, which creates or truncates a file.
 */
export function deviceOpenFlags(platform: NodeJS.Platform = process.platform): number {
  if (platform === 'win32') return constants.O_WRONLY;
  return constants.O_WRONLY | constants.O_NONBLOCK | (constants.O_NOCTTY ?? 0);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Thermal printers on USB, raw ESC/POS written to a device (`usb:` addresses): on Linux
 * the usblp driver's `/dev/usb/lp0`; on Windows a shared printer (`\\localhost\POS80`:
 * bytes written to the share's path reach the spooler as a RAW job) or a port (`\\.\COM3`).
 *
 * `send` opens the device for writing only — never creating or truncating a file: on
 * Linux it must already exist as a character device or FIFO, checked before opening and
 * again on the open handle — writes every byte, and closes. Nothing here may hold a
 * libuv thread for ever: the device is opened non-blocking (a FIFO without a reader fails
 * at once, `no_reader`; a full buffer answers EAGAIN and is retried after a short wait),
 * and the whole job has one deadline (`timeout`, the handle closed). On Windows there is
 * no non-blocking open: a share that does not answer holds its thread until the system
 * gives up, but the job is reported `timeout` at the deadline and the handle is closed
 * as soon as the open returns.
 */
export class DevicePrinter implements RawPrinter {
  private readonly timeoutMs: number;
  private readonly retryMs: number;

  constructor(options: DevicePrinterOptions = {}) {
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.retryMs = options.retryMs ?? 20;
  }

  /**
   * Resolves when every byte was written and the device closed. Rejects with PrinterError:
   * `bad_address`, `not_found`, `not_a_device` (a regular file or a directory: refused,
   * left untouched), `permission`, `busy`, `no_reader`, `timeout`, or the system's code.
   */
  send(address: string, bytes: Uint8Array): Promise<void> {
    const path = devicePathOf(address);
    if (!path) return Promise.reject(new PrinterError('bad_address'));
    const job = { expired: false };
    const delivery = this.deliver(path, bytes, job);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        job.expired = true;
        reject(new PrinterError('timeout'));
      }, this.timeoutMs);
      // The delivery keeps the process up while it runs; its deadline need not.
      timer.unref();
      delivery.then(
        () => {
          clearTimeout(timer);
          resolve();
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  /**
   * `online` when the device is there and may be written to, else `offline` with why.
   * A USB line printer gives no answer to DLE EOT through a write-only device path (the
   * usblp driver and the Windows spooler pass nothing back this way), so the paper is
   * never known here: `paperLow` false, `answered` false.
   */
  async status(address: string): Promise<RawPrinterStatus> {
    const path = devicePathOf(address);
    if (!path) return offline('bad_address');
    let fifo = false;
    try {
      if (process.platform !== 'win32') {
        const stats = await fs.stat(path);
        if (!isDevice(stats)) return offline('not_a_device');
        fifo = stats.isFIFO();
      }
      await fs.access(path, constants.W_OK);
      return { state: 'online', paperLow: false, answered: false };
    } catch (error) {
      return offline(deviceErrorCode(error, fifo));
    }
  }

  private async deliver(path: string, bytes: Uint8Array, job: { expired: boolean }): Promise<void> {
    let fifo = false;
    let handle: FileHandle | null = null;
    try {
      if (process.platform === 'win32') {
        // A share or a port that must already exist (OPEN_EXISTING): a missing one is not_found, never a new file.
        handle = await fs.open(path, deviceOpenFlags('win32'));
      } else {
        const stats = await fs.stat(path);
        if (!isDevice(stats)) throw new PrinterError('not_a_device');
        fifo = stats.isFIFO();
        handle = await fs.open(path, deviceOpenFlags(process.platform));
        // Checked again on what was opened: the path may have been replaced meanwhile.
        if (!isDevice(await handle.stat())) throw new PrinterError('not_a_device');
      }
      let written = 0;
      while (written < bytes.length) {
        if (job.expired) throw new PrinterError('timeout');
        try {
          const { bytesWritten } = await handle.write(bytes, written, bytes.length - written);
          written += bytesWritten;
        } catch (error) {
          // The device's buffer is full (the printer is busy printing, or nobody reads the FIFO): wait, retry.
          if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
          await sleep(this.retryMs);
        }
      }
    } catch (error) {
      throw new PrinterError(deviceErrorCode(error, fifo));
    } finally {
      await handle?.close().catch(() => {});
    }
  }
}

function offline(error: string): RawPrinterStatus {
  return { state: 'offline', paperLow: false, answered: false, error };
}
