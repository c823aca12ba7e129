import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page, type TestInfo } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { FakeIdCardReader, FakeTicketPrinter } from '../../electron/core/testing/fake-devices';
import type { Language } from '../../shared/domain/languages';
import { api, signInHeaders, startTestHost, type TestHost } from '../support/hall-host';
import { kioskText, pressKeypad, residentId, startAtKiosk, takeNumberAtKiosk, typeNameWithPinyin } from '../support/kiosk';
import { openClerkDesk, openReady } from '../support/pages';

let host: TestHost;
test.beforeAll(async () => {
  host = await startTestHost();
});
test.afterAll(async () => {
  await host?.stop();
});

const PORTRAIT = { width: 1080, height: 1920 };
const LANDSCAPE = { width: 1920, height: 1080 };

async function noSeriousAxeViolations(page: Page, where: string) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${where}: ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** Nothing sticks out (at normal text size, not even downwards), every button is a large target, all text ≥ 24 px. */
async function fitsAndLargeTargets(page: Page, where: string, { vertical }: { vertical: boolean }) {
  const overflow = await page.evaluate(() => ({
    sideways: document.documentElement.scrollWidth - window.innerWidth,
    down: document.documentElement.scrollHeight - window.innerHeight,
  }));
  expect(overflow.sideways, `${where}: horizontal overflow`).toBeLessThanOrEqual(0);
  if (vertical) expect(overflow.down, `${where}: needs scrolling`).toBeLessThanOrEqual(0);
  const small = await page.evaluate(() =>
    [...document.querySelectorAll('main button, header button')]
      .filter((b) => (b as HTMLElement).offsetParent !== null)
      .map((b) => ({ text: (b.textContent ?? '').trim(), box: b.getBoundingClientRect() }))
      .filter(({ box }) => box.height < 59.5 || box.width < 59.5)
      .map(({ text, box }) => `${text} ${Math.round(box.width)}×${Math.round(box.height)}`),
  );
  expect(small, `${where}: buttons under 60 px`).toEqual([]);
  const smallText = await page.evaluate(() =>
    [...document.querySelectorAll('main *, header *, dialog *')]
      .filter((element) => (element as HTMLElement).offsetParent !== null && !element.closest('.visually-hidden'))
      .filter((element) => [...element.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && node.textContent!.trim() !== ''))
      .map((element) => ({ text: element.textContent!.trim().slice(0, 20), size: parseFloat(getComputedStyle(element).fontSize) }))
      .filter(({ size }) => size < 23.5)
      .map(({ text, size }) => `${text} ${size}px`),
  );
  expect(smallText, `${where}: text under 24 px`).toEqual([]);
}

/** Checks a step: accessible, fitting, large targets; and keeps a screenshot of it. */
function stepChecker(page: Page, testInfo: TestInfo, prefix: string, { vertical = true } = {}) {
  let n = 0;
  return async (step: string) => {
    n += 1;
    await page.screenshot({ path: testInfo.outputPath(`${prefix}-${n}-${step}.png`), animations: 'disabled' });
    await noSeriousAxeViolations(page, step);
    await fitsAndLargeTargets(page, step, { vertical });
  };
}

/** Reads the QR code on screen. */
async function readQrCode(page: Page): Promise<string> {
  const png = PNG.sync.read(await page.getByTestId('ticket-qr').screenshot());
  const code = jsQR(new Uint8ClampedArray(png.data.buffer, png.data.byteOffset, png.data.byteLength), png.width, png.height);
  expect(code, 'a readable QR code').not.toBeNull();
  return code!.data;
}

const FLOWS: { language: Language; viewport: { width: number; height: number }; prefix: string }[] = [
  { language: 'zh-CN', viewport: PORTRAIT, prefix: 'kiosk' },
  { language: 'zh-CN', viewport: LANDSCAPE, prefix: 'kiosk-landscape' },
  { language: 'zh-HK', viewport: PORTRAIT, prefix: 'kiosk-zh-HK' },
  { language: 'zh-HK', viewport: LANDSCAPE, prefix: 'kiosk-zh-HK-landscape' },
  { language: 'en', viewport: PORTRAIT, prefix: 'kiosk-en-portrait' },
  { language: 'en', viewport: LANDSCAPE, prefix: 'kiosk-en' },
];

