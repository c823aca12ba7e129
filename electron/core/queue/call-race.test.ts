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

function runWindow(windowId: string, barrierDir: string, parties: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const script = fileURLToPath(new URL('./call-race.child.ts', import.meta.url));
    execFile(process.execPath, ['--import', 'tsx', script, dataDir, windowId, barrierDir, String(parties)], (error, stdout) => {
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
    // Windows 1, 2 and 4 all serve A.
    const barrier = mkdtempSync(join(tmpdir(), 'hall-race-barrier-'));
    const results = await Promise.all([1, 2, 4].map((number) => runWindow(hall.windowId(number), barrier, 3)));
    rmSync(barrier, { recursive: true, force: true });
    const all = results.flat();
    expect(new Set(all).size).toBe(all.length); // nobody called twice
    expect(new Set(all)).toEqual(issued); // everybody called
    expect(results.filter((calls) => calls.length > 0).length).toBeGreaterThan(1); // they really raced
    const perTicket = hall.core.db
      .prepare("SELECT COUNT(*) FROM ticket_events WHERE kind = 'called' GROUP BY ticket_id HAVING COUNT(*) > 1")
      .all();
    expect(perTicket).toEqual([]);
    hall.core.close();
  });
});
