/**
 * Issue 10, point 3 in the browser: the shift lead sees who is being tried at sign-in and lifts a block.
 * A real hub (SQLite, demo data) in-process; the wrong passwords come from another local address.
 */
import { expect, test } from '@playwright/test';
import { loginConsole, openHeaderTool } from '../support/console-page';
import { jsonFrom } from '../support/from-address';
import { startTestHub, type TestHub } from '../support/hub';

test.use({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });

let hub: TestHub;

test.beforeAll(async () => {
  hub = await startTestHub({ demo: true });
});
test.afterAll(async () => {
  await hub?.stop();
});

const signIn = (password: string) => jsonFrom('127.0.0.2', `${hub.hub.url}/api/auth/login`, 'POST', { username: 'boa1', password });

test('the shift lead sees boa1 blocked on 127.0.0.2 and lifts the block; boa1 signs in from there again', async ({ page }) => {
  for (let i = 0; i < 5; i++) expect((await signIn('geraden')).status).toBe(401);
  expect((await signIn('boa1')).status).toBe(429);

  await loginConsole(page, hub.hub.url, 'chef');
  await openHeaderTool(page, 'throttles-open');
  const panel = page.getByTestId('throttles-panel');
  const pair = panel.locator('[data-testid="throttle-row"][data-scope="login_pair"]');
  await expect(pair).toHaveCount(1);
  await expect(pair).toContainText('boa1');
  await expect(pair).toContainText('127.0.0.2');
  await expect(pair.getByTestId('throttle-misses')).toHaveText('5');
  await expect(pair).toHaveAttribute('data-restricted', 'true');
  await expect(panel).not.toContainText('geraden');

  await pair.getByTestId('throttle-unblock').click();
  await expect(pair).toHaveAttribute('data-restricted', 'false');
  await expect(pair.getByTestId('throttle-misses')).toHaveText('0');
  await expect(pair.getByTestId('throttle-unblock')).toHaveCount(0);
  expect((await signIn('boa1')).status).toBe(200);
});

test('the admin finds the same panel among the back-office tools', async ({ page }) => {
  for (let i = 0; i < 5; i++) expect((await signIn('nogmaals-fout')).status).toBe(401);
  await loginConsole(page, hub.hub.url, 'admin');
  await page.getByTestId('backoffice-throttles').click();
  const pair = page.getByTestId('throttles-panel').locator('[data-testid="throttle-row"][data-scope="login_pair"]');
  await expect(pair).toContainText('boa1');
  await expect(pair).toHaveAttribute('data-restricted', 'true');
  await expect(page.getByTestId('throttles-close')).toHaveCount(0);
});
