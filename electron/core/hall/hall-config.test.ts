import { describe, expect, it } from 'vitest';
import { createTestHall, ManualClock } from '../testing/test-core';

const text = (zh: string, en = zh) => ({ 'zh-CN': zh, 'zh-HK': zh, en });

function newService(letter: string, extra: Record<string, unknown> = {}) {
  return { letter, name: text('信访咨询', 'Enquiries'), description: text('政策咨询', 'Policy enquiries'), openFrom: null, openUntil: null, dailyCapacity: null, ...extra };
}

describe('configuring services and windows', () => {
  it('adds a service that the kiosk offers at once and a window that calls it', () => {
    const hall = createTestHall();
    let changes = 0;
    hall.core.subscribe('kiosk', (event) => event === 'hall.configChanged' && changes++);
    const service = hall.value('admin', 'hall.saveService', newService('F', { openFrom: '08:30', openUntil: '17:30', dailyCapacity: 80 }));
    expect(service).toMatchObject({ letter: 'F', openFrom: '08:30', openUntil: '17:30', dailyCapacity: 80 });
    const window = hall.value('admin', 'hall.saveWindow', {
      number: 5,
      name: text('5号窗口', 'Window 5'),
      location: text('二楼 5 号窗口', 'First floor, window 5'),
      services: [{ serviceId: service.id, tier: 1 }, { serviceId: hall.serviceId('A'), tier: 2 }],
    });
    expect(window).toMatchObject({ number: 5, state: 'open', services: [{ serviceId: service.id, tier: 1 }, { serviceId: hall.serviceId('A'), tier: 2 }] });
    expect(changes).toBe(2);
    const info = hall.value('kiosk', 'hall.info', {});
    expect(info.services.map((s: { letter: string }) => s.letter)).toEqual(['A', 'B', 'C', 'D', 'E', 'F']);
    const ticket = hall.value('kiosk', 'queue.issueTicket', { serviceId: service.id }).ticket;
    expect(ticket.number).toBe('F001');
    expect(hall.value('clerk', 'queue.callNext', { windowId: window.id }).ticket.id).toBe(ticket.id);
  });

  it('changes a service in place, and refuses what would break the hall, changing nothing', () => {
    const hall = createTestHall();
    const a = hall.info.services.find((s: { letter: string }) => s.letter === 'A');
    const renamed = hall.value('admin', 'hall.saveService', { ...a, name: text('投诉与建议', 'Complaints & suggestions') });
    expect(renamed).toMatchObject({ id: a.id, letter: 'A', name: { 'zh-CN': '投诉与建议' } });
    expect(hall.call('admin', 'hall.saveService', newService('B'), 'en')).toMatchObject({
      ok: false,
      error: { code: 'DUPLICATE', message: 'Letter B is already used by “纠纷调解”' },
    });
    expect(hall.call('admin', 'hall.saveService', newService('G', { openFrom: '18:00', openUntil: '09:00' }))).toMatchObject({ ok: false, error: { code: 'BAD_HOURS' } });
    expect(hall.call('admin', 'hall.saveService', newService('G', { openFrom: '18:00' }))).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(hall.call('admin', 'hall.saveService', newService('ab'))).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(hall.call('clerk', 'hall.saveService', newService('G'))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(hall.call('admin', 'hall.saveWindow', { number: 1, name: text('1号窗口'), location: text(''), services: [{ serviceId: a.id, tier: 1 }] })).toMatchObject({
      ok: false,
      error: { code: 'DUPLICATE' },
    });
    expect(hall.call('admin', 'hall.saveWindow', { number: 9, name: text('9号窗口'), location: text(''), services: [] })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(hall.value('admin', 'hall.info', {}).services).toHaveLength(5);
    expect(hall.value('admin', 'hall.info', {}).windows).toHaveLength(4);
  });

  it('retires a service or window only when nobody needs it, keeping its history', () => {
    const clock = new ManualClock();
    const hall = createTestHall({ clock });
    const ticket = hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('E') }).ticket;
    expect(hall.call('admin', 'hall.removeService', { id: hall.serviceId('E') }, 'en')).toMatchObject({
      ok: false,
      error: { code: 'IN_USE', message: '1 tickets of this service are still open: it cannot be retired' },
    });
    const called = hall.value('clerk', 'queue.callNext', { windowId: hall.windowId(3) }).ticket;
    expect(hall.call('admin', 'hall.removeWindow', { id: hall.windowId(3) })).toMatchObject({ ok: false, error: { code: 'IN_USE' } });
    hall.value('clerk', 'queue.finish', { windowId: hall.windowId(3), ticketId: called.id });
    hall.value('admin', 'hall.removeService', { id: hall.serviceId('E') });
    hall.value('admin', 'hall.removeWindow', { id: hall.windowId(3) });
    const info = hall.value('admin', 'hall.info', {});
    expect(info.services.map((s: { letter: string }) => s.letter)).toEqual(['A', 'B', 'C', 'D']);
    expect(info.windows.map((w: { number: number }) => w.number)).toEqual([1, 2, 4]);
    // The finished ticket is still in the statistics.
    const stats = hall.value('admin', 'stats.queue', { from: ticket.serviceDay, to: ticket.serviceDay, groupBy: 'day' });
    expect(stats.total).toMatchObject({ tickets: 1, served: 1 });
    // The retired letter is not handed out again.
    expect(hall.call('admin', 'hall.saveService', newService('E'))).toMatchObject({ ok: false, error: { code: 'DUPLICATE' } });
  });
});
