import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../electron/core/hall/demo-seed';
import { startHostProcess, type HostProcess } from '../support/host-process';

const dataDir = mkdtempSync(join(tmpdir(), 'hall-crash-'));
let host: HostProcess | undefined;
afterAll(async () => {
  await host?.stop().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
});

/** Session tokens of the clerks signed in at the windows, by window number. */
const tokens = new Map<number, string>();

async function call(url: string, role: string, method: string, params: unknown, token?: string): Promise<any> {
  const response = await fetch(`${url}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Hall-Role': role, ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(params),
  });
  const body = (await response.json()) as { ok: boolean; value?: unknown; error?: { code: string } };
  if (!body.ok) throw new Error(`${method}: ${body.error?.code}`);
  return body.value;
}

describe('a host killed in the middle of the morning', () => {
  it('loses no acknowledged ticket or state change, and carries on', { timeout: 90_000 }, async () => {
    host = await startHostProcess(dataDir, ['--demo']);
    let url = host.url;
    const info = await call(url, 'admin', 'hall.info', {});
    const service = (letter: string) => info.services.find((s: { letter: string }) => s.letter === letter).id;
    const window = (number: number) => info.windows.find((w: { number: number }) => w.number === number).id;
    for (const [number, staffNo] of [[1, '1001'], [2, '1002'], [3, '1003']] as const) {
      tokens.set(number, (await call(url, 'clerk', 'auth.signIn', { staffNo, password: DEMO_PASSWORD })).token);
    }
    const desk = (number: number) => tokens.get(number)!;

    // What the hall was told: every acknowledged change, by ticket id.
    const acknowledged = new Map<string, string>();
    const note = (result: { ticket: { id: string; status: string } }) => acknowledged.set(result.ticket.id, result.ticket.status);

    for (const letter of ['A', 'A', 'C', 'D', 'A', 'B']) note(await call(url, 'kiosk', 'queue.issueTicket', { serviceId: service(letter) }));
    note(await call(url, 'kiosk', 'queue.issueTicket', { serviceId: service('A'), birthDate: '1948-01-01' }));
    const first = await call(url, 'clerk', 'queue.callNext', { windowId: window(1) }, desk(1));
    note(first);
    note(await call(url, 'clerk', 'queue.startServing', { windowId: window(1), ticketId: first.ticket.id }, desk(1)));
    const second = await call(url, 'clerk', 'queue.callNext', { windowId: window(2) }, desk(2));
    note(second);
    note(await call(url, 'clerk', 'queue.recall', { windowId: window(2), ticketId: second.ticket.id }, desk(2)));
    const moved = await call(url, 'clerk', 'queue.transfer', { windowId: window(1), ticketId: first.ticket.id, toServiceId: service('C') }, desk(1));
    note({ ticket: moved.from });
    note(moved);
    await call(url, 'clerk', 'queue.setWindowState', { windowId: window(3), state: 'paused' }, desk(3));

    // A burst of kiosk tickets, and the power goes while it is still arriving.
    const beforeBurst = acknowledged.size;
    const burst = Array.from({ length: 60 }, (_, i) =>
      call(url, 'kiosk', 'queue.issueTicket', { serviceId: service(['A', 'B', 'C', 'D', 'E'][i % 5]!) }).then(note, () => undefined),
    );
    while (acknowledged.size < beforeBurst + 5) await new Promise((resolve) => setTimeout(resolve, 1));
    await host.kill();
    await Promise.all(burst);
    expect(acknowledged.size).toBeLessThan(beforeBurst + 60); // killed mid-burst: some never answered

    // The database file is sound, and holds everything acknowledged, as acknowledged.
    const db = new Database(join(dataDir, 'hall.sqlite'));
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const statusOf = db.prepare<[string], { status: string }>('SELECT status FROM tickets WHERE id = ?');
    for (const [id, status] of acknowledged) expect(statusOf.get(id)?.status, id).toBe(status);
    // Every change left its event.
    expect(db.prepare("SELECT COUNT(*) FROM ticket_events WHERE kind = 'recalled'").pluck().get()).toBe(1);
    // … and who made it.
    const staffNoOf = db.prepare<[string], string>('SELECT s.staff_no FROM ticket_events e JOIN staff s ON s.id = e.staff_id WHERE e.kind = ?').pluck();
    expect(staffNoOf.get('recalled')).toBe('1002');
    expect(staffNoOf.get('transferred')).toBe('1001');
    expect(db.prepare("SELECT state FROM windows WHERE number = 3").pluck().get()).toBe('paused');
    db.close();

    // Restarted, the hall carries on where it was, and the clerks' sign-ins with it.
    host = await startHostProcess(dataDir);
    url = host.url;
    const desk2 = await call(url, 'clerk', 'queue.windowStatus', { windowId: window(2) }, desk(2));
    expect(desk2.current).toMatchObject({ id: second.ticket.id, recalls: 1 });
    await call(url, 'clerk', 'queue.finish', { windowId: window(2), ticketId: second.ticket.id }, desk(2));
    const next = await call(url, 'clerk', 'queue.callNext', { windowId: window(2) }, desk(2));
    expect(next.ticket.id).toBe(moved.ticket.id); // the transfer still waits at the front
    // Numbering carries on and never gives a number twice.
    await call(url, 'kiosk', 'queue.issueTicket', { serviceId: service('A') });
    const db2 = new Database(join(dataDir, 'hall.sqlite'), { readonly: true });
    const duplicates = db2.prepare('SELECT number FROM tickets WHERE seq IS NOT NULL GROUP BY service_day, number HAVING COUNT(*) > 1').all();
    db2.close();
    expect(duplicates).toEqual([]);
  });
});
