import AxeBuilder from '@axe-core/playwright';
import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page, type TestInfo } from '@playwright/test';
import { api, signInHeaders, startTestHost, type TestHost } from '../support/hall-host';
import { residentId } from '../support/kiosk';
import { openClerkDesk } from '../support/pages';

/** A clerk's PC screen. */
const DESK = { width: 1600, height: 900 };

let host: TestHost;
test.beforeEach(async () => {
  host = await startTestHost();
});
test.afterEach(async () => {
  await host.stop();
});

async function serviceId(letter: string): Promise<string> {
  const info = (await api(host.url, 'admin', 'hall.info', {})).body.value;
  return info.services.find((s: { letter: string }) => s.letter === letter).id;
}

/** A ticket for 投诉建议 (A) taken at the kiosk, with the visitor registered there or (person null) to be registered at the window. */
async function takeNumber(person: { idNumber: string; name: string; phone: string | null } | null, partySize = 1): Promise<string> {
  const reply = await api(host.url, 'kiosk', 'kiosk.takeNumber', {
    serviceId: await serviceId('A'),
    language: 'zh-CN',
    person,
    partySize,
    representatives: null,
    declaredPriority: null,
  });
  expect(reply.body.ok, JSON.stringify(reply.body.error)).toBe(true);
  return reply.body.value.ticket.number;
}

/** Signs in at window 1 (投诉建议, 纠纷调解), calls the next visitor, marks them arrived and opens the interview form. */
async function serveAndOpenInterview(page: Page, number: string): Promise<void> {
  await openClerkDesk(page, `${host.url}/clerk`);
  await page.getByRole('button', { name: /1号窗口/ }).click();
  await page.getByRole('button', { name: '叫下一位' }).click();
  await expect(page.getByTestId('current-number')).toHaveText(number);
  await page.getByRole('button', { name: '已到窗' }).click();
  await page.getByRole('button', { name: '登记来访' }).click();
  await expect(page.getByRole('heading', { name: `来访登记 · ${number} 号` })).toBeVisible();
}

/** A control of the interview form by its field's path (interview/form-fields.tsx: fieldId). */
function field(page: Page, path: string) {
  return page.locator(`#interview-${path.replace(/\./g, '-')}`);
}

async function noSeriousAxeViolations(page: Page, name: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${name}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** What the clerk sees (the save bar and the history stay in view as the form scrolls), scrolled to `at` when given. */
async function screenshot(page: Page, testInfo: TestInfo, name: string, at?: Locator) {
  if (at) await at.scrollIntoViewIfNeeded();
  else await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: testInfo.outputPath(`interview-${name}.png`) });
}

