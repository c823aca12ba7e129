import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import type { Clock } from '../../electron/core/ports';
import { api, signInHeaders, startTestHost, type TestHost } from '../support/hall-host';
import { residentId } from '../support/kiosk';
import { openClerkDesk } from '../support/pages';

const DAY_MS = 24 * 60 * 60 * 1000;

/** The hub's clock: real time, moved back while the test registers an old case. */
class ShiftedClock implements Clock {
  offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
}

const clock = new ShiftedClock();
let host: TestHost;
const cases: Record<'old' | 'assign' | 'legal' | 'accepted', { id: string; caseNumber: string }> = {} as never;

/** A visits.create input for a typed visitor; the rest as a clerk fills it in. */
function visitInput(serviceId: string, person: { idNumber: string; name: string; phone: string }, summary: string) {
  return {
    person,
    serviceId,
    peopleCount: 1,
    address: '光明街道东周社区 3 栋 501',
    problemLocationCode: 'guangming-dongzhou',
    purpose: 'seek_resolution',
    matterClass: 'appeal_request',
    categoryCode: '020101',
    summary,
    request: '要求有关部门依法处理',
    factsAndReasons: '多次反映未果。',
    firstTime: true,
    jointOrGroup: false,
  };
}

async function call(clerk: Record<string, string>, method: string, params: unknown) {
  const reply = await api(host.url, 'clerk', method, params, clerk);
  if (!reply.body.ok) throw new Error(`${method}: ${reply.body.error.code} ${reply.body.error.message}`);
  return reply.body.value;
}

test.beforeAll(async () => {
  // Forty days ago 王丽 (1001) registered a case nobody passed on: its 15 days (art. 22) ran out long since.
  clock.offsetMs = -40 * DAY_MS; // always in an earlier month than today
  host = await startTestHost({ clock });
  const info = (await api(host.url, 'kiosk', 'hall.info', {})).body.value;
  const serviceA = info.services.find((s: { letter: string }) => s.letter === 'A').id;
  const old = (await call(await signInHeaders(host.url), 'visits.create', visitInput(serviceA, { idNumber: residentId('19650304'), name: '赵建华', phone: '13911112222' }, '小区电梯长期停运无人维修'))).visit;
  cases.old = old;

  // Today she registers three more.
  clock.offsetMs = 0;
  const clerk = await signInHeaders(host.url);
  const create = async (person: { idNumber: string; name: string; phone: string }, summary: string) =>
    (await call(clerk, 'visits.create', visitInput(serviceA, person, summary))).visit;
  cases.assign = await create({ idNumber: residentId('19800715', { sequence: '245' }), name: '周敏', phone: '13722223333' }, '老旧小区加装电梯审批迟迟没有结果');
  cases.legal = await create({ idNumber: residentId('19920101', { sequence: '317' }), name: '钱晓东', phone: '13633334444' }, '公司拖欠三个月工资');
  cases.accepted = await create({ idNumber: residentId('19751120', { sequence: '426' }), name: '孙立平', phone: '13544445555' }, '房屋漏水物业拒不维修');
  await call(clerk, 'visits.decide', { visitId: cases.accepted.id, decision: { kind: 'accepted' } });
});
test.afterAll(async () => {
  await host?.stop();
});

/** 2026-03-02 → 2026年3月2日周一, as the case view writes a day in zh-CN. */
const zhDay = (day: string) =>
  new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', day: 'numeric', weekday: 'short', timeZone: 'UTC' }).format(Date.parse(`${day}T00:00:00Z`));

async function snapshot(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: testInfo.outputPath(`case-desk-${name}.png`), fullPage: true, animations: 'disabled' });
}

/** No serious or critical axe violation in the part of the page this test is about. */
async function checkAccessible(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).include('main').analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${name}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

const tab = (page: Page, name: string | RegExp) => page.getByRole('tab', { name });

