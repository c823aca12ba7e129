import { describe, expect, it } from 'vitest';
import { DEFAULT_KIOSK_SETTINGS } from '../../../shared/domain/kiosk-settings';
import { createHallCore } from '../core';
import { createTestHall } from '../testing/test-core';

describe('kiosk settings', () => {
  it('the demo hall sends "not sure / enquiry" to 投诉建议', () => {
    const hall = createTestHall();
    expect(hall.value('kiosk', 'hall.info', {}).kiosk).toEqual({ ...DEFAULT_KIOSK_SETTINGS, generalServiceId: hall.serviceId('A') });
  });

  it('an unconfigured hall has the defaults', () => {
    const core = createHallCore({ dataDir: ':memory:' });
    const reply = core.dispatch({ id: 1, method: 'hall.info', params: {} }, { role: 'kiosk', language: 'zh-CN', sessionId: 't' });
    expect(reply).toMatchObject({ ok: true, value: { kiosk: DEFAULT_KIOSK_SETTINGS } });
    core.close();
  });

  it('an admin changes them; every page is told to reload', () => {
    const hall = createTestHall();
    let changes = 0;
    hall.core.subscribe('kiosk', (event) => event === 'hall.configChanged' && changes++);
    const settings = { idleSeconds: 90, idleWarningSeconds: 20, generalServiceId: hall.serviceId('C'), retentionYears: 5, statusBaseUrl: 'https://hall.example.gov.cn' };
    expect(hall.value('admin', 'hall.saveKioskSettings', settings)).toEqual(settings);
    expect(hall.value('kiosk', 'hall.info', {}).kiosk).toEqual(settings);
    expect(changes).toBe(1);
    expect(hall.value('admin', 'hall.saveKioskSettings', { ...settings, generalServiceId: null }).generalServiceId).toBeNull();
  });

  it('refuses a general service that does not exist, a bad value and a role other than admin, changing nothing', () => {
    const hall = createTestHall();
    const before = hall.value('admin', 'hall.info', {}).kiosk;
    expect(hall.call('admin', 'hall.saveKioskSettings', { ...before, generalServiceId: '01ARZ3NDEKTSV4RRFFQ69G5FAV' }, 'en')).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'This service no longer exists. Please reload the page and try again.' },
    });
    expect(hall.call('admin', 'hall.saveKioskSettings', { ...before, idleSeconds: 5 })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    expect(hall.call('admin', 'hall.saveKioskSettings', { ...before, statusBaseUrl: 'not a url' })).toMatchObject({ ok: false, error: { code: 'VALIDATION_FAILED' } });
    for (const role of ['kiosk', 'clerk', 'display'] as const) {
      expect(hall.call(role, 'hall.saveKioskSettings', before)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(hall.value('admin', 'hall.info', {}).kiosk).toEqual(before);
  });

  it('forgets a general service once it is retired (the kiosk hides the button)', () => {
    const hall = createTestHall();
    hall.value('admin', 'hall.removeService', { id: hall.serviceId('A') });
    expect(hall.value('kiosk', 'hall.info', {}).kiosk.generalServiceId).toBeNull();
  });
});
