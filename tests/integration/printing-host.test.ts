import { afterEach, describe, expect, it } from 'vitest';
import type { RawPrinter, RawPrinterStatus } from '../../electron/core/ports';
import { api, startTestHost, type TestHost } from '../support/hall-host';

/** A raw printer that takes every job and records each time it is asked anything. */
class RecordingPrinter implements RawPrinter {
  readonly asked: Array<{ call: 'send' | 'status'; address: string }> = [];
  async send(address: string): Promise<void> {
    this.asked.push({ call: 'send', address });
  }
  async status(address: string): Promise<RawPrinterStatus> {
    this.asked.push({ call: 'status', address });
    return { state: 'online', paperLow: false, answered: true };
  }
}

const hosts: TestHost[] = [];
afterEach(async () => {
  for (const host of hosts.splice(0)) await host.stop();
});

async function kioskTicket(url: string) {
  const info = (await api(url, 'kiosk', 'hall.info', {})).body.value;
  const serviceId = info.services.find((s: { letter: string }) => s.letter === 'A').id;
  const taken = await api(url, 'kiosk', 'kiosk.takeNumber', { serviceId, language: 'zh-CN', person: null, partySize: 1, representatives: null, declaredPriority: null });
  expect(taken.body).toMatchObject({ ok: true, value: { printing: 'queued' } });
}

describe('the test host and the print queue', () => {
  it('by default runs no queue timer and asks no printer: a printer on the LAN is saved, a ticket queued, nothing sent', async () => {
    const printer = new RecordingPrinter();
    const host = await startTestHost({ rawPrinter: printer });
    hosts.push(host);
    const saved = await api(host.url, 'admin', 'printing.savePrinter', { name: '取号机打印机', role: 'kiosk', address: 'tcp://10.0.0.1' });
    expect(saved.body.ok).toBe(true);
    await kioskTicket(host.url);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(printer.asked).toEqual([]);
    // The test moves the queue itself.
    await host.core.printing.runDue();
    expect(printer.asked).toEqual([{ call: 'send', address: 'tcp://10.0.0.1' }]);
  });

  it('a test that asks for it gets the running queue', async () => {
    const printer = new RecordingPrinter();
    const host = await startTestHost({ rawPrinter: printer, printing: { autoRun: true } });
    hosts.push(host);
    await api(host.url, 'admin', 'printing.savePrinter', { name: '取号机打印机', role: 'kiosk', address: 'tcp://10.0.0.1' });
    await kioskTicket(host.url);
    const end = Date.now() + 5_000;
    while (!printer.asked.some((ask) => ask.call === 'send') && Date.now() < end) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(printer.asked).toContainEqual({ call: 'send', address: 'tcp://10.0.0.1' });
    expect(printer.asked).toContainEqual({ call: 'status', address: 'tcp://10.0.0.1' });
  });
});
