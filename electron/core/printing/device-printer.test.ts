import { execFileSync } from 'node:child_process';
import { closeSync, constants, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { deviceOpenFlags, devicePathOf, DevicePrinter } from './device-printer';
import { renderEscPos } from './escpos-render';
import { NetworkPrinter } from './network-printer';
import { defaultRawPrinter, routeRawPrinters } from './raw-printers';
import { cut, qr, text } from './receipt-model';
import { TestPrinterServer } from './test-printer-server';

const JOB = renderEscPos({ blocks: [text('来访登记回执', { align: 'center', width: 2, height: 2 }), text('申请人：王堃'), qr('DEMO-20261124-001 已受理'), cut()] }).bytes;

let dir: string;
const cleanups: Array<() => void | Promise<void>> = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'device-printer-'));
});

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** A FIFO standing in for /dev/usb/lp0: a character-special file the printer's driver would read. */
function fifo(name = 'lp0'): string {
  const path = join(dir, name);
  execFileSync('mkfifo', [path]);
  return path;
}

/**
 * The printer's side of a FIFO: opened for reading first (without blocking, so that it is
 * there when the job opens its end), then read through a pipe handle until the writer
 * closes. Resolves to every byte received.
 */
function readAll(path: string, options: { startAfterMs?: number } = {}): Promise<Buffer> {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  const reader = new Socket({ fd, readable: true, writable: false });
  cleanups.push(() => void reader.destroy());
  const chunks: Buffer[] = [];
  // A printer busy printing: nothing is taken for a while, the pipe fills up.
  if (options.startAfterMs) {
    reader.pause();
    setTimeout(() => reader.resume(), options.startAfterMs);
  }
  return new Promise((resolve, reject) => {
    reader.on('data', (chunk: Buffer) => chunks.push(chunk));
    reader.once('end', () => resolve(Buffer.concat(chunks)));
    reader.once('error', reject);
  });
}

/** This process's open descriptors on a path (Linux /proc): a job must leave none behind. */
function openDescriptorsOn(path: string): number {
  return readdirSync('/proc/self/fd').filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === path;
    } catch {
      return false;
    }
  }).length;
}

