import AxeBuilder from '@axe-core/playwright';
import { chromium, expect, test, type Browser, type Page } from '@playwright/test';
import { createHash, X509Certificate } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Role } from '../../shared/contract';
import { TEST_ADMIN, TEST_CLERK, sessionTokenFor } from '../../electron/core/testing/test-core';
import { siteCertificate, type SiteCertificate } from '../../electron/server/site-certificate';
import { systemChromium } from '../support/browser';
import { startTestHost, type TestHost } from '../support/hall-host';
import { openReady, signInAsAdmin } from '../support/pages';

/**
 * Pairing devices in Chromium (docs/security.md, "Pairing devices").
 *
 * First a hub that requires pairing of every connection (`requirePairing: 'all'`), over
 * HTTPS with a self-signed certificate made as the host makes it: the page in the browser
 * is the device on the LAN. Its browser trusts that one certificate and nothing else —
 * Chromium's `--ignore-certificate-errors-spki-list` pins the hub's public key, as an IT
 * officer trusts the hub on a device after comparing its fingerprint — rather than
 * `ignoreHTTPSErrors`, which would let any certificate through and prove nothing about
 * the real one. The admin acts in-process (the hub's own admin page's calls, signed in).
 *
 * Then the admin's 设备 section on an ordinary loopback host, signed in on its page.
 */
const OUT = fileURLToPath(new URL('../../test-results/devices/', import.meta.url));

const NOT_PAIRED = '这台设备尚未配对，不能连接大厅服务器：请先输入配对码完成配对。';
const NO_LONGER_PAIRED = '这台设备已不再配对（已被停用或配对已失效）：请向管理员索取新的配对码，重新配对。';

