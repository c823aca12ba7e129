// Child process for call-race.test.ts: one window's own process and connection to
// the shared database file, where a demo clerk signs in and calls and finishes
// tickets as fast as they can.
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHallCore } from '../core';
import { DEMO_PASSWORD } from '../hall/demo-seed';

const [dataDir, windowId, barrierDir, parties, staffNo] = process.argv.slice(2) as [string, string, string, string, string];
const core = createHallCore({ dataDir });
const context = { role: 'clerk' as const, language: 'zh-CN' as const, sessionId: `worker-${windowId}` };
const signedIn = core.dispatch({ id: 0, method: 'auth.signIn', params: { staffNo, password: DEMO_PASSWORD } }, context);
if (!signedIn.ok) throw new Error(signedIn.error.code);
// A barrier: every window starts once all have loaded, however long each took.
writeFileSync(join(barrierDir, windowId), '');
while (readdirSync(barrierDir).length < Number(parties)) await new Promise((resolve) => setTimeout(resolve, 1));
const called: string[] = [];
let id = 0;
for (;;) {
  const reply = core.dispatch({ id: ++id, method: 'queue.callNext', params: { windowId } }, context);
  if (!reply.ok) throw new Error(reply.error.code);
  const ticket = (reply.value as { ticket: { id: string } | null }).ticket;
  if (!ticket) break;
  called.push(ticket.id);
  const finished = core.dispatch({ id: ++id, method: 'queue.finish', params: { windowId, ticketId: ticket.id } }, context);
  if (!finished.ok) throw new Error(finished.error.code);
}
core.close();
process.stdout.write(JSON.stringify(called));