describe('DevicePrinter (usb: addresses, raw bytes to a device)', () => {
  it('delivers the exact bytes of a job to the device and closes it', async () => {
    const path = fifo();
    const received = readAll(path);
    await new DevicePrinter().send(`usb:${path}`, JOB);
    expect(Buffer.compare(await received, Buffer.from(JOB))).toBe(0);
    expect(openDescriptorsOn(path)).toBe(0);
  });

  it('delivers a job larger than the pipe holds to a device that stops taking bytes for a while (the writer waits and goes on)', async () => {
    const path = fifo();
    const big = new Uint8Array(300_000).map((_, i) => i % 251);
    const received = readAll(path, { startAfterMs: 200 });
    await new DevicePrinter().send(`usb:${path}`, big);
    expect(Buffer.compare(await received, Buffer.from(big))).toBe(0);
  });

  it('a missing device rejects not_found, and its status is offline', async () => {
    const address = `usb:${join(dir, 'lp9')}`;
    await expect(new DevicePrinter().send(address, JOB)).rejects.toMatchObject({ name: 'PrinterError', code: 'not_found' });
    expect(await new DevicePrinter().status(address)).toEqual({ state: 'offline', paperLow: false, answered: false, error: 'not_found' });
    // Nothing was made in its place.
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses a regular file and a directory, and leaves the file untouched', async () => {
    const file = join(dir, 'lp0');
    writeFileSync(file, 'not a printer');
    const before = statSync(file);
    await expect(new DevicePrinter().send(`usb:${file}`, JOB)).rejects.toMatchObject({ code: 'not_a_device' });
    expect(readFileSync(file, 'utf8')).toBe('not a printer');
    expect(statSync(file).mtimeMs).toBe(before.mtimeMs);
    expect(await new DevicePrinter().status(`usb:${file}`)).toMatchObject({ state: 'offline', error: 'not_a_device' });
    await expect(new DevicePrinter().send(`usb:${dir}`, JOB)).rejects.toMatchObject({ code: 'not_a_device' });
  });

  it('a FIFO nobody has open for reading rejects no_reader at once (the open never blocks)', async () => {
    const path = fifo();
    const started = Date.now();
    await expect(new DevicePrinter().send(`usb:${path}`, JOB)).rejects.toMatchObject({ code: 'no_reader' });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(openDescriptorsOn(path)).toBe(0);
  });

  it('a device that stops taking bytes times out: rejects timeout and closes its handle', async () => {
    const path = fifo();
    // A reader that is there but never reads: the pipe fills (64 KB) and the writer gets EAGAIN.
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    cleanups.push(() => closeSync(fd));
    const started = Date.now();
    await expect(new DevicePrinter({ timeoutMs: 300, retryMs: 10 }).send(`usb:${path}`, new Uint8Array(300_000))).rejects.toMatchObject({ code: 'timeout' });
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(2000);
    // The write loop sees the deadline at its next retry and closes: only the reader's descriptor stays.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(openDescriptorsOn(path)).toBe(1);
  });

  it('status: online when the device is there and writable; never an answer about the paper', async () => {
    const path = fifo();
    expect(await new DevicePrinter().status(`usb:${path}`)).toEqual({ state: 'online', paperLow: false, answered: false });
    expect(await new DevicePrinter().status('usb:relative/lp0')).toMatchObject({ state: 'offline', error: 'bad_address' });
  });

  it('reads addresses as device paths: absolute on Linux, a share or a device on Windows', () => {
    expect(devicePathOf('usb:/dev/usb/lp0', 'linux')).toBe('/dev/usb/lp0');
    expect(devicePathOf('usb:dev/usb/lp0', 'linux')).toBeNull();
    expect(devicePathOf('usb:/dev/usb/../../etc/passwd', 'linux')).toBeNull();
    expect(devicePathOf('tcp://10.0.0.1', 'linux')).toBeNull();
    expect(devicePathOf('usb:\\\\localhost\\POS80', 'win32')).toBe('\\\\localhost\\POS80');
    expect(devicePathOf('usb:\\\\.\\COM3', 'win32')).toBe('\\\\.\\COM3');
    expect(devicePathOf('usb:C:\\printer.txt', 'win32')).toBeNull();
    expect(devicePathOf('usb:\\\\server\\share\\file.txt', 'win32')).toBeNull();
  });

  it('opens a Windows share or port write-only and never creates or empties a file (libuv: OPEN_EXISTING, not CREATE_ALWAYS)', async () => {
    const flags = deviceOpenFlags('win32');
    expect(flags).toBe(constants.O_WRONLY);
    expect(flags & (constants.O_CREAT | constants.O_TRUNC | constants.O_APPEND | constants.O_EXCL)).toBe(0);
    // The same flags here: a path that is not there stays not there, a file keeps its content.
    const missing = join(dir, 'POS80');
    await expect(open(missing, flags)).rejects.toMatchObject({ code: 'ENOENT' });
    expect(existsSync(missing)).toBe(false);
    const file = join(dir, 'ledger.txt');
    writeFileSync(file, 'keep me');
    await (await open(file, flags)).close();
    expect(readFileSync(file, 'utf8')).toBe('keep me');
    // Linux and macOS keep their non-blocking open of a device that must exist.
    expect(deviceOpenFlags('linux')).toBe(constants.O_WRONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  });
});

describe('routeRawPrinters: each address to its adapter', () => {
  it('tcp:// to the network printer, usb: to the device, system: refused', async () => {
    const server = new TestPrinterServer();
    await server.listen();
    cleanups.push(() => server.close());
    const printers = routeRawPrinters({ network: new NetworkPrinter({ statusTimeoutMs: 100 }), usb: new DevicePrinter() });

    await printers.send(server.address, JOB);
    await server.waitForJobs(1);
    expect(Buffer.compare(server.jobs[0]!, Buffer.from(JOB))).toBe(0);
    expect((await printers.status(server.address)).state).toBe('online');

    const path = fifo();
    const received = readAll(path);
    await printers.send(`usb:${path}`, JOB);
    expect(Buffer.compare(await received, Buffer.from(JOB))).toBe(0);
    expect(server.jobs).toHaveLength(1);

    await expect(printers.send('system:HP LaserJet', JOB)).rejects.toMatchObject({ name: 'PrinterError', code: 'unsupported_address' });
    expect(await printers.status('system:HP LaserJet')).toEqual({ state: 'offline', paperLow: false, answered: false, error: 'unsupported_address' });
    await expect(defaultRawPrinter().send('lpt1', JOB)).rejects.toMatchObject({ code: 'unsupported_address' });
  });
});
