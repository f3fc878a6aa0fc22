import { expect, type Page } from '@playwright/test';

/** Signs in to the console with a demo user (password = username) and waits until it is live. */
export async function loginConsole(page: Page, url: string, username: string): Promise<void> {
  await page.goto(url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(username);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'online', { timeout: 15_000 });
}
