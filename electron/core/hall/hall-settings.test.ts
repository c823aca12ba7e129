import { describe, expect, it } from 'vitest';
import { checkCharacter } from '../../../shared/domain/resident-id';
import { createTestHall } from '../testing/test-core';

/** The hall itself (hall.saveSettings, docs/hall-settings.md): name, site code, address, languages, time zone. */

const ID = '44030419750606003' + checkCharacter('44030419750606003');
type Hall = ReturnType<typeof createTestHall>;

function settingsOf(hall: Hall) {
  const { name, siteCode, address, languages, timeZone } = hall.value('admin', 'hall.info', {});
  return { name, siteCode, address, languages, timeZone };
}

function registerCase(hall: Hall) {
  return hall.value('clerk', 'visits.create', {
    person: { idNumber: ID, name: '李建国', phone: '13812345678' },
    serviceId: hall.serviceId('A'),
    peopleCount: 1,
    address: '深圳市光明区光明街道东周社区华夏路12号',
    problemLocationCode: 'guangming-dongzhou',
    purpose: 'seek_resolution',
    matterClass: 'appeal_request',
    categoryCode: '020101',
    summary: '小区物业费上涨未经业主大会表决',
    request: '要求物业公司按原标准收费',
    firstTime: true,
    jointOrGroup: false,
  }).visit as { caseNumber: string };
}

describe('the hall itself', () => {
  it('is saved whole, read back by every page through hall.info, and the pages are told to reload', () => {
    const hall = createTestHall();
    let changes = 0;
    hall.core.subscribe('kiosk', (event) => event === 'hall.configChanged' && changes++);
    expect(settingsOf(hall)).toEqual({
      name: { 'zh-CN': '示范区群众诉求服务中心', 'zh-HK': '示範區群眾訴求服務中心', en: 'Demo District Public Service Centre' },
      siteCode: 'DEMO',
      address: { 'zh-CN': '', 'zh-HK': '', en: '' },
      languages: ['zh-CN', 'zh-HK', 'en'],
      timeZone: 'Asia/Shanghai',
    });
    const settings = {
      name: { 'zh-CN': '光明区群众诉求服务中心', 'zh-HK': '光明區群眾訴求服務中心', en: 'Guangming District Public Service Centre' },
      siteCode: 'GM01',
      address: { 'zh-CN': '深圳市光明区华夏路 8 号', 'zh-HK': '深圳市光明區華夏路 8 號', en: '8 Huaxia Road, Guangming' },
      // Any order in; stored in the order of the language switch.
      languages: ['en', 'zh-CN'],
      timeZone: 'Asia/Hong_Kong',
    };
    expect(hall.value('admin', 'hall.saveSettings', settings)).toEqual({ ...settings, languages: ['zh-CN', 'en'] });
    expect(settingsOf(hall)).toEqual({ ...settings, languages: ['zh-CN', 'en'] });
    expect(hall.value('kiosk', 'hall.info', {})).toMatchObject({ siteCode: 'GM01', languages: ['zh-CN', 'en'] });
    expect(changes).toBe(1);
    // The new site code starts the next case number.
    expect(registerCase(hall).caseNumber).toMatch(/^GM01-20261124-001$/);
    hall.core.close();
  });

  it('refuses a bad site code, time zone or language choice, naming the field, and changes nothing', () => {
    const hall = createTestHall();
    const before = settingsOf(hall);
    const refusal = (changes: Record<string, unknown>) => {
      const reply = hall.call('admin', 'hall.saveSettings', { ...before, ...changes }, 'en');
      return reply.ok ? null : { code: reply.error.code, fields: (reply.error.details as { params: { fields: string } }).params.fields };
    };
    for (const siteCode of ['gm01', 'G', 'GM-01', 'ABCDEFGHIJKLM', '光明']) expect(refusal({ siteCode }), siteCode).toEqual({ code: 'VALIDATION_FAILED', fields: 'siteCode' });
    for (const timeZone of ['Mars/Olympus', '+08:00', 'CST', 'asia/shanghai', '']) expect(refusal({ timeZone }), timeZone).toEqual({ code: 'VALIDATION_FAILED', fields: 'timeZone' });
    expect(refusal({ languages: ['zh-HK', 'en'] })).toEqual({ code: 'VALIDATION_FAILED', fields: 'languages' });
    expect(refusal({ languages: ['zh-CN', 'zh-CN'] })).toEqual({ code: 'VALIDATION_FAILED', fields: 'languages' });
    expect(refusal({ name: { ...before.name, en: '' } })).toEqual({ code: 'VALIDATION_FAILED', fields: 'name.en' });
    expect(hall.call('clerk', 'hall.saveSettings', before)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(settingsOf(hall)).toEqual(before);
    hall.core.close();
  });

  it('keeps the site code once the hall has a case, and the time zone once it has a ticket, saying why', () => {
    const hall = createTestHall();
    const before = settingsOf(hall);
    // Nothing recorded yet: both may change.
    hall.value('admin', 'hall.saveSettings', { ...before, siteCode: 'GM01', timeZone: 'Asia/Urumqi' });
    hall.value('admin', 'hall.saveSettings', before);

    hall.value('kiosk', 'queue.issueTicket', { serviceId: hall.serviceId('A') });
    expect(hall.call('admin', 'hall.saveSettings', { ...before, timeZone: 'Asia/Urumqi' }, 'en')).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'The hall already has tickets or cases whose service days were reckoned in Asia/Shanghai: the time zone can no longer be changed.',
        details: { field: 'timeZone' },
      },
    });
    // A ticket alone does not fix the site code.
    hall.value('admin', 'hall.saveSettings', { ...before, siteCode: 'GM01' });

    registerCase(hall);
    const reply = hall.call('admin', 'hall.saveSettings', { ...before, siteCode: 'GM02' }, 'en');
    expect(reply).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: '1 case already carries the site code GM01 in its number, and central knows the site by it: it can no longer be changed.',
        details: { field: 'siteCode' },
      },
    });
    expect(hall.call('admin', 'hall.saveSettings', { ...before, siteCode: 'GM02' })).toMatchObject({
      error: { message: '本大厅已有 1 件案件的编号以站点代码 GM01 开头，中心也以此识别本站点：不能再修改。' },
    });
    // Everything else still changes, the same code and zone given back as they are.
    const renamed = { ...before, siteCode: 'GM01', name: { ...before.name, 'zh-CN': '光明区群众诉求服务中心' }, languages: ['zh-CN'] };
    expect(hall.value('admin', 'hall.saveSettings', renamed)).toMatchObject({ siteCode: 'GM01', languages: ['zh-CN'] });
    expect(settingsOf(hall)).toEqual(renamed);
    hall.core.close();
  });
});