test('a kiosk-registered visitor: the form comes pre-filled and masked, the clerk classifies by pinyin initials and saves with Ctrl+Enter', async ({ browser }, testInfo) => {
  const idNumber = residentId('19750315', { area: '440306', sequence: '246' });
  const number = await takeNumber({ idNumber, name: 'Chen Lihua', phone: '13912345678' }, 2);
  const page = await (await browser.newContext({ viewport: DESK })).newPage();
  await serveAndOpenInterview(page, number);
  const form = page.getByTestId('interview');

  // Pre-filled from the kiosk: the visitor masked, the party of two; nothing personal in full anywhere on the page.
  await expect(form.getByTestId('registered-name')).toHaveText('Chen Lihua');
  await expect(form.getByTestId('registered-id')).toHaveText(`4403**********${idNumber.slice(-4)}`);
  await expect(form.getByTestId('registered-phone')).toHaveText('139****5678');
  await expect(page.locator('body')).not.toContainText(idNumber);
  await expect(page.locator('body')).not.toContainText('13912345678');
  await expect(field(page, 'peopleCount')).toHaveValue('2');
  // The kiosk gave the visitor: the clerk starts at the address (labelled, marked required in words).
  await expect(field(page, 'address')).toHaveAccessibleName(/^住址\s*（必填）$/);
  await expect(field(page, 'address')).toBeFocused();
  // A first-time visitor: the history says so, and 初次信访 is pre-set from it.
  await expect(form.getByTestId('history-none')).toHaveText('此前没有信访记录');
  await expect(form.locator('#interview-firstTime')).toBeChecked();
  // What is still missing, said by the save button's line.
  await expect(form.getByTestId('interview-missing')).toContainText('住址');
  await expect(form.getByTestId('interview-missing')).toContainText('内容分类');

  await field(page, 'address').fill('光明区光明街道碧眼路 8 号');
  await form.locator('#interview-jointOrGroup').check(); // yes: two came together
  await field(page, 'problemLocationCode').selectOption({ label: '光明街道' });
  await field(page, 'community').selectOption({ label: '碧眼社区' });
  await field(page, 'purpose').selectOption({ label: '求决' });
  // The purpose suggests the matter class; its article is said beside it.
  await expect(form.getByRole('radio', { name: /申诉求决类/ })).toBeChecked();
  await expect(form.getByText('（第三十一条）', { exact: false }).first()).toBeVisible();
  await form.getByRole('searchbox', { name: '内容分类' }).fill('tqgz');
  await form.getByRole('button', { name: /拖欠工资/ }).first().click();
  await expect(form.getByTestId('category-selected')).toContainText('拖欠工资');
  await field(page, 'summary').fill('某公司拖欠三个月工资');
  await field(page, 'request').fill('要求公司支付拖欠的工资');
  await field(page, 'factsAndReasons').fill('2026年8月至10月的工资未发放，多次催要无果。');
  await expect(form.getByTestId('interview-missing')).toHaveText('必填项已填写完整');
  await screenshot(page, testInfo, 'form-registered');
  await screenshot(page, testInfo, 'form-registered-matter', form.getByTestId('category-selected'));
  await noSeriousAxeViolations(page, 'form');

  await field(page, 'factsAndReasons').press('Control+Enter');
  // The case, with its number: the site, the day, the sequence.
  await expect(form.getByText(/DEMO-\d{8}-001/).first()).toBeVisible();
  await screenshot(page, testInfo, 'case-saved');
  // Back at the desk the action now opens the case, not a second record.
  await form.getByRole('button', { name: '返回工作台' }).first().click();
  await expect(page.getByRole('button', { name: '查看案件' })).toBeVisible();
});

test('a visitor registered at the window: a wrong ID number is explained in words, and a sixth person cannot be listed (art. 20)', async ({ browser }, testInfo) => {
  const number = await takeNumber(null);
  const page = await (await browser.newContext({ viewport: DESK })).newPage();
  await serveAndOpenInterview(page, number);
  const form = page.getByTestId('interview');
  await expect(field(page, 'person.name')).toBeFocused();

  await field(page, 'person.name').fill('李小明');
  // 18 characters with a wrong check character: the problem as soon as it is complete.
  const valid = residentId('19820704', { area: '440306', sequence: '135' });
  const wrong = valid.slice(0, 17) + (valid[17] === '1' ? '2' : '1');
  const id = field(page, 'person.idNumber');
  await id.fill(wrong);
  await expect(form.getByTestId('message-person.idNumber')).toHaveText('⚠ 身份证号码里有数字输错了，请逐位核对（最后一位可能是X）');
  await expect(id).toHaveAttribute('aria-invalid', 'true');
  // Too short, once the clerk moves on.
  await id.fill('44030619820704');
  await expect(form.getByTestId('message-person.idNumber')).toHaveCount(0);
  await id.press('Tab');
  await expect(form.getByTestId('message-person.idNumber')).toHaveText('⚠ 身份证号码应是18位（老身份证是15位），现在输入了14位，请核对');
  await field(page, 'person.phone').fill('12345');
  await field(page, 'person.phone').press('Tab');
  await expect(form.getByTestId('message-person.phone')).toContainText('手机号码不对');
  await screenshot(page, testInfo, 'form-invalid-id', id);
  await id.fill(valid);
  await expect(form.getByTestId('message-person.idNumber')).toHaveCount(0);
  await expect(form.getByTestId('valid-person.idNumber')).toContainText('身份证号码正确');
  await field(page, 'person.phone').fill('');

  // Saving too early: the button's line names what is missing, and the focus goes to the first of it.
  await expect(form.getByTestId('interview-missing')).toHaveText(/^还缺 \d+ 项：住址、问题属地（街道）、/);
  await form.getByRole('button', { name: /保存登记（还有 \d+ 项未填好）/ }).click();
  await expect(form.getByTestId('message-address')).toHaveText('⚠ 必填');
  await expect(field(page, 'address')).toBeFocused();

  // Eight came: they list their representatives, five at most with the visitor.
  await field(page, 'peopleCount').fill('8');
  await expect(form.getByText('来访 8 人，超过 5 人：请登记推选的代表')).toBeVisible();
  const add = form.getByRole('button', { name: '添加同行人' });
  for (let n = 0; n < 4; n++) await add.click();
  await expect(form.getByTestId('companion-row')).toHaveCount(4);
  await expect(form.getByTestId('companions-listed')).toHaveText('已登记 5 人（含信访人），最多 5 人');
  await expect(add).toBeDisabled();
  await expect(form.getByTestId('companions-limit')).toContainText('《信访工作条例》第二十条');
  await expect(form.getByTestId('companions-limit')).toContainText('代表人数不得超过5人');
  await screenshot(page, testInfo, 'form-five-listed', form.getByTestId('companions-limit'));
  // One less, and the button works again.
  await form.getByRole('button', { name: '删除第 5 人' }).click();
  await expect(add).toBeEnabled();
  await expect(form.getByTestId('companions-limit')).toHaveCount(0);
  await noSeriousAxeViolations(page, 'typed visitor');

  // In English, nothing typed is lost and the form speaks English.
  await id.fill(wrong);
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { name: `Interview record · ticket ${number}` })).toBeVisible();
  await expect(field(page, 'person.name')).toHaveValue('李小明');
  await expect(form.getByTestId('message-person.idNumber')).toContainText('One of the digits of this ID number is mistyped');
  await expect(form.getByTestId('companions-listed')).toHaveText('4 listed (the petitioner included), at most 5');
  await screenshot(page, testInfo, 'form-english');
});