for (const { language, viewport, prefix } of FLOWS) {
  test(`a 75-year-old registers and takes a number in ${language} at ${viewport.width}×${viewport.height}`, async ({ browser }, testInfo) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ viewport });
    const page = await context.newPage();
    const text = kioskText(language);
    const check = stepChecker(page, testInfo, prefix);
    await openReady(page, `${host.url}/kiosk?lang=${language}`);

    // Attract screen: the hall's welcome, the language choice, "touch to start".
    await expect(page.getByRole('button', { name: text.flow.attract.start })).toBeVisible();
    await expect(page.getByRole('navigation', { name: text.common.language })).toBeVisible();
    await check('attract');
    await startAtKiosk(page, language);

    // What for: the services with their sentence and wait, and "not sure".
    await expect(page.getByRole('button', { name: new RegExp(text.flow.service.notSure) })).toBeVisible();
    await check('service');
    await page.getByTestId('step-service').getByRole('button').nth(2).click(); // C 法律服务

    await expect(page.getByTestId('step-notice')).toContainText(text.flow.notice.kept_other.replace('{{count}}', '3'));
    await check('notice');
    await page.getByRole('button', { name: text.flow.notice.continue }).click();

    // Identity: typed on the keypad, the check character last.
    const id = residentId('19500601');
    await pressKeypad(page, id.slice(0, 10));
    await expect(page.getByTestId('id-feedback')).toHaveText(text.flow.identity.typed_other.replace('{{count}}', '10'));
    await pressKeypad(page, id.slice(10));
    await expect(page.getByTestId('id-feedback')).toContainText(text.flow.identity.kinds.resident);
    await check('identity');
    await page.getByRole('button', { name: text.flow.nav.continue, exact: true }).click();

    // Name: "zhang" → 张, "ming" → 明 from the candidates.
    await expect(page.getByTestId('step-name')).toBeVisible();
    for (const letter of 'zhang') await page.locator(`.simple-keyboard [data-skbtn="${letter}"]`).click();
    const zhang = page.getByTestId('candidates').getByRole('button', { name: '张', exact: true });
    await expect(zhang).toBeVisible();
    await check('name');
    await zhang.click();
    await typeNameWithPinyin(page, 'ming', '明');
    await expect(page.getByRole('textbox', { name: text.flow.name.title })).toHaveValue('张明');
    await page.getByRole('button', { name: text.flow.nav.continue, exact: true }).click();

    // Mobile.
    await pressKeypad(page, '13912345678');
    await expect(page.getByTestId('phone-status')).toContainText(text.flow.phone.ok);
    await check('phone');
    await page.getByRole('button', { name: text.flow.nav.continue, exact: true }).click();

    // Eight came; they elected three representatives (art. 20).
    for (let size = 1; size < 8; size++) await page.getByRole('button', { name: text.flow.party.more }).click();
    await expect(page.getByTestId('party-size')).toHaveText(text.flow.party.people_other.replace('{{count}}', '8'));
    await page.getByRole('button', { name: text.flow.nav.continue, exact: true }).click();
    await expect(page.getByRole('alert').or(page.getByTestId('representatives-status'))).toContainText(text.flow.party.representativesMissing);
    await page.locator('.representatives').getByRole('radio').nth(2).check();
    await check('party');
    await page.getByRole('button', { name: text.flow.nav.continue, exact: true }).click();

    // Priority: offered from the ID's birth date.
    await expect(page.getByTestId('elderly-priority')).toBeVisible();
    await check('priority');
    await page.getByRole('button', { name: text.flow.nav.continue, exact: true }).click();

    // Confirmation: ID and phone masked.
    const summary = page.getByTestId('summary');
    await expect(summary).toContainText('1101**********' + id.slice(-4));
    await expect(summary).toContainText('139****5678');
    await expect(summary).toContainText('张明');
    expect(await page.content()).not.toContain(id);
    await check('confirm');
    await page.getByRole('button', { name: text.flow.confirm.take }).click();

    // The ticket, with a QR code that leads to the ticket's own page.
    await expect(page.getByTestId('ticket-number')).toHaveText(/^C\d{3}$/);
    await expect(page.getByTestId('ticket-priority')).toBeVisible();
    await expect(page.getByTestId('ticket-printing')).toHaveText(text.flow.ticket.remember);
    await expect(page.getByTestId('ticket-windows')).toContainText(text.common.windowNumber.replace('{{number}}', '2'));
    const number = (await page.getByTestId('ticket-number').textContent())!;
    await check('ticket');
    const content = await page.content();
    expect(content).not.toContain(id);
    expect(content).not.toContain('张明');

    const url = await readQrCode(page);
    expect(url).toMatch(new RegExp(`^${host.url}/q/[0-9A-HJKMNP-TV-Z]{26}\\?lang=${language}$`));
    const progress = await context.newPage();
    await openReady(progress, url);
    await expect(progress.getByTestId('progress-number')).toHaveText(number);
    await expect(progress.getByTestId('progress-state')).toHaveText(text.progress.states.waiting);
    await progress.screenshot({ path: testInfo.outputPath(`${prefix}-progress.png`) });
    await noSeriousAxeViolations(progress, 'progress');
    expect(await progress.content()).not.toContain('张明');

    // Done: back to the attract screen.
    await page.getByRole('button', { name: text.kiosk.done }).click();
    await expect(page.getByRole('button', { name: text.flow.attract.start })).toBeVisible();
    await context.close();
  });
}