test('the case desk: decide from today\'s cases, see the deadlines, refuse a long extension, find the overdue case and search by a two-character name', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
  await openClerkDesk(page, `${host.url}/clerk`);

  // The due-list tab tells her, in words, that one of her deadlines is overdue.
  await expect(tab(page, '到期提醒（逾期 1）')).toBeVisible();

  // 今日案件: her three cases of today; the first is assigned to the housing bureau.
  await tab(page, '今日案件').click();
  const today = page.getByTestId('today-cases');
  await expect(today.locator('tbody tr')).toHaveCount(3);
  await expect(today).not.toContainText(cases.old.caseNumber);
  await snapshot(page, testInfo, '1-today');
  await page.getByRole('button', { name: `打开案件 ${cases.assign.caseNumber}` }).click();
  const view = page.getByTestId('case-view');
  await expect(view.getByRole('heading', { name: `案件 ${cases.assign.caseNumber}` })).toBeVisible();
  await expect(view.getByTestId('case-people')).toContainText('周敏');
  // ID and phone stay masked.
  await expect(view.getByTestId('case-people')).not.toContainText('13722223333');
  await expect(view.getByTestId('case-category')).toHaveText('城乡建设 › 住房 › 物业管理');

  await view.getByRole('button', { name: '作出处理决定' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: '交办有权处理的机关' }).check();
  // The basis is shown before saving; saving waits for the department.
  await expect(dialog.getByTestId('decision-preview-basis')).toContainText('《信访工作条例》第二十二条第一款第三项');
  await expect(dialog.getByRole('button', { name: '保存处理决定' })).toBeDisabled();
  await dialog.getByLabel('转送、交办的机关或单位').fill('区住房和建设局');
  await expect(dialog.getByTestId('decision-preview')).toContainText('交办 区住房和建设局');
  await snapshot(page, testInfo, '2-decide-assign');
  await checkAccessible(page, 'decision dialog');
  await dialog.getByRole('button', { name: '保存处理决定' }).click();
  await expect(dialog).toHaveCount(0);
  await expect(view.getByTestId('decision-text')).toHaveText('✓ 交办 区住房和建设局');
  await expect(view.getByTestId('decision-basis')).toContainText('依据：《信访工作条例》第二十二条第一款第三项');

  // The receiving bureau's deadlines: 15 days to tell the petitioner (art. 23 para. 3), 5 working days to object.
  const { visit: assigned } = await call(await signInHeaders(host.url), 'visits.get', { id: cases.assign.id });
  const deadline = (kind: string) => assigned.deadlines.find((d: { kind: string }) => d.kind === kind);
  const deadlines = view.getByTestId('case-deadlines');
  const notice = deadlines.locator('li[data-kind="acceptance_notice"]');
  await expect(notice).toContainText('书面告知是否受理');
  await expect(notice).toContainText('《信访工作条例》第二十三条第三款');
  await expect(notice).toContainText(`截止 ${zhDay(deadline('acceptance_notice').dueDate)}`);
  await expect(notice).toContainText(`自 ${zhDay(assigned.receivedOn)} 起 15 日`);
  const objection = deadlines.locator('li[data-kind="jurisdiction_objection"]');
  await expect(objection).toContainText('提出管辖异议');
  await expect(objection).toContainText(`截止 ${zhDay(deadline('jurisdiction_objection').dueDate)}`);
  await expect(objection).toContainText('5 个工作日');
  // The registration's own 15 days (art. 22) are met by the assignment.
  await expect(deadlines.locator('li[data-kind="referral"]')).toContainText('已按期完成');
  await expect(view.getByTestId('case-timeline')).toContainText('交办');
  await snapshot(page, testInfo, '3-assigned');
  await checkAccessible(page, 'case view');

  // The second: not accepted, arbitration applies (art. 31 item 2).
  await view.getByRole('button', { name: '关闭案件' }).click();
  await page.getByRole('button', { name: `打开案件 ${cases.legal.caseNumber}` }).click();
  await expect(view.getByRole('heading', { name: `案件 ${cases.legal.caseNumber}` })).toBeVisible();
  await view.getByRole('button', { name: '作出处理决定' }).click();
  await dialog.getByRole('radio', { name: '不予受理' }).check();
  await dialog.getByRole('radio', { name: '应通过法定途径解决（诉访分离）' }).check();
  await dialog.getByRole('combobox', { name: '法定途径' }).selectOption({ label: '仲裁（第三十一条第二项）' });
  await expect(dialog.getByTestId('decision-preview-basis')).toContainText('《信访工作条例》第三十一条第二项');
  await dialog.getByLabel('有权处理的机关或单位').fill('区劳动人事争议仲裁委员会');
  await snapshot(page, testInfo, '4-decide-arbitration');
  await dialog.getByRole('button', { name: '保存处理决定' }).click();
  await expect(view.getByTestId('decision-text')).toContainText('不予受理：应通过仲裁解决，已告知向 区劳动人事争议仲裁委员会 提出');
  await expect(view.getByTestId('decision-basis')).toContainText('《信访工作条例》第三十一条第二项');

  // The third is accepted: an extension of 31 days is refused with art. 34 quoted, and nothing is added.
  await view.getByRole('button', { name: '关闭案件' }).click();
  await page.getByRole('button', { name: `打开案件 ${cases.accepted.caseNumber}` }).click();
  await expect(view.getByRole('heading', { name: `案件 ${cases.accepted.caseNumber}` })).toBeVisible();
  const steps = view.getByTestId('case-timeline').locator('li');
  const stepsBefore = await steps.count();
  await view.getByRole('button', { name: '登记办理步骤' }).click();
  await dialog.getByRole('combobox', { name: '步骤' }).selectOption({ label: '延长办理期限' });
  await dialog.getByLabel(/延长天数/).fill('31');
  await dialog.getByLabel(/延期理由/).fill('涉及多个部门，需要联合调查');
  await dialog.getByRole('button', { name: '保存步骤' }).click();
  const refusal = dialog.getByRole('alert');
  await expect(refusal).toContainText('延长期限合计 31 日，超过 30 日');
  await expect(refusal).toContainText('《信访工作条例》第三十四条');
  await snapshot(page, testInfo, '5-extension-refused');
  await dialog.getByRole('button', { name: '返回' }).click();
  await expect(steps).toHaveCount(stepsBefore);
  await expect(view.getByTestId('case-timeline')).not.toContainText('延长办理期限');
  const { visit: unchanged } = await call(await signInHeaders(host.url), 'visits.get', { id: cases.accepted.id });
  expect(unchanged.timeline.map((step: { event: { type: string } }) => step.event.type)).toEqual(['received', 'accepted']);

  // 到期提醒: the month-old case, overdue, with its article and due date; it opens.
  await tab(page, /到期提醒/).click();
  const overdue = page.getByTestId('due-overdue');
  const row = overdue.locator('tr', { hasText: cases.old.caseNumber });
  await expect(row).toContainText('转送、交办或决定是否受理');
  await expect(row).toContainText('《信访工作条例》第二十二条第一款');
  await expect(row).toContainText(/已逾期 \d+ 日/);
  await expect(page.getByTestId('kpi-month')).toContainText('及时受理率');
  await expect(page.getByTestId('kpi-month')).toContainText('按期办结率');
  // A chosen range (it starts as this month): the decided cases of today count, the assigned one is pending.
  await page.getByRole('button', { name: '计算', exact: true }).click();
  await expect(page.getByTestId('kpi-range')).toContainText(/及时受理率\s*100%\s*（2 \/ 2）/);
  await snapshot(page, testInfo, '6-due');
  await checkAccessible(page, 'due list');
  await row.getByRole('button', { name: `打开案件 ${cases.old.caseNumber}` }).click();
  await expect(view.getByTestId('case-deadlines').locator('li[data-kind="referral"]')).toContainText(/已逾期 \d+ 日/);

  // 查询: a two-character name finds her case.
  await tab(page, '查询').click();
  await page.getByLabel('案件编号、身份证号码、手机号码、姓名或内容').fill('周敏');
  await page.getByRole('button', { name: '查询', exact: true }).click();
  const results = page.getByTestId('search-results');
  await expect(results.locator('tbody tr')).toHaveCount(1);
  await expect(results).toContainText(cases.assign.caseNumber);
  await expect(results).toContainText('周敏');
  await snapshot(page, testInfo, '7-search');
  await checkAccessible(page, 'search');
});