async function noSeriousAxeViolations(page: Page, selector?: string) {
  const builder = new AxeBuilder({ page });
  const results = await (selector ? builder.include(selector) : builder).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`)).toEqual([]);
}

/** The SHA-256 of the certificate's public key, base64: what Chromium pins. */
function spkiHash(certificate: SiteCertificate): string {
  const spki = new X509Certificate(certificate.cert).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

test.describe('a display on a hub that requires pairing', () => {
  let certDir: string;
  let certificate: SiteCertificate;
  let host: TestHost;
  let trusting: Browser;

  test.beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    certDir = mkdtempSync(join(tmpdir(), 'hall-devices-tls-'));
    certificate = await siteCertificate(certDir, ['127.0.0.1']);
    // Every page here comes from 127.0.0.1: the guessing below needs more than one address's 5 wrong codes.
    host = await startTestHost({ tls: certificate, requirePairing: 'all', pairingFailuresPerAddress: 100 });
    const executablePath = systemChromium();
    trusting = await chromium.launch({
      ...(executablePath ? { executablePath } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--autoplay-policy=no-user-gesture-required', `--ignore-certificate-errors-spki-list=${spkiHash(certificate)}`],
    });
  });
  test.afterAll(async () => {
    await trusting?.close();
    await host?.stop();
    rmSync(certDir, { recursive: true, force: true });
  });

  /** A call of the hub's own pages, in-process: the admin (signed in as 9001), the clerk (1001) or the kiosk. */
  function hub(role: Role, method: string, params: unknown): any {
    const staffNo = role === 'admin' ? TEST_ADMIN.staffNo : role === 'clerk' ? TEST_CLERK.staffNo : null;
    const bearerToken = staffNo ? sessionTokenFor(host.core, { now: () => Date.now() }, staffNo) : undefined;
    const reply = host.core.dispatch({ id: 1, method, params }, { role, language: 'zh-CN', sessionId: `hub-${role}`, ...(bearerToken ? { bearerToken } : {}) });
    if (!reply.ok) throw new Error(`${method}: ${reply.error.code}`);
    return reply.value;
  }

  test('the hub’s certificate is refused by a browser that does not trust it', async ({ page }) => {
    await expect(page.goto(`${host.url}/pair`)).rejects.toThrow(/ERR_CERT_AUTHORITY_INVALID/);
  });

  test('unpaired it is sent to /pair; a wrong code is refused in words; the right one pairs it and it shows calls live, until revoked; guessing voids the codes', async () => {
    const context = await trusting.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    try {
      // Unpaired: the display's page cannot connect, and says why on /pair.
      await page.goto(`${host.url}/display`);
      await expect(page).toHaveURL(`${host.url}/pair`);
      await expect(page.getByTestId('pair-reason')).toHaveText(`⚠ ${NOT_PAIRED}`);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('配对设备');
      const field = page.getByLabel('配对码（8 位数字）');
      await expect(field).toBeFocused();
      await noSeriousAxeViolations(page);
      await page.screenshot({ path: `${OUT}pair-not-paired.png` });

      const { code } = hub('admin', 'devices.createPairingCode', { kind: 'display', name: '大厅显示屏' });
      const digits: string = code.replace(' ', '');

      // A TV remote: ↓ from the field to the keypad, → along it, OK types the key.
      await page.keyboard.press('ArrowDown');
      const keypad = page.getByRole('group', { name: '配对码数字键' });
      await expect(keypad.getByRole('button', { name: '1', exact: true })).toBeFocused();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowDown');
      await expect(keypad.getByRole('button', { name: '5', exact: true })).toBeFocused();
      await page.keyboard.press('Enter');
      await expect(field).toHaveValue('5');
      await page.keyboard.press('Backspace');
      await expect(field).toHaveValue('');

      // Too short: said so, nothing counted against the codes.
      await field.focus();
      await page.keyboard.type('1234');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('pair-code-status')).toHaveText('⚠ 配对码是 8 位数字：请输入完整的配对码');

      // A wrong code, on the keypad: refused in words.
      const wrong = digits.replace(/\d$/, (digit) => String((Number(digit) + 1) % 10));
      for (const digit of wrong) await keypad.getByRole('button', { name: digit, exact: true }).click();
      await expect(field).toHaveValue(`${wrong.slice(0, 4)} ${wrong.slice(4)}`);
      await page.getByRole('button', { name: '配对', exact: true }).click();
      await expect(page.getByTestId('pair-code-status')).toHaveText('⚠ 配对码不正确或已过期，请核对后重新输入，或请管理员生成新的配对码');
      await expect(field).toHaveValue('');
      await page.screenshot({ path: `${OUT}pair-wrong-code.png` });

      // The right code, on the keyboard: paired, then the display's page opens by itself.
      await field.focus();
      await page.keyboard.type(digits);
      await expect(page.getByTestId('pair-code-status')).toHaveText('✓ 已输入 8 位，请按“配对”');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('pair-done')).toHaveText('✓ 已配对：大厅显示屏（显示屏）');
      await page.screenshot({ path: `${OUT}pair-done.png` });
      await expect(page).toHaveURL(`${host.url}/display`);
      await expect(page.locator('header[data-ready="true"]')).toBeVisible();
      const stored = await page.evaluate(() => JSON.parse(window.localStorage.getItem('hall.device') ?? 'null'));
      expect(stored).toMatchObject({ name: '大厅显示屏', kind: 'display', role: 'display', page: '/display', token: expect.stringMatching(/^[\w-]{43}$/) });

      // Live: a ticket called at a window is on the display at once.
      const info = hub('kiosk', 'hall.info', {});
      const serviceA = info.services.find((service: { letter: string }) => service.letter === 'A').id;
      const window1 = info.windows.find((hallWindow: { number: number }) => hallWindow.number === 1).id;
      hub('kiosk', 'queue.issueTicket', { serviceId: serviceA });
      const { ticket } = hub('clerk', 'queue.callNext', { windowId: window1 });
      await expect(page.getByTestId('latest-call')).toContainText(`请 ${ticket.number} 号到 1 号窗口`);

      // A display opening the kiosk's page is told where its page is, instead of failing calls.
      await page.goto(`${host.url}/kiosk`);
      await expect(page.getByTestId('device-mismatch')).toContainText('这台设备已配对为显示屏“大厅显示屏”，只能打开显示屏的页面 /display。');
      await noSeriousAxeViolations(page);
      await page.screenshot({ path: `${OUT}device-mismatch.png` });
      await page.getByRole('link', { name: '打开 /display' }).click();
      await expect(page.locator('header[data-ready="true"]')).toBeVisible();

      // The admin sees it, seen just now, paired by the admin's code.
      const [device] = hub('admin', 'devices.list', {}).devices;
      expect(device).toMatchObject({ name: '大厅显示屏', kind: 'display', revokedAt: null, lastSeenAt: expect.any(Number), pairedBy: { staffNo: TEST_ADMIN.staffNo } });

      // Revoked: its open connection is closed, and the page goes to /pair at once, saying so.
      hub('admin', 'devices.revoke', { deviceId: device.id });
      await expect(page).toHaveURL(`${host.url}/pair`, { timeout: 3_000 });
      await expect(page.getByTestId('pair-reason')).toHaveText(`⚠ ${NO_LONGER_PAIRED}`);
      expect(await page.evaluate(() => window.localStorage.getItem('hall.device'))).toBeNull();
      await page.screenshot({ path: `${OUT}pair-revoked.png` });

      // The token is gone: the display's page is an unpaired device's again.
      await page.goto(`${host.url}/display`);
      await expect(page).toHaveURL(`${host.url}/pair`);
      await expect(page.getByTestId('pair-reason')).toHaveText(`⚠ ${NOT_PAIRED}`);

      // Guessing: the tenth wrong code in a row voids every open code, and the page says so.
      const open = hub('admin', 'devices.createPairingCode', { kind: 'kiosk', name: '取号机 1' }).code.replace(' ', '');
      const guess = open.replace(/^\d/, (digit: string) => String((Number(digit) + 1) % 10));
      for (let attempt = 1; attempt <= 10; attempt++) {
        await field.fill(guess);
        await page.keyboard.press('Enter');
        await expect(field).toHaveValue('');
      }
      await expect(page.getByTestId('pair-code-status')).toHaveText('⚠ 配对码连续输错次数过多，所有未使用的配对码已作废：请管理员生成新的配对码');
      await field.fill(open);
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('pair-code-status')).toHaveText('⚠ 配对码不正确或已过期，请核对后重新输入，或请管理员生成新的配对码');
    } finally {
      await context.close();
    }
  });
});

test.describe('the admin’s devices section', () => {
  let host: TestHost;
  test.beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    host = await startTestHost();
  });
  test.afterAll(async () => {
    await host?.stop();
  });

  test('makes a code shown in large digits with its countdown and address, lists the paired device, revokes it after a confirmation', async ({ page, browser }) => {
    await page.setViewportSize({ width: 1400, height: 1000 });
    await page.clock.install();
    await openReady(page, `${host.url}/admin`);
    await signInAsAdmin(page, TEST_ADMIN.staffNo);
    const section = page.getByRole('region', { name: '设备', exact: true });
    await section.scrollIntoViewIfNeeded();
    await expect(section).toContainText('还没有配对的设备。');

    // 添加设备: the kind and a name.
    await section.getByRole('button', { name: '添加设备' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByRole('radio')).toHaveCount(5);
    await expect(dialog.getByRole('radio', { name: /^取号机/ })).toBeChecked();
    await dialog.getByRole('radio', { name: /^显示屏/ }).check();
    await dialog.getByLabel('名称').fill('大厅显示屏');
    await noSeriousAxeViolations(page, 'dialog');
    await dialog.getByRole('button', { name: '生成配对码' }).click();

    // The code, very large; the time it has left; where to open /pair.
    await expect(dialog.getByRole('heading')).toHaveText('“大厅显示屏”的配对码');
    const shownCode = dialog.getByTestId('pairing-code');
    await expect(shownCode).toHaveText(/^\d{4} \d{4}$/);
    const fontSize = await shownCode.evaluate((element) => parseFloat(getComputedStyle(element).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(72);
    await expect(dialog.getByTestId('pairing-countdown')).toHaveText(/^剩余有效时间 (10:00|9:5\d)$/);
    await expect(dialog.getByTestId('pairing-address')).toHaveText(`${host.url}/pair`);
    await expect(dialog).toContainText('在显示屏的浏览器中打开以下地址，输入配对码：');
    await expect(dialog).toContainText('这是本机的地址，只能在本机上使用。');
    await noSeriousAxeViolations(page, 'dialog');
    await page.screenshot({ path: `${OUT}admin-pairing-code.png` });

    // Left ten minutes, it has expired; a new one is a press away.
    const code = (await shownCode.textContent())!;
    await page.clock.fastForward('10:01');
    await expect(dialog.getByTestId('pairing-expired')).toHaveText('⚠ 配对码已过期：请重新生成');
    await page.clock.setSystemTime(Date.now());
    await dialog.getByRole('button', { name: '重新生成配对码' }).click();
    await expect(shownCode).not.toHaveText(code);
    await expect(dialog.getByTestId('pairing-countdown')).toBeVisible();
    const newCode = (await shownCode.textContent())!;

    // The device pairs on its /pair page (a browser of its own): the dialog says so.
    const deviceContext = await browser.newContext({ locale: 'zh-CN' });
    const device = await deviceContext.newPage();
    await device.goto(`${host.url}/pair`);
    await device.getByLabel('配对码（8 位数字）').fill(newCode);
    await device.getByRole('button', { name: '配对', exact: true }).click();
    await expect(device.getByTestId('pair-done')).toHaveText('✓ 已配对：大厅显示屏（显示屏）');
    await expect(device).toHaveURL(`${host.url}/display`);
    const token: string = await device.evaluate(() => JSON.parse(window.localStorage.getItem('hall.device')!).token);
    await deviceContext.close();
    await page.clock.runFor(2_500);
    await expect(dialog.getByTestId('pairing-paired')).toHaveText('✓ 已配对：大厅显示屏（显示屏）');
    await dialog.getByRole('button', { name: '关闭' }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);

    // The list: name, kind in words, paired when and by whom, not seen since, active.
    const row = section.getByRole('row', { name: /^大厅显示屏/ });
    await expect(row).toContainText('显示屏');
    await expect(row).toContainText('由 刘芳（工号 9001）生成配对码');
    await expect(row.getByTestId('device-last-seen')).toHaveText('配对后尚未连接');
    await expect(row.getByTestId('device-state')).toHaveText('✓在用');
    await noSeriousAxeViolations(page, 'section[aria-labelledby="devices-heading"]');
    await section.screenshot({ path: `${OUT}admin-devices.png` });

    // 停用, confirmed by name.
    await row.getByRole('button', { name: '停用 大厅显示屏' }).click();
    const confirm = page.getByRole('dialog');
    await expect(confirm.getByRole('heading')).toHaveText('停用“大厅显示屏”？');
    await expect(confirm).toContainText('停用后它将立即断开，需重新配对才能使用。');
    await noSeriousAxeViolations(page, 'dialog');
    await confirm.getByRole('button', { name: '停用', exact: true }).click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(section.getByRole('status')).toHaveText('已停用“大厅显示屏”');
    await expect(row.getByTestId('device-state')).toHaveText('✕已停用');
    await expect(row.getByRole('button', { name: /停用/ })).toHaveCount(0);
    await section.screenshot({ path: `${OUT}admin-devices-revoked.png` });

    // The hub agrees: its token is refused.
    const devices = host.core.devices.list();
    expect(devices).toMatchObject([{ name: '大厅显示屏', revokedAt: expect.any(Number) }]);
    expect(host.core.devices.authenticate(token)).toBeNull();
  });
});