test('a returning visitor: the history shows the earlier case and the repeat visit, and the full ID only after a reason', async ({ browser }, testInfo) => {
  const idNumber = residentId('19600101', { area: '440306', sequence: '357' });
  // The earlier case, registered at another desk.
  const earlier = await api(
    host.url,
    'clerk',
    'visits.create',
    {
      person: { idNumber, name: 'Zhao Min', phone: '13700001111' },
      serviceId: await serviceId('A'),
      peopleCount: 1,
      address: '光明区公明街道上村 3 号',
      problemLocationCode: 'gongming',
      purpose: 'seek_resolution',
      matterClass: 'appeal_request',
      categoryCode: '02010101',
      summary: '物业费上涨',
      request: '要求核查物业收费',
      firstTime: true,
      jointOrGroup: false,
    },
    await signInHeaders(host.url, '1002'),
  );
  expect(earlier.body.ok, JSON.stringify(earlier.body.error)).toBe(true);
  const caseNumber: string = earlier.body.value.visit.caseNumber;
  // Accepted there: in handling.
  const accepted = await api(
    host.url,
    'clerk',
    'visits.addEvent',
    { visitId: earlier.body.value.visit.id, event: { type: 'accepted', date: earlier.body.value.visit.receivedOn } },
    await signInHeaders(host.url, '1002'),
  );
  expect(accepted.body.ok, JSON.stringify(accepted.body.error)).toBe(true);

  const number = await takeNumber({ idNumber, name: 'Zhao Min', phone: '13700001111' });
  const page = await (await browser.newContext({ viewport: DESK })).newPage();
  await serveAndOpenInterview(page, number);
  const history = page.getByTestId('history-panel');

  await expect(history.getByTestId('history-warnings')).toContainText(/第 2 次来访，上次 \d{4}年\d{1,2}月\d{1,2}日/);
  await expect(history.getByTestId('history-item')).toHaveCount(1);
  await expect(history.getByTestId('history-item')).toContainText(caseNumber);
  await expect(history.getByTestId('history-item')).toContainText('物业收费');
  await expect(history.getByTestId('history-item')).toContainText('已受理，办理中');
  await expect(history.getByTestId('history-deadline')).toContainText(/办理.*届满/);
  // 初次信访 pre-set to "no" from the history.
  await expect(page.locator('input[name="interview-firstTime"]').nth(1)).toBeChecked();
  await expect(history.getByTestId('history-id')).toHaveText(`4403**********${idNumber.slice(-4)}`);
  await expect(page.locator('body')).not.toContainText(idNumber);
  // The same matter, once the clerk classifies it so: art. 19 para. 3 in words.
  await page.getByTestId('interview').getByRole('searchbox', { name: '内容分类' }).fill('wysf');
  await page.getByTestId('interview').getByRole('button', { name: /物业收费/ }).first().click();
  const sameMatter = history.locator('[data-kind="same_matter_in_handling"]');
  await expect(sameMatter).toContainText(`已受理或正在办理：案件 ${caseNumber}`);
  await expect(sameMatter).toContainText('《信访工作条例》第十九条第三款');
  await expect(sameMatter).toContainText('上级机关、单位不予受理');
  await screenshot(page, testInfo, 'history');

  // The full number takes a reason (audit-logged), and shows only in this panel.
  await history.getByRole('button', { name: '显示完整证件号' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: '核对身份证件' }).click();
  await dialog.getByRole('button', { name: '显示', exact: true }).click();
  await expect(history.getByTestId('history-id')).toHaveText(idNumber);
  await expect(history.getByTestId('history-phone')).toHaveText('13700001111');
  await expect(page.getByTestId('registered-id')).toHaveText(`4403**********${idNumber.slice(-4)}`);
  await history.getByRole('button', { name: '隐藏' }).click();
  await expect(history.getByTestId('history-id')).toHaveText(`4403**********${idNumber.slice(-4)}`);
});