/** A 1×1 PNG: a "scan" small enough for the test. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

test('a case of the visitor at the window: referred to legal services with the ticket, tagged, a scan attached and opened', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const info = (await api(host.url, 'kiosk', 'hall.info', {})).body.value;
  const serviceId = (letter: string) => info.services.find((s: { letter: string }) => s.letter === letter).id;
  const taken = await api(host.url, 'kiosk', 'kiosk.takeNumber', {
    serviceId: serviceId('A'),
    language: 'zh-CN',
    person: { idNumber: residentId('19881212', { sequence: '532' }), name: '吴芳', phone: '13855556666' },
    partySize: 1,
    representatives: null,
    declaredPriority: null,
  });
  const ticket = taken.body.value.ticket;

  const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
  await openClerkDesk(page, `${host.url}/clerk`);
  await page.getByRole('button', { name: /^1号窗口/ }).click();
  await page.getByRole('button', { name: '叫下一位' }).click();
  await expect(page.getByTestId('current-number')).toHaveText(ticket.number);

  // Her case, registered from the kiosk's registration, opened from 今日案件 while she is at the window.
  const { id } = (
    await call(await signInHeaders(host.url), 'visits.create', {
      ...visitInput(serviceId('A'), { idNumber: '', name: '', phone: '' }, '被公司辞退，想了解如何申请劳动仲裁'),
      person: undefined,
      ticketId: ticket.id,
    })
  ).visit;
  await tab(page, '今日案件').click();
  const { visit } = await call(await signInHeaders(host.url), 'visits.get', { id });
  await page.getByRole('button', { name: `打开案件 ${visit.caseNumber}` }).click();
  const view = page.getByTestId('case-view');
  await expect(view.getByTestId('case-people')).toContainText('吴芳');

  // Referred to legal services (art. 37): the ticket goes there, at the front.
  await view.getByRole('button', { name: '作出处理决定' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: /转大厅其他服务/ }).check();
  await dialog.getByRole('radio', { name: 'C 法律服务' }).check();
  await expect(dialog).toContainText(`保存后，${ticket.number} 号将转到所选服务的队列，排在最前。`);
  await expect(dialog.getByTestId('decision-preview-basis')).toContainText('《信访工作条例》第三十七条');
  await dialog.getByRole('button', { name: '保存处理决定' }).click();
  await expect(view.getByTestId('ticket-transferred')).toHaveText(`${ticket.number} 号已转到 C 法律服务 的队列，排在最前。`);
  await expect(view.getByTestId('decision-text')).toContainText('转 法律服务 办理');
  const { tickets } = await call(await signInHeaders(host.url), 'queue.waitingList', { windowId: info.windows.find((w: { number: number }) => w.number === 2).id, limit: 50 });
  expect(tickets.map((t: { number: string; serviceId: string }) => [t.number, t.serviceId])).toContainEqual([ticket.number, serviceId('C')]);

  // Tags: 积案 and 领导包案 with the leader.
  await view.getByRole('button', { name: '修改标签' }).click();
  await dialog.getByRole('checkbox', { name: '积案' }).check();
  await dialog.getByRole('checkbox', { name: '领导包案' }).check();
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(dialog.getByRole('alert')).toHaveText(/请填写包案领导/);
  await dialog.getByLabel('包案领导（姓名和职务）').fill('张明 副区长');
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(view.getByTestId('case-tags')).toContainText('积案');
  await expect(view.getByTestId('case-tags')).toContainText('领导包案：张明 副区长');

  // A scan: added with its size and hash, opened in the page; a text file is refused in words.
  await view.getByLabel('添加文件').setInputFiles({ name: '辞退通知.png', mimeType: 'image/png', buffer: PNG });
  const attachments = view.getByTestId('case-attachments');
  await expect(attachments).toContainText('辞退通知.png');
  await expect(attachments).toContainText('PNG 图片');
  await expect(attachments).toContainText(/SHA-256 [0-9a-f]{12}…/);
  await attachments.getByRole('button', { name: '打开 辞退通知.png' }).click();
  await expect(view.getByTestId('attachment-preview').getByRole('img', { name: '附件 辞退通知.png' })).toBeVisible();
  await view.getByLabel('添加文件').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
  await expect(attachments.getByRole('alert')).toHaveText(/“notes.txt”不是 JPEG、PNG 或 PDF 文件，未添加。/);
  await snapshot(page, testInfo, '8-referred-tagged-attached');

  // Back at the window: she has gone on to legal services.
  await tab(page, '窗口').click();
  await expect(page.getByText('当前没有来访人')).toBeVisible();

  // The same case in the other languages: words, dates and articles in each.
  for (const [language, todayTab, open, heading, basis] of [
    ['English', "Today's cases", 'Open case', 'Case', 'Regulations on Letters and Visits, art. 37'],
    ['繁體', '今日案件', '打開案件', '案件', '《信訪工作條例》第三十七條'],
  ] as const) {
    await page.getByRole('button', { name: language, exact: true }).click();
    await tab(page, todayTab).click();
    await page.getByRole('button', { name: `${open} ${visit.caseNumber}` }).click();
    await expect(view.getByRole('heading', { name: `${heading} ${visit.caseNumber}` })).toBeVisible();
    await expect(view.getByTestId('decision-basis')).toContainText(basis);
    await snapshot(page, testInfo, `9-case-${language}`);
  }
});
