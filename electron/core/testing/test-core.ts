import type { Role, RpcReply } from '../../../shared/contract';
import type { Language } from '../../../shared/domain/languages';
import { createHallCore } from '../core';
import type { Clock, IdCardReader, Logger, TicketPrinter } from '../ports';

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private current = Date.parse('2026-11-24T01:00:00Z')) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/** A demo hall on an in-memory database, with a helper to call it as a given role. */
export function createTestHall(
  options: { clock?: Clock; dataDir?: string; ticketPrinter?: TicketPrinter; idCardReader?: IdCardReader; logger?: Logger } = {},
) {
  const core = createHallCore({
    dataDir: options.dataDir ?? ':memory:',
    demo: true,
    clock: options.clock ?? new ManualClock(),
    ticketPrinter: options.ticketPrinter,
    idCardReader: options.idCardReader,
    logger: options.logger,
  });
  let nextId = 1;
  const call = (role: Role, method: string, params?: unknown, language: Language = 'zh-CN'): RpcReply =>
    core.dispatch({ id: nextId++, method, params }, { role, language, sessionId: `test-${role}` });
  const value = <T = any>(role: Role, method: string, params?: unknown): T => {
    const reply = call(role, method, params);
    if (!reply.ok) throw new Error(`${method} failed: ${reply.error.code} ${reply.error.message}`);
    return reply.value as T;
  };
  const info = value('admin', 'hall.info', {});
  const serviceId = (letter: string): string => info.services.find((s: { letter: string }) => s.letter === letter).id;
  const windowId = (number: number): string => info.windows.find((w: { number: number }) => w.number === number).id;
  return { core, call, value, info, serviceId, windowId };
}
