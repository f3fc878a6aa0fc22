import { expect, type Page } from '@playwright/test';

/**
 * Signs in to the console with a demo user (password = username) and waits until it is live. The shift lead's console
 * opens on the live overview (README "Overzicht"): it is closed here, as the shift lead does with Esc, so a spec works
 * with the queue and map behind it; `{ keepOverview: true }` leaves it open.
 */
export async function loginConsole(page: Page, url: string, username: string, options: { keepOverview?: boolean } = {}): Promise<void> {
  await page.goto(url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(username);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'online', { timeout: 15_000 });
  if (username === 'chef' && !options.keepOverview) {
    await page.getByTestId('overview-close').click({ timeout: 30_000 });
    await expect(page.getByTestId('overview')).toHaveCount(0);
  }
}

/**
 * Chooses a header tool by its test id (overview-open, kpi-open, shift-report-open, hotspots-open, access-log-open,
 * totp-open, …): the shift lead has them in the header's "Dienstchef" menu, every other role as buttons.
 */
export async function openHeaderTool(page: Page, testId: string): Promise<void> {
  const menu = page.getByTestId('shift-lead-menu');
  if ((await menu.count()) > 0 && (await menu.getAttribute('aria-expanded')) !== 'true') await menu.click();
  await page.getByTestId(testId).click();
}
