import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Logger, SystemPrinter } from '../core/ports';
import { CoreLink } from './core-link';
import type { SystemPrintMessage, SystemPrintReplyMessage } from './core-protocol';
import { SystemPrinterClient } from './system-printer-client';
import { SystemPrinting, answerSystemPrint, type PrintHost, type PrintWindowPort } from './system-printing';

/** Bytes a text round trip would spoil: NUL, 0xff, a lone UTF-8 continuation byte. */
const PDF_BYTES = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x00, 0xff, 0x80, 0xc3, 0x0a]);

/** Electron as system-printing.ts sees it, printing every page and answering with PDF_BYTES (as a Buffer, like printToPDF). */
const fakeElectron: PrintHost = {
  createWindow: (): PrintWindowPort => ({
    webContents: {
      loadURL: async () => {},
      print: (_options, callback) => queueMicrotask(() => callback(true, '')),
      printToPDF: async () => Buffer.from(PDF_BYTES),
    },
    destroy: () => {},
  }),
  session: () => ({
    setPermissionRequestHandler: () => {},
    setPermissionCheckHandler: () => {},
    setDevicePermissionHandler: () => {},
    on: () => {},
    webRequest: { onBeforeRequest: () => {} },
  }),
  printers: async () => [
    { name: 'POS80', displayName: 'POS-80', options: { 'printer-state': '3', 'printer-state-reasons': 'media-low-warning' } },
    { name: 'Office_A4', displayName: 'Office A4', options: { 'printer-state': '3', 'printer-type': String(0x20000) } },
  ],
};

function recordingLogger() {
  const lines: Array<{ message: string; fields?: Record<string, unknown> }> = [];
  const logger: Logger = {
    info: () => {},
    warn: (message, fields) => void lines.push({ message, fields }),
    error: (message, fields) => void lines.push({ message, fields }),
  };
  return { logger, lines };
}

/** Across a process boundary: later, and structured-cloned (as utilityProcess / parentPort postMessage do). */
const across = (deliver: () => void) => void Promise.resolve().then(deliver);

/**
 * The core's client and main's CoreLink joined by an in-memory message pair; main runs
 * what it is asked on `printer` (the real SystemPrinting over a fake Electron unless
 * given).
 */
function joined(printer: SystemPrinter | null = null) {
  const { logger, lines } = recordingLogger();
  const mainSide: SystemPrinter = printer ?? new SystemPrinting(fakeElectron, logger);
  const asked: SystemPrintMessage[] = [];
  const link = new CoreLink({
    timeoutMs: 10_000,
    logger,
    onPush: () => {},
    onSystemPrint: (message, reply) => {
      asked.push(message);
      void answerSystemPrint(mainSide, message).then(reply);
    },
  });
  const client = new SystemPrinterClient({ postMessage: (message) => across(() => link.receive(structuredClone(message))) }, logger);
  link.attach({ postMessage: (message) => across(() => client.receive(structuredClone(message))) });
  return { client, asked, lines };
}

/** A main whose printing never ends: it never answers. */
const silent: SystemPrinter = {
  print: () => new Promise(() => {}),
  status: () => new Promise(() => {}),
  list: () => new Promise(() => {}),
};

afterEach(() => {
  vi.useRealTimers();
});

