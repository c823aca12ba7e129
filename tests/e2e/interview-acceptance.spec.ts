import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { api, signInHeaders, startTestHost, type TestHost } from '../support/hall-host';
import { residentId } from '../support/kiosk';
import { openClerkDesk, openReady } from '../support/pages';

/**
 * Issue 5's acceptance walk, end to end on the real host in Chromium: a clerk signs in,
 * calls a kiosk-registered ticket, sees the returning visitor's history, records a group
 * visit with five representatives (a sixth refused with the article), classifies by
 * pinyin initials, decides "assigned", sees the deadlines; the visitor rates it on the
 * window's tablet; the KPIs move.
 */

const DESK = { width: 1600, height: 900 };
const TABLET = { width: 1280, height: 800 };

let host: TestHost;
test.beforeEach(async () => {
  host = await startTestHost();
});
test.afterEach(async () => {
  await host.stop();
});

async function call(headers: Record<string, string>, method: string, params: unknown) {
  const reply = await api(host.url, 'clerk', method, params, headers);
  if (!reply.body.ok) throw new Error(`${method}: ${reply.body.error.code} ${reply.body.error.message}`);
  return reply.body.value;
}

const field = (page: Page, path: string) => page.locator(`#interview-${path.replace(/\./g, '-')}`);

async function snapshot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: testInfo.outputPath(`acceptance-${name}.png`), fullPage: true, animations: 'disabled' });
}

