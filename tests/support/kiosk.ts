import { expect, type Page } from '@playwright/test';
import { i18nResources } from '../../shared/i18n';
import type { Language } from '../../shared/domain/languages';
import { checkCharacter } from '../../shared/domain/resident-id';

/**
 * Driving the kiosk's flow from tests. Labels come from the locale files, so the same
 * steps work in every language.
 */
export function kioskText(language: Language = 'zh-CN') {
  const { kiosk, kioskFlow, ticketProgress, common, clerk } = i18nResources[language].translation;
  return { kiosk, flow: kioskFlow, progress: ticketProgress, common, clerk };
}

/** A valid 18-digit resident ID number: area, birth date (YYYYMMDD), sequence, and its check character. */
export function residentId(birthDate: string, { area = '110101', sequence = '123' } = {}): string {
  const first17 = `${area}${birthDate}${sequence}`;
  return first17 + checkCharacter(first17);
}

export interface KioskVisit {
  language?: Language;
  /** Register with an ID number (else "I prefer to register at the window"). */
  idNumber?: string;
  /** Typed on the on-screen keyboard in Latin mode (pinyin names: see typeNameWithPinyin). */
  name?: string;
  phone?: string | null;
  partySize?: number;
  representatives?: number;
}

/** From the attract screen (or a ticket still on screen) to the list of services. */
export async function startAtKiosk(page: Page, language: Language = 'zh-CN'): Promise<void> {
  const text = kioskText(language);
  if (await page.getByTestId('step-service').isVisible()) return;
  const done = page.getByRole('button', { name: text.kiosk.done, exact: true });
  if (await done.isVisible()) await done.click();
  await page.getByRole('button', { name: text.flow.attract.start }).click();
  await expect(page.getByTestId('step-service')).toBeVisible();
}

export async function pressKeypad(page: Page, keys: string): Promise<void> {
  const keypad = page.locator('.keypad');
  for (const key of keys) await keypad.getByRole('button', { name: key, exact: true }).click();
}

/** Types pinyin on the on-screen keyboard and picks a character from the candidates. */
export async function typeNameWithPinyin(page: Page, pinyin: string, character: string): Promise<void> {
  for (const letter of pinyin) await page.locator(`.simple-keyboard [data-skbtn="${letter}"]`).click();
  await page.getByTestId('candidates').getByRole('button', { name: character, exact: true }).click();
}

/** Types a name in Latin letters on the on-screen keyboard (capitals through shift). */
export async function typeLatinName(page: Page, name: string, language: Language = 'zh-CN'): Promise<void> {
  const keyboard = page.locator('.simple-keyboard');
  const text = kioskText(language);
  await keyboard.getByRole('button', { name: text.flow.keys.latin }).click();
  for (const char of name) {
    if (char === ' ') await keyboard.locator('[data-skbtn="{space}"]').click();
    else if (/[A-Z]/.test(char)) {
      await keyboard.locator('[data-skbtn="{shift}"]').click();
      await keyboard.locator(`[data-skbtn="${char}"]`).click();
      await keyboard.locator('[data-skbtn="{shift}"]').click();
    } else await keyboard.locator(`[data-skbtn="${char}"]`).click();
  }
}

async function continueStep(page: Page, language: Language) {
  await page.getByRole('button', { name: kioskText(language).flow.nav.continue, exact: true }).click();
}

/**
 * Takes a number for a service the quickest way: service → "register at the window"
 * (or the ID, name and phone when given) → party → priority → confirm. Returns the
 * ticket's number as shown.
 */
export async function takeNumberAtKiosk(page: Page, serviceName: string | RegExp, visit: KioskVisit = {}): Promise<string> {
  const language = visit.language ?? 'zh-CN';
  const text = kioskText(language);
  await startAtKiosk(page, language);
  await page.getByTestId('step-service').getByRole('button', { name: serviceName }).first().click();

  if (visit.idNumber) {
    await page.getByRole('button', { name: text.flow.notice.continue }).click();
    await pressKeypad(page, visit.idNumber);
    await continueStep(page, language);
    await expect(page.getByTestId('step-name')).toBeVisible();
    await typeLatinName(page, visit.name ?? 'Test Visitor', language);
    await continueStep(page, language);
    if (visit.phone === null) await page.getByRole('button', { name: text.flow.phone.none }).click();
    else {
      await pressKeypad(page, visit.phone ?? '13800138000');
      await continueStep(page, language);
    }
  } else {
    await page.getByRole('button', { name: text.flow.notice.atWindow }).click();
  }

  await expect(page.getByTestId('step-party')).toBeVisible();
  for (let size = 1; size < (visit.partySize ?? 1); size++) await page.getByRole('button', { name: text.flow.party.more }).click();
  if (visit.representatives) await page.locator('.representatives').getByRole('radio').nth(visit.representatives - 1).check();
  await continueStep(page, language);
  // The priority step shows only where the hall honours declared priority.
  await expect(page.getByTestId('step-priority').or(page.getByTestId('step-confirm'))).toBeVisible();
  if (await page.getByTestId('step-priority').isVisible()) await continueStep(page, language);
  await expect(page.getByTestId('step-confirm')).toBeVisible();
  await page.getByRole('button', { name: text.flow.confirm.take }).click();
  const number = page.getByTestId('ticket-number');
  await expect(number).toBeVisible();
  return (await number.textContent()) ?? '';
}