describe('system printer client ↔ main', () => {
  it('prints through main and gets the PDF back with its bytes intact', async () => {
    const { client, asked } = joined();
    const html = '<!doctype html><p>接待回执</p>';
    const { pdf } = await client.print({ deviceName: 'POS80', html, pageSize: '80mm' });
    expect(asked).toEqual([{ kind: 'systemPrint', requestId: 1, op: 'print', deviceName: 'POS80', html, pageSize: '80mm' }]);
    expect(pdf).toBeInstanceOf(Uint8Array);
    expect([...pdf!]).toEqual([...PDF_BYTES]);
    expect(client.pendingCount).toBe(0);
  });

  it("carries the printers' list and state, and main's refusal as its code", async () => {
    const { client } = joined();
    await expect(client.list()).resolves.toEqual([
      { name: 'POS80', displayName: 'POS-80', isDefault: false },
      { name: 'Office_A4', displayName: 'Office A4', isDefault: true },
    ]);
    await expect(client.status('POS80')).resolves.toEqual({ state: 'online', paperLow: true, answered: true });
    await expect(client.status('Gone')).resolves.toEqual({ state: 'offline', paperLow: false, answered: true, error: 'printer_not_found' });
    await expect(client.print({ deviceName: 'Gone', html: '<p>x</p>', pageSize: 'A4' })).rejects.toMatchObject({ code: 'printer_not_found' });
  });

  it('matches answers to calls when several are in flight', async () => {
    const { client } = joined();
    const [list, status, printed] = await Promise.all([
      client.list(),
      client.status('Office_A4'),
      client.print({ deviceName: 'Office_A4', html: '<p>A4</p>', pageSize: 'A4' }),
    ]);
    expect(list).toHaveLength(2);
    expect(status.state).toBe('online');
    expect(printed.pdf).toBeInstanceOf(Uint8Array);
  });

  it('gives up on a main that does not answer: a print after 75 s, status (offline) and list after 10 s; a late answer is ignored', async () => {
    vi.useFakeTimers();
    const { client, lines } = joined(silent);
    const print = client.print({ deviceName: 'POS80', html: '<p>x</p>', pageSize: '80mm' }).catch((error: { code: string }) => error.code);
    const status = client.status('POS80');
    const list = client.list().catch((error: { code: string }) => error.code);
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(status).resolves.toEqual({ state: 'offline', paperLow: false, answered: false, error: 'timeout' });
    await expect(list).resolves.toBe('timeout');
    expect(client.pendingCount).toBe(1);
    await vi.advanceTimersByTimeAsync(64_999);
    expect(client.pendingCount).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await expect(print).resolves.toBe('timeout');
    expect(lines.map((line) => line.fields?.op)).toEqual(['status', 'list', 'print']);

    expect(client.receive({ kind: 'systemPrintReply', requestId: 1, ok: true, result: { pdf: null } })).toBe(true);
    expect(client.pendingCount).toBe(0);
  });

  it('rejects every call in flight, and every later one, with host_gone when the link closes', async () => {
    const { client } = joined(silent);
    const print = client.print({ deviceName: 'POS80', html: '<p>x</p>', pageSize: '80mm' }).catch((error: { code: string }) => error.code);
    const list = client.list().catch((error: { code: string }) => error.code);
    const status = client.status('POS80');
    client.close();
    await expect(print).resolves.toBe('host_gone');
    await expect(list).resolves.toBe('host_gone');
    await expect(status).resolves.toMatchObject({ state: 'offline', answered: false, error: 'host_gone' });
    await expect(client.print({ deviceName: 'POS80', html: '<p>x</p>', pageSize: '80mm' })).rejects.toMatchObject({ code: 'host_gone' });
    expect(client.pendingCount).toBe(0);
  });

  it('drops a malformed reply (logged by kind only) and still takes the right one', async () => {
    const { logger, lines } = recordingLogger();
    const posted: SystemPrintMessage[] = [];
    const client = new SystemPrinterClient({ postMessage: (message) => void posted.push(message) }, logger);
    const listed = client.list();
    for (const malformed of [
      { kind: 'systemPrintReply', requestId: 'one', ok: true, result: [] },
      { kind: 'systemPrintReply', requestId: 1, ok: false, code: 'The printer "Office" at C:\\Users\\wang said no' },
      { kind: 'systemPrintReply', requestId: 1 },
    ]) {
      expect(client.receive(malformed)).toBe(true);
    }
    expect(client.pendingCount).toBe(1);
    expect(lines).toEqual(Array(3).fill({ message: 'system printer: dropped a malformed message', fields: { kind: 'systemPrintReply' } }));

    client.receive({ kind: 'systemPrintReply', requestId: posted[0]!.requestId, ok: true, result: [{ name: 'P', displayName: 'P', isDefault: false }] });
    await expect(listed).resolves.toEqual([{ name: 'P', displayName: 'P', isDefault: false }]);
  });

  it('rejects bad_reply when an answer does not fit its call (a PDF that is not bytes)', async () => {
    const posted: SystemPrintMessage[] = [];
    const client = new SystemPrinterClient({ postMessage: (message) => void posted.push(message) }, recordingLogger().logger);
    const printed = client.print({ deviceName: 'POS80', html: '<p>x</p>', pageSize: '80mm' });
    client.receive({ kind: 'systemPrintReply', requestId: posted[0]!.requestId, ok: true, result: { pdf: 'JVBERi0=' } });
    await expect(printed).rejects.toMatchObject({ code: 'bad_reply' });
  });

  it("leaves every other message of main's to the relay", () => {
    const client = new SystemPrinterClient({ postMessage: () => {} }, recordingLogger().logger);
    expect(client.receive({ kind: 'request', callId: 1, windowId: 1, role: 'kiosk', language: 'en', request: {} })).toBe(false);
    expect(client.receive('nonsense')).toBe(false);
    expect(client.receive(null)).toBe(false);
  });

  it('rejects host_gone when the message cannot be posted (the port is closing)', async () => {
    const client = new SystemPrinterClient(
      {
        postMessage: () => {
          throw new Error('port closed');
        },
      },
      recordingLogger().logger,
    );
    await expect(client.list()).rejects.toMatchObject({ code: 'host_gone' });
    expect(client.pendingCount).toBe(0);
  });
});

