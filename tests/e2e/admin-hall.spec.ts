import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { ManualClock } from '../../electron/core/testing/test-core';
import { api, signInHeaders, startTestHost, type TestHost } from '../support/hall-host';
import { residentId } from '../support/kiosk';
import { openAdminPage, openReady } from '../support/pages';

/**
 * The admin console's hall sections on the real Node host (issue 9): the hall itself
 * (大厅), the working-day calendar (工作日历) and retention (数据保留). Each test starts its
 * own hall: what one saves does not reach another.
 */
const OUT = fileURLToPath(new URL('../../test-results/admin-hall/', import.meta.url));
test.beforeAll(() => mkdirSync(OUT, { recursive: true }));

async function noSeriousAxeViolations(page: Page, selector: string) {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** A case registered at a desk today (the host's clock): its referral is due 15 days later. */
async function registerCase(host: TestHost): Promise<{ id: string; caseNumber: string }> {
  const clerk = await signInHeaders(host.url);
  const info = (await api(host.url, 'clerk', 'hall.info', {}, clerk)).body.value;
  const reply = await api(
    host.url,
    'clerk',
    'visits.create',
    {
      person: { idNumber: residentId('19750606'), name: '孙丽华', phone: '13812345678' },
      serviceId: info.services.find((s: { letter: string }) => s.letter === 'A').id,
      peopleCount: 1,
      address: '深圳市光明区马田街道将石社区石围路3号',
      problemLocationCode: 'matian-jiangshi',
      purpose: 'seek_resolution',
      matterClass: 'appeal_request',
      categoryCode: '020101',
      summary: '楼上漏水多次协调未果',
      request: '要求物业协调维修',
      firstTime: true,
      jointOrGroup: false,
    },
    clerk,
  );
  if (!reply.body.ok) throw new Error(`case not registered: ${reply.body.error.code}`);
  return reply.body.value.visit;
}

async function referralDue(host: TestHost, visitId: string): Promise<string> {
  const clerk = await signInHeaders(host.url);
  const visit = (await api(host.url, 'clerk', 'visits.get', { id: visitId }, clerk)).body.value.visit;
  return visit.deadlines.find((deadline: { kind: string }) => deadline.kind === 'referral').dueDate;
}

test('an admin renames the hall and switches English off: the kiosk follows at once; the site code and time zone are kept once they are in use', async ({ browser }) => {
  const host = await startTestHost();
  try {
    const admin = await (await browser.newContext({ viewport: { width: 1400, height: 1000 } })).newPage();
    const kiosk = await (await browser.newContext()).newPage();
    await openAdminPage(admin, `${host.url}/admin`);
    await openReady(kiosk, `${host.url}/kiosk`);
    await expect(kiosk.getByRole('navigation', { name: '语言' }).getByRole('button')).toHaveText(['简体', '繁體', 'English']);

    const section = admin.getByRole('region', { name: '大厅', exact: true });
    await section.scrollIntoViewIfNeeded();
    await noSeriousAxeViolations(admin, 'section[aria-labelledby="hall-heading"]');
    const name = section.getByRole('group', { name: '大厅名称' });
    await name.getByLabel('简体').fill('光明区群众诉求服务中心');
    await name.getByLabel('繁體').fill('光明區群眾訴求服務中心');
    await name.getByLabel('English').fill('Guangming District Public Service Centre');
    await section.getByLabel('站点代码').fill('gm01');
    await expect(section.getByLabel('站点代码')).toHaveValue('GM01');
    await section.getByRole('group', { name: '大厅地址（可不填）' }).getByLabel('简体').fill('深圳市光明区华夏路 8 号');
    const languages = section.getByRole('group', { name: '公共页面提供的语言' });
    await expect(languages.getByLabel('简体')).toBeDisabled();
    await languages.getByLabel('English').uncheck();
    await section.getByRole('button', { name: '保存' }).click();
    await expect(section.getByRole('status')).toHaveText('已保存');

    // The kiosk has the new name and only the languages offered, without a reload.
    await expect(kiosk.locator('.kiosk-hall-name')).toHaveText('光明区群众诉求服务中心');
    await expect(kiosk.getByRole('navigation', { name: '语言' }).getByRole('button')).toHaveText(['简体', '繁體']);
    // A public page opened in English is offered 简体 instead.
    const english = await (await browser.newContext()).newPage();
    await openReady(english, `${host.url}/display?lang=en`);
    await expect(english.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(english.getByRole('button', { name: 'English' })).toHaveCount(0);
    // The staff's pages keep all three.
    await expect(admin.getByRole('navigation', { name: '语言' }).getByRole('button')).toHaveText(['简体', '繁體', 'English']);
    await section.screenshot({ path: `${OUT}hall.png` });

    // A site code of the wrong shape is said beside the field, which takes the focus.
    const siteCode = section.getByLabel('站点代码');
    await siteCode.fill('G');
    await section.getByRole('button', { name: '保存' }).click();
    await expect(siteCode).toBeFocused();
    await expect(siteCode).toHaveAttribute('aria-invalid', 'true');
    await expect(siteCode).toHaveAccessibleDescription(/站点代码应为 2–12 位大写字母或数字/);
    await expect(section.getByRole('status')).toHaveText('未保存：请按各栏旁的说明修改。');

    // Once a ticket and a case exist: the time zone and the site code stay, each refusal beside its field.
    const kioskInfo = (await api(host.url, 'kiosk', 'hall.info', {})).body.value;
    await api(host.url, 'kiosk', 'queue.issueTicket', { serviceId: kioskInfo.services[0].id });
    const visit = await registerCase(host);
    expect(visit.caseNumber).toMatch(/^GM01-\d{8}-001$/);
    await siteCode.fill('GM02');
    await section.getByLabel('时区').selectOption('Asia/Urumqi');
    await section.getByRole('button', { name: '保存' }).click();
    await expect(section.getByText('本大厅已有 1 件案件的编号以站点代码 GM01 开头，中心也以此识别本站点：不能再修改。')).toBeVisible();
    await expect(siteCode).toBeFocused();
    await siteCode.fill('GM01');
    await section.getByRole('button', { name: '保存' }).click();
    await expect(section.getByText('本大厅已有排队号或案件，其服务日按时区 Asia/Shanghai 计算：不能再修改时区。')).toBeVisible();
    await expect(section.getByLabel('时区')).toHaveAttribute('aria-invalid', 'true');
    await section.screenshot({ path: `${OUT}hall-refused.png` });
    await section.getByLabel('时区').selectOption('Asia/Shanghai');
    await section.getByRole('button', { name: '保存' }).click();
    await expect(section.getByRole('status')).toHaveText('已保存');
    expect((await api(host.url, 'kiosk', 'hall.info', {})).body.value).toMatchObject({ siteCode: 'GM01', timeZone: 'Asia/Shanghai', languages: ['zh-CN', 'zh-HK'] });
  } finally {
    await host.stop();
  }
});

test('the working-day calendar: a year added by hand re-dates the cases, a bad row is said beside it, a file is imported, a year removed', async ({ page }) => {
  // 2026-12-17: a case registered today has its referral due on Friday 2027-01-01.
  const host = await startTestHost({ clock: new ManualClock(Date.parse('2026-12-17T01:00:00Z')) });
  try {
    const visit = await registerCase(host);
    expect(await referralDue(host, visit.id)).toBe('2027-01-01');
    await page.setViewportSize({ width: 1400, height: 1000 });
    await openAdminPage(page, `${host.url}/admin`);
    const section = page.getByRole('region', { name: '工作日历' });
    await section.scrollIntoViewIfNeeded();
    await expect(section.locator('details.calendar-year > summary')).toHaveText([
      '2025 年 · 程序自带 · 已核对通知原文 · 6 个假期，5 个调休上班日',
      '2026 年 · 程序自带 · 已核对通知原文 · 7 个假期，6 个调休上班日',
    ]);
    await section.getByTestId('calendar-year-2026').locator('summary').click();
    await expect(section.getByTestId('calendar-year-2026').getByRole('row', { name: /春节/ })).toContainText('9');
    await noSeriousAxeViolations(page, 'section[aria-labelledby="calendar-heading"]');

    // 2027 by hand, with a worked "weekend" day that is a Wednesday: said beside it, nothing saved.
    await section.getByRole('button', { name: '添加或替换一年' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('年份').fill('2027');
    await expect(dialog.getByLabel('通知标题')).toHaveValue('国务院办公厅关于2027年部分节假日安排的通知');
    await dialog.getByLabel('发布日期').fill('2026-11-10');
    const holiday = dialog.getByRole('group', { name: '第 1 个假期' });
    await holiday.getByLabel('名称').fill('元旦');
    await holiday.getByLabel('开始').fill('2027-01-01');
    await holiday.getByLabel('结束（含当天）').fill('2027-01-03');
    await dialog.getByRole('button', { name: '添加调休上班日' }).click();
    const worked = dialog.getByRole('group', { name: '第 1 个调休上班日' });
    await worked.getByLabel('日期').fill('2027-01-06');
    await worked.getByLabel('补哪个假期').selectOption('元旦');
    await noSeriousAxeViolations(page, 'dialog');
    await dialog.getByRole('button', { name: '保存并重新计算期限' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('未保存：有 1 处问题，见各栏旁的说明。');
    await expect(worked.getByLabel('日期')).toBeFocused();
    await expect(worked.getByLabel('日期')).toHaveAccessibleDescription(/2027-01-06 不是周六或周日：调休上班日只能是周末$/);
    await page.screenshot({ path: `${OUT}calendar-dialog-refused.png` });
    await dialog.getByRole('button', { name: '删除第 1 个调休上班日' }).click();
    await dialog.getByLabel('已逐日核对通知原文').check();
    await dialog.getByRole('button', { name: '保存并重新计算期限' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(section.getByTestId('calendar-done')).toHaveText('已保存：2027 年。 已重新计算 1 件案件的期限，其中 1 件的期限日期有变动。');
    // New Year's Day 2027 is a holiday now, and the weekend after it: the case's last day is Monday 01-04.
    expect(await referralDue(host, visit.id)).toBe('2027-01-04');
    await expect(section.getByTestId('calendar-year-2027').locator('summary')).toHaveText('2027 年 · 本大厅设定 · 已核对通知原文 · 1 个假期，0 个调休上班日');
    await section.getByTestId('calendar-year-2027').locator('summary').click();
    await section.screenshot({ path: `${OUT}calendar.png` });

    // A file with problems: each listed with its year and place, nothing imported; then a good one.
    const fileInput = section.getByLabel('日历文件（JSON）');
    const file = (years: unknown[]) => ({ name: 'calendar.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ schemaVersion: 1, years }), 'utf8') });
    const year2028 = {
      year: 2028,
      source: { title: '2028 年测试日历', documentNumber: null, issuedOn: '2027-11-01', verified: false, checkedAgainst: [] },
      holidays: [{ name: '元旦', from: '2028-01-01', to: '2028-01-03' }],
      adjustedWorkingDays: [] as unknown[],
    };
    await fileInput.setInputFiles(file([{ ...year2028, holidays: [{ name: '元旦', from: '2028-01-03', to: '2028-01-01' }] }]));
    await section.getByRole('button', { name: '导入', exact: true }).click();
    await expect(section.getByRole('list', { name: '文件中的问题' }).getByRole('listitem')).toHaveText(['2028 年第 1 个假期：结束日期 2028-01-01 早于开始日期 2028-01-03']);
    await fileInput.setInputFiles(file([year2028]));
    await section.getByRole('button', { name: '导入', exact: true }).click();
    await expect(section.getByTestId('calendar-done')).toHaveText('已保存：2028 年。 已重新计算 1 件案件的期限，其中 0 件的期限日期有变动。');
    await expect(section.getByTestId('calendar-year-2028').locator('summary')).toContainText('未核对：期限标为“不确定”');

    // Removed again: the case's last day goes back to 01-01.
    await section.getByRole('button', { name: '删除 2027 年' }).click();
    await expect(page.getByRole('dialog')).toContainText('此后 2027 年只按周末判断工作日');
    await page.getByRole('dialog').getByRole('button', { name: '删除 2027 年' }).click();
    await expect(section.getByTestId('calendar-done')).toHaveText('已删除本大厅设定的 2027 年日历。 已重新计算 1 件案件的期限，其中 1 件的期限日期有变动。');
    expect(await referralDue(host, visit.id)).toBe('2027-01-01');
  } finally {
    await host.stop();
  }
});

test('retention: the one period, the last and next runs, and "run now" after a confirmation that says it cannot be undone', async ({ page }) => {
  const host = await startTestHost();
  try {
    await page.setViewportSize({ width: 1400, height: 1000 });
    await openAdminPage(page, `${host.url}/admin`);
    const section = page.getByRole('region', { name: '数据保留' });
    await section.scrollIntoViewIfNeeded();
    const period = section.getByLabel('个人信息保存年限（年）');
    await expect(period).toHaveValue('3');
    await expect(section.getByTestId('retention-status')).toContainText('还没有运行过。');
    // The kiosk settings no longer have a field of their own: they point here.
    await expect(page.getByRole('region', { name: '自助取号机' })).toContainText('个人信息保存年限（取号机告知中说明）：3 年，在「数据保留」中设置');
    await noSeriousAxeViolations(page, 'section[aria-labelledby="retention-heading"]');

    await period.fill('40');
    await section.getByRole('button', { name: '保存' }).click();
    await expect(period).toHaveAccessibleDescription(/保存年限应为 1 至 30 之间的整数。/);
    await period.fill('5');
    await section.getByRole('button', { name: '保存' }).click();
    await expect(section.getByRole('status').filter({ hasText: '已保存' })).toBeVisible();
    expect((await api(host.url, 'kiosk', 'hall.info', {})).body.value.kiosk.retentionYears).toBe(5);
    await expect(page.getByRole('region', { name: '自助取号机' })).toContainText('5 年');

    // By keyboard: the confirmation opens on Enter and closes on Escape, running nothing.
    const runNow = section.getByRole('button', { name: '立即运行' });
    await runNow.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: '立即运行数据保留任务？' });
    await expect(dialog).toContainText('（5 年前）的案件，其中的个人信息');
    await expect(dialog).toContainText('此操作不可撤销：删除的信息无法恢复。');
    await page.screenshot({ path: `${OUT}retention-confirm.png` });
    await page.keyboard.press('Escape');
    await expect(dialog).toHaveCount(0);
    await expect(section.getByTestId('retention-status')).toContainText('还没有运行过。');

    await runNow.click();
    await dialog.getByRole('button', { name: '确认运行' }).click();
    await expect(section.getByTestId('retention-ran')).toBeVisible();
    await expect(section.getByTestId('retention-status')).toContainText('管理员运行');
    await expect(section.getByTestId('retention-status')).toContainText('保存年限 5 年');
    await expect(section.getByTestId('retention-status').getByRole('listitem').first()).toHaveText('匿名化案件 0 件');
    await section.screenshot({ path: `${OUT}retention.png` });

    // The same section in English.
    await page.getByRole('navigation', { name: '语言' }).getByRole('button', { name: 'English' }).click();
    const english = page.getByRole('region', { name: 'Data retention' });
    await expect(english.getByLabel('Personal data kept for (years)')).toHaveValue('5');
    await expect(english.getByTestId('retention-status')).toContainText('run by an administrator');
    await expect(page.getByRole('region', { name: 'Working-day calendar' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'The hall', exact: true })).toBeVisible();
  } finally {
    await host.stop();
  }
});