test('the interview desk, from the kiosk ticket to the rating and the KPIs', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const info = (await api(host.url, 'kiosk', 'hall.info', {})).body.value;
  const serviceA = info.services.find((s: { letter: string }) => s.letter === 'A').id;
  const idNumber = residentId('19580612', { area: '440306', sequence: '113' });

  // Earlier, at another desk, 1002 registered this visitor's first matter (a property fee).
  const other = await signInHeaders(host.url, '1002');
  const earlier = (
    await call(other, 'visits.create', {
      person: { idNumber, name: '黄志强', phone: '13866667777' },
      serviceId: serviceA,
      peopleCount: 1,
      address: '光明区马田街道 12 号',
      problemLocationCode: 'matian',
      purpose: 'seek_resolution',
      matterClass: 'appeal_request',
      categoryCode: '020101',
      summary: '小区物业费上涨',
      request: '要求核查物业收费',
      firstTime: true,
      jointOrGroup: false,
    })
  ).visit;

  // Today's 及时受理率 before: nothing decided, the earlier case pending.
  const clerkApi = await signInHeaders(host.url, '1001');
  const today = (await call(clerkApi, 'visits.mine', {})).day as string;
  const before = await call(clerkApi, 'visits.kpis', { from: today, to: today });
  expect(before.timelyAcceptance).toMatchObject({ numerator: 0, denominator: 0, pending: 1 });

  // Eight workers come back together; he registers at the kiosk for the group, five representatives.
  const taken = await api(host.url, 'kiosk', 'kiosk.takeNumber', {
    serviceId: serviceA,
    language: 'zh-CN',
    person: { idNumber, name: '黄志强', phone: '13866667777' },
    partySize: 8,
    representatives: 5,
    declaredPriority: null,
  });
  expect(taken.body.ok).toBe(true);
  const ticket = taken.body.value.ticket;

  // The window's rating tablet, waiting.
  const tablet = await (await browser.newContext({ viewport: TABLET })).newPage();
  await openReady(tablet, `${host.url}/rate`);
  await tablet.getByRole('button', { name: /^1号窗口/ }).click();
  await expect(tablet.getByTestId('rate-idle')).toBeVisible();

  // 王丽 signs in at window 1, calls the ticket, and opens the interview.
  const page = await (await browser.newContext({ viewport: DESK })).newPage();
  await openClerkDesk(page, `${host.url}/clerk`);
  await page.getByRole('button', { name: /^1号窗口/ }).click();
  await page.getByRole('button', { name: '叫下一位' }).click();
  await expect(page.getByTestId('current-number')).toHaveText(ticket.number);
  await page.getByRole('button', { name: '已到窗' }).click();
  await page.getByRole('button', { name: '登记来访' }).click();
  const form = page.getByTestId('interview');

  // Pre-filled from the kiosk and masked; his history: the earlier case and the repeat visit.
  await expect(form.getByTestId('registered-name')).toHaveText('黄志强');
  await expect(form.getByTestId('registered-id')).toHaveText(`4403**********${idNumber.slice(-4)}`);
  await expect(page.locator('body')).not.toContainText(idNumber);
  await expect(field(page, 'peopleCount')).toHaveValue('8');
  await expect(form).toContainText(earlier.caseNumber);
  await expect(form).toContainText('第 2 次来访');
  await expect(form.locator('#interview-firstTime')).not.toBeChecked();

  // Five representatives: him and four more; a sixth cannot be added, and the article says why.
  const add = form.getByRole('button', { name: '添加同行人' });
  const representatives = [
    ['刘海波', residentId('19700101', { area: '440306', sequence: '211' }), '13900000001'],
    ['陈建新', residentId('19710202', { area: '440306', sequence: '231' }), '13900000002'],
    ['周丽娟', residentId('19720303', { area: '440306', sequence: '242' }), '13900000003'],
    ['吴大勇', residentId('19730404', { area: '440306', sequence: '251' }), '13900000004'],
  ] as const;
  for (const [index, [name, id, phone]] of representatives.entries()) {
    await add.click();
    await field(page, `companions.${index}.person.name`).fill(name);
    await field(page, `companions.${index}.person.idNumber`).fill(id);
    await field(page, `companions.${index}.person.phone`).fill(phone);
    await field(page, `companions.${index}.address`).fill('光明区马田街道工业园宿舍');
  }
  await expect(form.getByTestId('companions-listed')).toHaveText('已登记 5 人（含信访人），最多 5 人');
  await expect(add).toBeDisabled();
  await expect(form.getByTestId('companions-limit')).toContainText('《信访工作条例》第二十条');

  // The matter: a joint complaint about unpaid wages, classified by pinyin initials.
  await field(page, 'address').fill('光明区马田街道 12 号');
  await form.locator('#interview-jointOrGroup').check();
  await field(page, 'problemLocationCode').selectOption({ label: '马田街道' });
  await field(page, 'purpose').selectOption({ label: '求决' });
  await form.getByRole('searchbox', { name: '内容分类' }).fill('tqgz');
  await form.getByRole('button', { name: /拖欠工资/ }).first().click();
  await expect(form.getByTestId('category-selected')).toContainText('拖欠工资');
  await field(page, 'summary').fill('某电子厂拖欠八名工人三个月工资');
  await field(page, 'request').fill('要求企业支付拖欠的工资');
  await field(page, 'factsAndReasons').fill('2026年8月至10月的工资未发放，多次催要无果。');
  await expect(form.getByTestId('interview-missing')).toHaveText('必填项已填写完整');
  await snapshot(page, testInfo, '1-form');
  await form.getByRole('button', { name: /^保存登记/ }).click();

  // The case: its number, the five listed (masked), and no decision yet.
  const view = page.getByTestId('case-view');
  await expect(view.getByRole('heading', { name: /^案件 DEMO-\d{8}-002$/ })).toBeVisible();
  const caseNumber = ((await view.getByRole('heading', { name: /^案件 / }).textContent()) ?? '').replace('案件 ', '').trim();
  await expect(view.getByTestId('case-people')).toContainText('吴大勇');
  await expect(view.getByTestId('case-people')).not.toContainText(representatives[0][1]);

  // The decision: assigned to the labour bureau (art. 22 para. 1 item 3), and the deadlines that follow.
  await view.getByRole('button', { name: '作出处理决定' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: '交办有权处理的机关' }).check();
  await dialog.getByLabel('转送、交办的机关或单位').fill('区人力资源局');
  await expect(dialog.getByTestId('decision-preview-basis')).toContainText('《信访工作条例》第二十二条第一款第三项');
  await dialog.getByRole('button', { name: '保存处理决定' }).click();
  await expect(view.getByTestId('decision-text')).toHaveText('✓ 交办 区人力资源局');
  const deadlines = view.getByTestId('case-deadlines');
  await expect(deadlines.locator('li[data-kind="referral"]')).toContainText('已按期完成');
  await expect(deadlines.locator('li[data-kind="acceptance_notice"]')).toContainText('《信访工作条例》第二十三条第三款');
  await expect(deadlines.locator('li[data-kind="jurisdiction_objection"]')).toContainText('5 个工作日');
  await snapshot(page, testInfo, '2-case');

  // The visitor rates it on the tablet; the case shows the rating.
  await view.getByRole('button', { name: '请评价' }).click();
  await expect(tablet.getByTestId('rate-ticket')).toHaveText(`号码 ${ticket.number}`);
  await tablet.getByRole('button', { name: '非常满意', exact: true }).click();
  await tablet.getByRole('button', { name: '解释清楚' }).click();
  await tablet.getByRole('button', { name: /^提交/ }).click();
  await expect(tablet.getByTestId('rate-thanks')).toBeVisible();
  await expect(view.getByTestId('case-rating')).toContainText('非常满意', { timeout: 15_000 });

  // The labour bureau accepts it the same day: 及时受理率 counts it on time (the earlier case stays pending).
  await view.getByRole('button', { name: '登记办理步骤' }).click();
  await dialog.getByRole('combobox', { name: '步骤' }).selectOption({ label: '受理' });
  await dialog.getByRole('button', { name: '保存步骤' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(deadlines.locator('li[data-kind="handling"]')).toContainText('《信访工作条例》第三十四条');
  const after = await call(clerkApi, 'visits.kpis', { from: today, to: today });
  expect(after.timelyAcceptance).toMatchObject({ numerator: 1, denominator: 1, pending: 1 });
  const summary = await call(clerkApi, 'ratings.summary', { from: today, to: today });
  expect(summary.byClerk).toEqual([expect.objectContaining({ staffNo: '1001', total: 1 })]);

  await page.getByRole('tab', { name: /到期提醒/ }).click();
  await expect(page.getByTestId('kpi-month')).toContainText(/及时受理率\s*100%/);
  await snapshot(page, testInfo, '3-kpis');

  // Back at the window: the clerk's own satisfaction of today counts the rating.
  await page.getByRole('tab', { name: '窗口' }).click();
  await page.getByRole('button', { name: '返回工作台' }).first().click();
  const byClerk = page.getByTestId('satisfaction-panel').getByTestId('satisfaction-by-clerk');
  await expect(byClerk.getByRole('row', { name: /王丽（1001）/ })).toContainText('100%');
  expect(caseNumber).toMatch(/^DEMO-\d{8}-002$/);
});
