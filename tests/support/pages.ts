import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from '../../electron/core/hall/demo-seed';

/** Opens a page and waits until it is connected and has loaded the hall: pushes from now on reach it. */
export async function openReady(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('header[data-ready="true"]')).toBeVisible();
}

/** Signs in on the desk's sign-in form (whatever the page's language) and waits for the workspace. */
export async function signInAtDesk(page: Page, staffNo = '1001', password = DEMO_PASSWORD): Promise<void> {
  const form = page.locator('.sign-in form');
  await form.locator('input[name="staffNo"]').fill(staffNo);
  await form.locator('input[name="password"]').fill(password);
  await form.locator('button[type="submit"]').click();
  await expect(page.getByTestId('signed-in')).toContainText(staffNo);
}

/** Opens the clerk's desk (`/clerk…`) and signs in as a demo clerk: 1001 王丽 unless told otherwise. */
export async function openClerkDesk(page: Page, url: string, staffNo = '1001'): Promise<void> {
  await openReady(page, url);
  await signInAtDesk(page, staffNo);
}

/** Signs in on the admin page's sign-in form as an administrator (the demo's, 9001 刘芳, unless told) and waits for the hall's sections. */
export async function signInAsAdmin(page: Page, staffNo = '9001', password = DEMO_PASSWORD): Promise<void> {
  await signInAtDesk(page, staffNo, password);
  await expect(page.locator('main .role-links')).toBeVisible();
}

/** Opens the admin page (`/admin`) and signs in as an administrator: the demo's 9001 刘芳 unless told otherwise. */
export async function openAdminPage(page: Page, url: string, staffNo = '9001', password = DEMO_PASSWORD): Promise<void> {
  await openReady(page, url);
  await signInAsAdmin(page, staffNo, password);
}
