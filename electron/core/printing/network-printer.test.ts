import { Socket } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderEscPos } from './escpos-render';
import { NetworkPrinter, parseTcpAddress } from './network-printer';
import { cut, qr, text } from './receipt-model';
import { closedPort, TestPrinterServer } from './test-printer-server';

const servers: TestPrinterServer[] = [];
async function printerServer(): Promise<TestPrinterServer> {
  const server = new TestPrinterServer();
  servers.push(server);
  await server.listen();
  return server;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

const JOB = renderEscPos({ blocks: [text('来访登记回执', { align: 'center', width: 2, height: 2 }), text('申请人：王堃'), qr('DEMO-20261124-001 已受理'), cut()] }).bytes;

describe('NetworkPrinter (raw TCP, port 9100 style), against a printer on a loopback port', () => {
  it('delivers the exact bytes of the job', async () => {
    const server = await printerServer();
    await new NetworkPrinter().send(server.address, JOB);
    await server.waitForJobs(1);
    expect(server.jobs).toHaveLength(1);
    expect(Buffer.compare(server.jobs[0]!, Buffer.from(JOB))).toBe(0);
    // It asked the paper sensor first (DLE EOT 4), which is not printed.
    expect(server.statusRequests).toEqual([4]);
  });

  it('delivers to a printer that never answers status, after the status wait', async () => {
    const server = await printerServer();
    server.answersStatus = false;
    const started = Date.now();
    await new NetworkPrinter({ statusTimeoutMs: 100 }).send(server.address, JOB);
    await server.waitForJobs(1);
    expect(Buffer.compare(server.jobs[0]!, Buffer.from(JOB))).toBe(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(90);
  });

  it('sends nothing when the printer reports its paper gone', async () => {
    const server = await printerServer();
    server.paper = 'out';
    await expect(new NetworkPrinter().send(server.address, JOB)).rejects.toMatchObject({ code: 'paper_out' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.jobs).toEqual([]);
  });

  // The one test of a real refusal (a port nobody listens on): the queue's tests switch printers off with a fake.
  it('rejects, never hangs, when nothing listens; its status is offline', async () => {
    const port = await closedPort();
    await expect(new NetworkPrinter().send(`tcp://127.0.0.1:${port}`, JOB)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(await new NetworkPrinter().status(`tcp://127.0.0.1:${port}`)).toEqual({ state: 'offline', paperLow: false, answered: false, error: 'ECONNREFUSED' });
    await expect(new NetworkPrinter().send('usb://printer', JOB)).rejects.toMatchObject({ code: 'bad_address' });
  });

  it('a connection lost as the job is handed over rejects with its code: the job is never taken as delivered', async () => {
    const server = await printerServer();
    const end = Socket.prototype.end;
    // The connection is destroyed just as the job's last write starts (the printer reset it, the cable was pulled):
    // Node then calls end()'s callback with the error rather than emitting 'finish'.
    const spy = vi.spyOn(Socket.prototype, 'end').mockImplementation(function (this: Socket, ...args: unknown[]) {
      if (typeof args[args.length - 1] === 'function') this.destroy();
      return (end as (...a: unknown[]) => Socket).apply(this, args);
    });
    try {
      await expect(new NetworkPrinter().send(server.address, JOB)).rejects.toMatchObject({ name: 'PrinterError', code: 'ERR_STREAM_DESTROYED' });
    } finally {
      spy.mockRestore();
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.jobs).toEqual([]);
  });

  it('its timers never keep the process alive (unref)', async () => {
    const server = await printerServer();
    server.answersStatus = false;
    const timers: NodeJS.Timeout[] = [];
    const realSetTimeout = globalThis.setTimeout;
    // Distinct delays mark the adapter's own timers among any others made meanwhile.
    const spy = vi.spyOn(globalThis, 'setTimeout').mockImplementation(((callback: () => void, ms?: number) => {
      const timer = realSetTimeout(callback, ms);
      if (ms === 1_234 || ms === 57) timers.push(timer);
      return timer;
    }) as typeof setTimeout);
    try {
      const printer = new NetworkPrinter({ connectTimeoutMs: 1_234, statusTimeoutMs: 57 });
      await printer.send(server.address, JOB);
      await printer.status(server.address);
    } finally {
      spy.mockRestore();
    }
    expect(timers.length).toBeGreaterThanOrEqual(4); // connect and status wait, for the job and for the status
    expect(timers.filter((timer) => timer.hasRef())).toEqual([]);
  });

  describe('status (DLE EOT 4)', () => {
    it('reports online, paper low and paper out as the printer answers', async () => {
      const server = await printerServer();
      const printer = new NetworkPrinter();
      expect(await printer.status(server.address)).toEqual({ state: 'online', paperLow: false, answered: true });
      server.paper = 'low';
      expect(await printer.status(server.address)).toEqual({ state: 'online', paperLow: true, answered: true });
      server.paper = 'out';
      expect(await printer.status(server.address)).toEqual({ state: 'paper_out', paperLow: false, answered: true });
      expect(server.statusRequests).toEqual([4, 4, 4]);
      // A status probe prints nothing.
      expect(server.jobs).toEqual([]);
    });

    it('online but unanswered for a printer that does not report', async () => {
      const server = await printerServer();
      server.answersStatus = false;
      expect(await new NetworkPrinter({ statusTimeoutMs: 50 }).status(server.address)).toEqual({ state: 'online', paperLow: false, answered: false });
    });
  });

  it('parses tcp addresses', () => {
    expect(parseTcpAddress('tcp://10.0.0.21:9100')).toEqual({ host: '10.0.0.21', port: 9100 });
    expect(parseTcpAddress('tcp://printer-1.hall')).toEqual({ host: 'printer-1.hall', port: 9100 });
    expect(parseTcpAddress('tcp://[::1]:9101')).toEqual({ host: '::1', port: 9101 });
    expect(parseTcpAddress('tcp://host:70000')).toBeNull();
    expect(parseTcpAddress('http://host:9100')).toBeNull();
  });
});