describe("main's side of the print messages (CoreLink)", () => {
  it('drops a malformed print message from the core, logged by kind, without printing', () => {
    const { logger, lines } = recordingLogger();
    const asked: SystemPrintMessage[] = [];
    const link = new CoreLink({ timeoutMs: 1000, logger, onPush: () => {}, onSystemPrint: (message) => void asked.push(message) });
    link.attach({ postMessage: () => {} });
    link.receive({ kind: 'systemPrint', requestId: 1, op: 'format', deviceName: 'POS80' });
    link.receive({ kind: 'systemPrint', requestId: 2, op: 'print', deviceName: 'POS80\n', html: '<p>x</p>', pageSize: '80mm' });
    link.receive({ kind: 'systemPrint', requestId: 3, op: 'print', deviceName: 'POS80', html: '<p>x</p>', pageSize: 'Letter' });
    expect(asked).toEqual([]);
    expect(lines.map((line) => line.fields)).toEqual(Array(3).fill({ kind: 'systemPrint' }));
  });

  it("never hands an answer to a core restarted meanwhile (its request ids start again)", async () => {
    const replies: Array<(answer: SystemPrintReplyMessage) => void> = [];
    const link = new CoreLink({ timeoutMs: 1000, logger: recordingLogger().logger, onPush: () => {}, onSystemPrint: (_message, reply) => void replies.push(reply) });
    const oldCore: unknown[] = [];
    const newCore: unknown[] = [];
    link.attach({ postMessage: (message) => void oldCore.push(message) });
    link.receive({ kind: 'systemPrint', requestId: 1, op: 'list' });
    link.detach();
    link.attach({ postMessage: (message) => void newCore.push(message) });
    replies[0]!({ kind: 'systemPrintReply', requestId: 1, ok: true, result: [] });
    expect(oldCore).toEqual([]);
    expect(newCore).toEqual([]);
  });

  it('answers unavailable when main has no printing', () => {
    const sent: unknown[] = [];
    const link = new CoreLink({ timeoutMs: 1000, logger: recordingLogger().logger, onPush: () => {} });
    link.attach({ postMessage: (message) => void sent.push(message) });
    link.receive({ kind: 'systemPrint', requestId: 4, op: 'status', deviceName: 'POS80' });
    expect(sent).toEqual([{ kind: 'systemPrintReply', requestId: 4, ok: false, code: 'unavailable' }]);
  });
});
