import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from '../ports';
import { createTestHall } from '../testing/test-core';

const dataDir = mkdtempSync(join(tmpdir(), 'hall-race-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function runWindow(windowId: string, barrierDir: string, parties: number, staffNo: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const script = fileURLToPath(new URL('./call-race.child.ts', import.meta.url));
    execFile(process.execPath, ['--import', 'tsx', script, dataDir, windowId, barrierDir, String(parties), staffNo], (error, stdout) => {
      if (error) reject(error);
      else resolve(JSON.parse(stdout) as string[]);
    });
  });
}

describe('calling is atomic', () => {
  it('three windows in three processes calling at once never take the same ticket', async () => {
    const hall = createTestHall({ dataDir, clock: systemClock }); // the children use the real clock too
    const issued = new Set<string>();
    for (let i = 0; i < 300; i++) {
      issued.add(hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('A') }).ticket.id);
    }
    // Windows 1, 2 and 4 all serve A; a demo clerk signs in at each.
    const desks = [
      { window: 1, staffNo: '1001' },
      { window: 2, staffNo: '1002' },
      { window: 4, staffNo: '1003' },
    ];
    const barrier = mkdtempSync(join(tmpdir(), 'hall-race-barrier-'));
    const results = await Promise.all(desks.map((desk) => runWindow(hall.windowId(desk.window), barrier, desks.length, desk.staffNo)));
    rmSync(barrier, { recursive: true, force: true });
    const all = results.flat();
    expect(new Set(all).size).toBe(all.length); // nobody called twice
    expect(new Set(all)).toEqual(issued); // everybody called
    expect(results.filter((calls) => calls.length > 0).length).toBeGreaterThan(1); // they really raced
    const perTicket = hall.core.db
      .prepare("SELECT COUNT(*) FROM ticket_events WHERE kind = 'called' GROUP BY ticket_id HAVING COUNT(*) > 1")
      .all();
    expect(perTicket).toEqual([]);
    // Each call is logged with the clerk signed in at the window that made it.
    const callers = hall.core.db
      .prepare("SELECT DISTINCT e.window_id, s.staff_no FROM ticket_events e JOIN staff s ON s.id = e.staff_id WHERE e.kind = 'called'")
      .all() as Array<{ window_id: string; staff_no: string }>;
    const expected = desks.filter((_, index) => results[index]!.length > 0).map((desk) => ({ window_id: hall.windowId(desk.window), staff_no: desk.staffNo }));
    expect(callers).toEqual(expect.arrayContaining(expected));
    expect(callers).toHaveLength(expected.length);
    expect(hall.core.db.prepare("SELECT COUNT(*) FROM ticket_events WHERE kind IN ('called', 'finished') AND staff_id IS NULL").pluck().get()).toBe(0);
    hall.core.close();
  });
});