test('a refusal of the hall shows next to the field it concerns and saves nothing: the street was retired while the form was open', async ({ browser }, testInfo) => {
  const idNumber = residentId('19880808', { area: '440306', sequence: '468' });
  const number = await takeNumber({ idNumber, name: 'Wu Fang', phone: null });
  const page = await (await browser.newContext({ viewport: DESK })).newPage();
  await serveAndOpenInterview(page, number);
  const form = page.getByTestId('interview');

  await field(page, 'address').fill('光明区光明街道东周路 1 号');
  await form.locator('input[name="interview-jointOrGroup"]').nth(1).check();
  await field(page, 'problemLocationCode').selectOption({ label: '光明街道' });
  await field(page, 'purpose').selectOption({ label: '意见建议' });
  await expect(form.getByRole('radio', { name: /建议意见类/ })).toBeChecked();
  await form.getByRole('searchbox', { name: '内容分类' }).fill('wysf');
  await form.getByRole('button', { name: /物业收费/ }).first().click();
  await field(page, 'summary').fill('建议公示物业收费标准');
  await field(page, 'request').fill('要求小区公示收费明细');

  // Meanwhile an admin replaces the list without 光明街道: it is retired.
  const csv = readFileSync(new URL('../../resources/locations/locations.csv', import.meta.url), 'utf8')
    .split('\n')
    .filter((line) => !line.startsWith('guangming'))
    .join('\n');
  const imported = await api(host.url, 'admin', 'locations.import', { format: 'csv', content: csv });
  expect(imported.body.ok, JSON.stringify(imported.body.error)).toBe(true);

  await form.getByRole('button', { name: '保存登记' }).click();
  await expect(form.getByTestId('message-problemLocationCode')).toHaveText('⚠ 问题属地“光明街道”（guangming）已停用，新登记请选择现行的街道或社区');
  await expect(field(page, 'problemLocationCode')).toBeFocused();
  await expect(form.getByText('未保存：请看“问题属地（街道）”处的提示')).toBeVisible();
  await screenshot(page, testInfo, 'refused-location', field(page, 'problemLocationCode'));

  // Another street: saved, and as the day's first case — the refusal wrote nothing.
  await field(page, 'problemLocationCode').selectOption({ label: '公明街道' });
  await expect(form.getByTestId('message-problemLocationCode')).toHaveCount(0);
  await form.getByRole('button', { name: '保存登记' }).click();
  await expect(form.getByText(/DEMO-\d{8}-001/).first()).toBeVisible();
});
