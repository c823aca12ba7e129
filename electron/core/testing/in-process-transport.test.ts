import { describe, expect, it } from 'vitest';
import { createHallClient, HallClientError } from '../../../shared/contract';
import { createInProcessTransport } from './in-process-transport';
import { createTestHall, sessionTokenFor, TEST_CLERK } from './test-core';

describe('HallClient over the in-process transport', () => {
  it('calls typed methods and receives pushed events', async () => {
    const { core, clock } = createTestHall();
    const kiosk = createHallClient(createInProcessTransport(core, 'kiosk'));
    const clerk = createHallClient(createInProcessTransport(core, 'clerk'));
    expect((await clerk.call('auth.resume', { token: sessionTokenFor(core, clock, TEST_CLERK.staffNo) })).staff.name).toBe(TEST_CLERK.name);
    const display = createHallClient(createInProcessTransport(core, 'display'));
    const calls: string[] = [];
    display.on('queue.ticketCalled', (call) => calls.push(`${call.number}→${call.windowNumber}`));

    const info = await kiosk.call('hall.info', {});
    const service = info.services.find((s) => s.letter === 'D')!;
    const { ticket } = await kiosk.call('queue.issueTicket', { serviceId: service.id });
    const window = info.windows.find((w) => w.number === 3)!;
    const called = await clerk.call('queue.callNext', { windowId: window.id });
    expect(called.ticket?.id).toBe(ticket.id);
    expect(calls).toEqual(['D001→3']);
  });

  it('throws a HallClientError with the code for a refused call', async () => {
    const { core, windowId } = createTestHall();
    const kiosk = createHallClient(createInProcessTransport(core, 'kiosk', 'en'));
    const error = await kiosk.call('queue.callNext', { windowId: windowId(1) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HallClientError);
    expect(error).toMatchObject({ code: 'FORBIDDEN', message: 'This terminal may not use this function' });
  });
});