test('wrong ID numbers each say what is wrong; old numbers and permits pass', async ({ page }, testInfo) => {
  await page.setViewportSize(PORTRAIT);
  await openReady(page, `${host.url}/kiosk`);
  const text = kioskText('zh-CN');
  await startAtKiosk(page);
  await page.getByTestId('step-service').getByRole('button', { name: /投诉建议/ }).click();
  await page.getByRole('button', { name: text.flow.notice.continue }).click();
  const feedback = page.getByTestId('id-feedback');
  const clear = () => page.locator('.keypad').getByRole('button', { name: text.flow.keys.clear }).click();
  const goOn = () => page.getByRole('button', { name: text.flow.nav.continue, exact: true }).click();

  // Still typing: progress only, no error; X waits for the last place.
  await pressKeypad(page, '11010119');
  await expect(feedback).toHaveText('已输入 8 位，共 18 位');
  await expect(feedback).toHaveAttribute('data-tone', 'status');
  await expect(page.locator('.keypad').getByRole('button', { name: 'X', exact: true })).toBeDisabled();

  // Too short, on "continue": how many were typed.
  await pressKeypad(page, '800101123');
  await goOn();
  await expect(feedback).toHaveText('⚠ 位数不对：您输入了 17 位，身份证号码是 18 位（旧号码 15 位）');
  await expect(page.getByTestId('step-identity')).toBeVisible();

  // Wrong check character.
  const good = residentId('19800101');
  await clear();
  await pressKeypad(page, good.slice(0, 17) + (good[17] === '1' ? '2' : '1'));
  await expect(feedback).toHaveText('⚠ 最后一位校验码不对，请核对');
  await expect(feedback).toHaveAttribute('data-tone', 'problem');
  await page.screenshot({ path: testInfo.outputPath('kiosk-identity-problem.png') });
  await noSeriousAxeViolations(page, 'identity with a problem');
  await goOn();
  await expect(page.getByTestId('step-identity')).toBeVisible();

  // An impossible birth date: 31 February 1999.
  await clear();
  await pressKeypad(page, residentId('19990231'));
  await expect(feedback).toHaveText('⚠ 出生日期不对：号码中的 19990231 不是有效的日期，请核对');

  // An area code no province has.
  await clear();
  await pressKeypad(page, residentId('19800101', { area: '000101' }));
  await expect(feedback).toHaveText('⚠ 前两位地区码不对，请核对');

  // A valid old 15-digit number, a Hong Kong residence permit — and typing on a physical keyboard.
  await clear();
  await pressKeypad(page, '110101500601123');
  await expect(feedback).toHaveText('✓ 这是有效的 15 位旧号码。如果您的号码是 18 位，请继续输入。');
  await clear();
  await page.getByLabel('身份证号码', { exact: true }).pressSequentially(residentId('19800101', { area: '810000' }));
  await expect(feedback).toHaveText('✓ 港澳居民居住证（香港）号码正确');
  await page.getByLabel('身份证号码', { exact: true }).press('Enter');
  await expect(page.getByTestId('step-name')).toBeVisible();

  // The name typed on a physical keyboard gets the same candidates; a character is picked with Tab and Enter.
  const name = page.getByRole('textbox', { name: text.flow.name.title });
  await name.pressSequentially('li');
  const candidates = page.getByTestId('candidates').getByRole('button');
  await expect(candidates.nth(1)).toHaveText('理');
  await page.keyboard.press('Tab');
  await expect(candidates.nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(name).toHaveValue('理');
});

test('"I prefer to register at the window": a ticket without any personal data', async ({ page }) => {
  await openReady(page, `${host.url}/kiosk`);
  const text = kioskText('zh-CN');
  await startAtKiosk(page);
  await page.getByTestId('step-service').getByRole('button', { name: /纠纷调解/ }).click();
  await page.getByRole('button', { name: text.flow.notice.atWindow }).click();
  await expect(page.getByTestId('step-party')).toBeVisible();
  await expect(page.getByText('第 3 步 / 共 5 步')).toBeVisible();
  await page.getByRole('button', { name: text.flow.nav.continue, exact: true }).click();
  await expect(page.getByText(text.flow.priority.elderlyAtWindow.replace('{{age}}', '60'))).toBeVisible();
  await page.getByRole('radio', { name: text.flow.priority.reasons.pregnant }).check();
  await page.keyboard.press('Enter');
  const summary = page.getByTestId('summary');
  await expect(summary).toContainText(text.flow.confirm.atWindow);
  await expect(summary).toContainText(text.flow.priority.reasons.pregnant);
  await expect(summary).not.toContainText(text.flow.confirm.idNumber);
  await page.getByRole('button', { name: text.flow.confirm.take }).click();
  await expect(page.getByTestId('ticket-number')).toHaveText(/^B\d{3}$/);

  const number = (await page.getByTestId('ticket-number').textContent())!;
  const ticketId = new URL(await readQrCode(page)).pathname.split('/').pop();
  const registration = await api(host.url, 'clerk', 'visitors.ofTicket', { ticketId }, await signInHeaders(host.url));
  expect(registration.body.value.registration?.visitor ?? null).toBeNull();

  // The clerk sees the party and that the visitor is to be registered at the window.
  const clerk = await (await page.context().browser()!.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  await openClerkDesk(clerk, `${host.url}/clerk`);
  await clerk.getByRole('button', { name: /^1号窗口/ }).click();
  await clerk.getByRole('button', { name: `叫 ${number} 号` }).click();
  await expect(clerk.getByTestId('current-number')).toHaveText(number);
  await expect(clerk.getByTestId('registration-at-window')).toBeVisible();
  await expect(clerk.getByTestId('registration-panel')).toContainText('孕妇');
  await clerk.getByRole('button', { name: '办结' }).click();
});

test('a refusal from the hall is shown in the visitor’s language, on the step that fixes it', async ({ page }) => {
  // Legal services take no more tickets today.
  const info = (await api(host.url, 'admin', 'hall.info', {})).body.value;
  const legal = info.services.find((s: { letter: string }) => s.letter === 'C');
  const { id, letter, name, description, openFrom, openUntil } = legal;
  await api(host.url, 'admin', 'hall.saveService', { id, letter, name, description, openFrom, openUntil, dailyCapacity: 1 });
  await api(host.url, 'kiosk', 'queue.issueTicket', { serviceId: id }); // the day's one ticket (or one more)
  try {
    await openReady(page, `${host.url}/kiosk?lang=en`);
    const text = kioskText('en');
    await startAtKiosk(page, 'en');
    await page.getByTestId('step-service').getByRole('button', { name: /Legal services/ }).click();
    await page.getByRole('button', { name: text.flow.notice.atWindow }).click();
    await page.getByRole('button', { name: text.flow.nav.continue, exact: true }).click();
    await page.getByRole('button', { name: text.flow.nav.continue, exact: true }).click();
    await page.getByRole('button', { name: text.flow.confirm.take }).click();
    // Back on the services, with the reason in English.
    await expect(page.getByTestId('step-service')).toBeVisible();
    await expect(page.getByTestId('server-error')).toContainText('today');
    await noSeriousAxeViolations(page, 'service with a refusal');
  } finally {
    await api(host.url, 'admin', 'hall.saveService', { id, letter, name, description, openFrom, openUntil, dailyCapacity: null });
  }
});

test('left alone, the kiosk warns, then starts over and forgets everything entered', async ({ page }, testInfo) => {
  const settings = (await api(host.url, 'admin', 'hall.info', {})).body.value.kiosk;
  const saved = await api(host.url, 'admin', 'hall.saveKioskSettings', { ...settings, idleSeconds: 20, idleWarningSeconds: 8 });
  expect(saved.status).toBe(200);
  try {
    await page.setViewportSize(PORTRAIT);
    const sent: string[] = [];
    page.on('websocket', (socket) => socket.on('framesent', (frame) => sent.push(String(frame.payload))));
    page.on('request', (request) => sent.push(`${request.url()} ${request.postData() ?? ''}`));
    // The page's own clock, moved by the test: no waiting out the idle time.
    await page.clock.install();
    await openReady(page, `${host.url}/kiosk`);
    const text = kioskText('zh-CN');
    const id = residentId('19640315');

    await startAtKiosk(page);
    await page.getByRole('button', { name: text.flow.largerText }).click();
    await page.getByTestId('step-service').getByRole('button', { name: /法律服务/ }).click();
    await page.getByRole('button', { name: text.flow.notice.continue }).click();
    await pressKeypad(page, id);
    await page.getByRole('button', { name: text.flow.nav.continue, exact: true }).click();
    await typeNameWithPinyin(page, 'zhang', '张');
    await typeNameWithPinyin(page, 'ming', '明');

    // The warning comes; "continue" keeps the visit and what was typed.
    const warning = page.getByTestId('idle-warning');
    await page.clock.runFor(13_000);
    await expect(warning).toBeVisible();
    await expect(warning).toContainText(text.flow.idle.title);
    await page.screenshot({ path: testInfo.outputPath('kiosk-11-idle-warning.png') });
    await noSeriousAxeViolations(page, 'idle warning');
    await warning.getByRole('button', { name: text.flow.idle.continue }).click();
    await expect(warning).toBeHidden();
    await expect(page.getByRole('textbox', { name: text.flow.name.title })).toHaveValue('张明');

    // Left alone again: back to the attract screen, nothing left behind.
    await page.clock.runFor(13_000);
    await expect(warning).toBeVisible();
    await page.clock.runFor(9_000);
    await expect(page.getByRole('button', { name: text.flow.attract.start })).toBeVisible();
    const content = await page.content();
    expect(content).not.toContain(id);
    expect(content).not.toContain(id.slice(6, 14));
    expect(content).not.toContain('张明');
    expect(sent.filter((message) => message.includes(id) || message.includes('张明'))).toEqual([]);
    expect(sent.filter((message) => message.includes('kiosk.takeNumber'))).toEqual([]);
    await expect(page.getByRole('button', { name: text.flow.largerText })).toHaveAttribute('aria-pressed', 'false');

    // The next visitor starts with empty fields.
    await startAtKiosk(page);
    await page.getByTestId('step-service').getByRole('button', { name: /法律服务/ }).click();
    await page.getByRole('button', { name: text.flow.notice.continue }).click();
    await expect(page.getByLabel('身份证号码', { exact: true })).toHaveValue('');
  } finally {
    await api(host.url, 'admin', 'hall.saveKioskSettings', settings);
  }
});

test('the clerk calls a registered visitor and sees the registration, masked; the ticket’s page follows the call', async ({ browser }, testInfo) => {
  const kiosk = await (await browser.newContext({ viewport: LANDSCAPE })).newPage();
  const clerk = await (await browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
  await openReady(kiosk, `${host.url}/kiosk`);
  await openClerkDesk(clerk, `${host.url}/clerk`, '1003');
  const id = residentId('19851224', { sequence: '246' });
  const number = await takeNumberAtKiosk(kiosk, /心理服务/, { idNumber: id, name: 'Li Lei', phone: '13700001111', partySize: 2 });
  expect(number).toMatch(/^D\d{3}$/);
  const progressUrl = await readQrCode(kiosk);

  await clerk.getByRole('button', { name: /^3号窗口/ }).click();
  const row = clerk.getByTestId('waiting-list').getByRole('row', { name: new RegExp(number) });
  await expect(row).toContainText('已登记');
  await clerk.getByRole('button', { name: '叫下一位' }).click();
  await expect(clerk.getByTestId('current-number')).toHaveText(number);
  const panel = clerk.getByTestId('registration-panel');
  await expect(panel.getByTestId('registration-name')).toHaveText('Li Lei');
  await expect(panel).toContainText(`1101**********${id.slice(-4)}`);
  await expect(panel).toContainText('137****1111');
  await expect(panel).toContainText('2 人');
  await expect(panel).toContainText('简体');
  await expect(panel.getByTestId('registration-visits')).toHaveText('首次来访');
  const content = await clerk.content();
  expect(content).not.toContain(id);
  expect(content).not.toContain('13700001111');
  await clerk.screenshot({ path: testInfo.outputPath('clerk-registration.png'), fullPage: true });
  await noSeriousAxeViolations(clerk, 'clerk with a registration');

  // The visitor's phone: the ticket's page says where to go.
  const progress = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await openReady(progress, progressUrl);
  await expect(progress.getByTestId('progress-state')).toHaveText('请到 3 号窗口');
  await progress.screenshot({ path: testInfo.outputPath('kiosk-progress-phone-called.png') });
  expect(await progress.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
  await noSeriousAxeViolations(progress, 'progress when called');
});

test.describe('with an ID-card reader and a ticket printer', () => {
  let equipped: TestHost;
  const reader = new FakeIdCardReader();
  const printer = new FakeTicketPrinter();
  test.beforeAll(async () => {
    equipped = await startTestHost({ idCardReader: reader, ticketPrinter: printer });
  });
  test.afterAll(async () => {
    await equipped?.stop();
  });

  test('the card fills the ID and the name; the ticket is printed', async ({ page }, testInfo) => {
    await page.setViewportSize(LANDSCAPE);
    await openReady(page, `${equipped.url}/kiosk`);
    const text = kioskText('zh-CN');
    await startAtKiosk(page);
    await page.getByTestId('step-service').getByRole('button', { name: /帮扶救助/ }).click();
    await page.getByRole('button', { name: text.flow.notice.continue }).click();

    // No card on the reader yet: said plainly, typing still possible.
    const readCard = page.getByRole('button', { name: text.flow.identity.readCard });
    await readCard.click();
    await expect(page.getByRole('alert')).toContainText('没有读到身份证');
    const id = residentId('19700508', { area: '440305' });
    reader.place({ idNumber: id, name: '王小红' });
    await readCard.click();
    await expect(page.getByLabel('身份证号码', { exact: true })).toHaveValue(`${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`);
    await page.screenshot({ path: testInfo.outputPath('kiosk-identity-card-reader.png') });
    await page.getByRole('button', { name: text.flow.nav.continue, exact: true }).click();
    await expect(page.getByRole('textbox', { name: text.flow.name.title })).toHaveValue('王小红');
    reader.remove();
    await page.getByRole('button', { name: text.flow.nav.continue, exact: true }).click();
    await page.getByRole('button', { name: text.flow.phone.none }).click();
    await page.getByRole('button', { name: text.flow.nav.continue, exact: true }).click();
    await page.getByRole('button', { name: text.flow.nav.continue, exact: true }).click();
    await expect(page.getByTestId('summary')).toContainText(text.flow.confirm.noPhone);
    await page.getByRole('button', { name: text.flow.confirm.take }).click();

    await expect(page.getByTestId('ticket-number')).toHaveText('E001');
    await expect(page.getByTestId('ticket-printing')).toHaveText(text.flow.ticket.takePrinted);
    expect(printer.jobs).toHaveLength(1);
  });
});

test('larger text: everything grows and still fits, in portrait and landscape', async ({ page }, testInfo) => {
  for (const [size, viewport] of [['portrait', PORTRAIT], ['landscape', LANDSCAPE]] as const) {
    await page.setViewportSize(viewport);
    await openReady(page, `${host.url}/kiosk`);
    const text = kioskText('zh-CN');
    await page.getByRole('button', { name: text.flow.largerText }).click();
    await expect(page.getByRole('button', { name: text.flow.largerText })).toHaveAttribute('aria-pressed', 'true');
    const check = stepChecker(page, testInfo, `kiosk-large-${size}`, { vertical: false });
    await startAtKiosk(page);
    await check('service');
    await page.getByTestId('step-service').getByRole('button', { name: /投诉建议/ }).click();
    await page.getByRole('button', { name: text.flow.notice.continue }).click();
    await check('identity');
    await pressKeypad(page, residentId('19900101'));
    await page.getByRole('button', { name: text.flow.nav.continue, exact: true }).click();
    await typeNameWithPinyin(page, 'zhang', '张');
    await check('name');
    // Starting over keeps the visitor's text size; "done" restores it for the next visitor.
    await page.getByRole('button', { name: text.flow.nav.startOver }).click();
    await expect(page.getByRole('button', { name: text.flow.largerText })).toHaveAttribute('aria-pressed', 'true');
    await takeNumberAtKiosk(page, /投诉建议/);
    await page.getByRole('button', { name: text.kiosk.done }).click();
    await expect(page.getByRole('button', { name: text.flow.largerText })).toHaveAttribute('aria-pressed', 'false');
  }
});
