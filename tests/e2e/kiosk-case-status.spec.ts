import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import { checkCharacter } from '../../shared/domain/resident-id';
import { api, signInHeaders, startTestHost, type TestHost } from '../support/hall-host';
import { kioskText, pressKeypad } from '../support/kiosk';
import { openReady } from '../support/pages';

const PORTRAIT = { width: 1080, height: 1920 };
const ID_NUMBER = (() => {
  const first17 = '44030419700808005';
  return first17 + checkCharacter(first17);
})();
const PHONE = '13700004321';

let host: TestHost;
let caseNumber: string;
let handlingDue: string;

test.beforeAll(async () => {
  host = await startTestHost();
  // A signed-in clerk registers a case and records its acceptance (art. 34: 60 days to handle it).
  const clerk = await signInHeaders(host.url);
  const info = (await api(host.url, 'kiosk', 'hall.info', {})).body.value;
  const created = await api(
    host.url,
    'clerk',
    'visits.create',
    {
      person: { idNumber: ID_NUMBER, name: '孙丽华', phone: PHONE },
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
  const visit = created.body.value.visit;
  caseNumber = visit.caseNumber;
  const accepted = await api(host.url, 'clerk', 'visits.addEvent', { visitId: visit.id, event: { type: 'accepted', date: visit.receivedOn } }, clerk);
  handlingDue = accepted.body.value.visit.deadlines.find((d: { kind: string }) => d.kind === 'handling').dueDate;
});
test.afterAll(async () => {
  await host?.stop();
});

/** Accessible (no serious or critical axe violation), fits the screen, 60 px targets, 24 px text; and a screenshot. */
async function checkStep(page: Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: testInfo.outputPath(`case-status-${name}.png`), animations: 'disabled' });
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${name}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
  const problems = await page.evaluate(() => {
    const visible = (element: Element) => (element as HTMLElement).offsetParent !== null;
    const small = [...document.querySelectorAll('main button, header button')]
      .filter(visible)
      .map((b) => ({ text: (b.textContent ?? '').trim(), box: b.getBoundingClientRect() }))
      .filter(({ box }) => box.height < 59.5 || box.width < 59.5)
      .map(({ text, box }) => `button ${text} ${Math.round(box.width)}×${Math.round(box.height)}`);
    const smallText = [...document.querySelectorAll('main *, header *')]
      .filter(visible)
      .filter((element) => [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== ''))
      .filter((element) => parseFloat(getComputedStyle(element).fontSize) < 23.5)
      .map((element) => `text ${element.textContent!.trim().slice(0, 20)}`);
    const overflow = document.documentElement.scrollHeight > window.innerHeight || document.documentElement.scrollWidth > window.innerWidth;
    return [...small, ...smallText, ...(overflow ? ['needs scrolling'] : [])];
  });
  expect(problems, name).toEqual([]);
}

/** 2027-01-29 → 2027年1月29日, as the kiosk writes dates in zh-CN. */
const zhDate = (day: string) => new Intl.DateTimeFormat('zh-CN', { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }).format(Date.parse(`${day}T00:00:00Z`));

test('a visitor checks their case at the kiosk: the stage and the deadline, a wrong last four refused, nothing left behind', async ({ browser }, testInfo) => {
  test.setTimeout(120_000);
  const page = await (await browser.newContext({ viewport: PORTRAIT })).newPage();
  const text = kioskText('zh-CN');
  const words = text.flow.caseStatus;
  await openReady(page, `${host.url}/kiosk?lang=zh-CN`);
  await checkStep(page, testInfo, '0-attract');

  await page.getByRole('button', { name: words.button }).click();
  await expect(page.getByTestId('step-case-number')).toBeVisible();
  // The site's prefix in one press, then the date and sequence on the keys.
  const keys = page.getByRole('group', { name: words.keyboard });
  await keys.getByRole('button', { name: words.sitePrefix.replace('{{prefix}}', 'DEMO-') }).click();
  for (const key of caseNumber.slice('DEMO-'.length)) await keys.getByRole('button', { name: key, exact: true }).click();
  await expect(page.getByRole('textbox', { name: words.numberLabel, exact: true })).toHaveValue(caseNumber);
  await checkStep(page, testInfo, '1-number');
  await page.getByRole('button', { name: text.flow.nav.continue }).click();

  // A wrong last four: the same words as an unknown case.
  await expect(page.getByTestId('step-case-phone')).toBeVisible();
  await pressKeypad(page, '0000');
  await page.getByRole('button', { name: words.check }).click();
  await expect(page.getByTestId('server-error')).toHaveText('没有找到这个案件，请核对案件编号和手机号码后四位');
  await expect(page.getByRole('textbox', { name: words.phoneLabel, exact: true })).toHaveValue('');
  await checkStep(page, testInfo, '2-phone-wrong');

  await pressKeypad(page, PHONE.slice(-4));
  await page.getByRole('button', { name: words.check }).click();
  await expect(page.getByTestId('step-case-result')).toBeVisible();
  await expect(page.getByRole('heading', { name: words.resultTitle.replace('{{caseNumber}}', caseNumber) })).toBeVisible();
  await expect(page.getByTestId('case-stage')).toHaveText('已受理，正在办理');
  await expect(page.getByTestId('case-deadline')).toHaveText(`应在 ${zhDate(handlingDue)} 前办结（《信访工作条例》第三十四条）`);
  await expect(page.locator('main')).not.toContainText('孙丽华');
  await expect(page.locator('main')).not.toContainText(PHONE.slice(-4));
  await checkStep(page, testInfo, '3-result');

  // Start over: the answer is gone; the next look-up starts empty.
  await page.getByRole('button', { name: text.flow.nav.startOver }).click();
  await expect(page.getByRole('button', { name: text.flow.attract.start })).toBeVisible();
  await expect(page.getByTestId('step-case-result')).toHaveCount(0);
  await page.getByRole('button', { name: words.button }).click();
  await expect(page.getByRole('textbox', { name: words.numberLabel, exact: true })).toHaveValue('');
});

test('from the service list in English, typing the number on a physical keyboard', async ({ browser }, testInfo) => {
  const page = await (await browser.newContext({ viewport: PORTRAIT })).newPage();
  const text = kioskText('en');
  const words = text.flow.caseStatus;
  await openReady(page, `${host.url}/kiosk?lang=en`);
  await page.getByRole('button', { name: text.flow.attract.start }).click();
  await expect(page.getByTestId('step-service')).toBeVisible();
  await checkStep(page, testInfo, 'en-service');
  await page.getByRole('button', { name: new RegExp(words.button) }).click();

  await page.getByRole('textbox', { name: words.numberLabel, exact: true }).pressSequentially(` ${caseNumber.toLowerCase()}`);
  await expect(page.getByRole('textbox', { name: words.numberLabel, exact: true })).toHaveValue(caseNumber);
  await page.keyboard.press('Enter');
  await page.getByRole('textbox', { name: words.phoneLabel, exact: true }).pressSequentially(PHONE.slice(-4));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('case-stage')).toHaveText(words.stages.accepted);
  await expect(page.getByTestId('case-deadline')).toContainText('Regulations on Letters and Visits, art. 34');
  await checkStep(page, testInfo, 'en-result');
  // Done ends the visit: back to the attract screen.
  await page.getByRole('button', { name: words.done }).click();
  await expect(page.getByRole('button', { name: text.flow.attract.start })).toBeVisible();
});
