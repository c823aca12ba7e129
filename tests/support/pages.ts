import { expect, type Page } from '@playwright/test';

/** Opens a page and waits until it is connected and has loaded the hall: pushes from now on reach it. */
export async function openReady(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await expect(page.locator('header[data-ready="true"]')).toBeVisible();
}
