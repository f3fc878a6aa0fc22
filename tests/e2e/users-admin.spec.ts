/**
 * Issue 10, point 15 in the browser: the admin creates a user (a weak password refused with a Dutch message,
 * then a good one), the new user signs in, the admin deactivates them and their open console is signed out;
 * a console left alone locks its screen (the browser's clock moved forward) and the password unlocks it, with
 * the console still there underneath; a shift lead links an authenticator app and is then asked for its code.
 *
 * A real hub (SQLite, demo data) runs in-process; the consoles run in Debian's Chromium.
 */
import { expect, type Page, test } from '@playwright/test';
import { totpCode, totpStep } from '../../server/auth/totp';
import { loginConsole, openHeaderTool } from '../support/console-page';
import { startTestHub, type TestHub } from '../support/hub';

test.use({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });

const PASSWORD = 'Fietsbel-Lange-Voorhout-17';
let hub: TestHub;

test.beforeAll(async () => {
  hub = await startTestHub({ demo: true, config: { consoleIdleLockMinutes: 15 } });
});
test.afterAll(async () => {
  await hub?.stop();
});

async function signIn(page: Page, username: string, password: string): Promise<void> {
  await page.goto(hub.hub.url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'online', { timeout: 15_000 });
}

test('the admin creates a user (a weak password refused in Dutch), the user signs in, deactivation signs their console out', async ({ page, browser }) => {
  await loginConsole(page, hub.hub.url, 'admin');
  const panel = page.getByTestId('users-panel');
  await expect(panel.locator('[data-testid="user-row"][data-username="chef"]')).toBeVisible();

  const form = panel.getByTestId('new-user-form');
  await form.getByTestId('new-user-username').fill('mjansen');
  await form.getByTestId('new-user-name').fill('Marieke Jansen');
  await form.getByTestId('new-user-role').selectOption('dispatcher');
  await form.getByTestId('new-user-password').fill('welkom2026');
  await form.getByTestId('new-user-submit').click();
  await expect(form.getByTestId('field-error-password')).toHaveText('Het wachtwoord moet minstens 12 tekens lang zijn');
  await form.getByTestId('new-user-password').fill('Welkom2026!!!');
  await form.getByTestId('new-user-submit').click();
  await expect(form.getByTestId('field-error-password')).toContainText('veelgebruikte wachtwoorden');
  await expect(panel.locator('[data-testid="user-row"][data-username="mjansen"]')).toHaveCount(0);

  await form.getByTestId('new-user-password').fill(PASSWORD);
  await form.getByTestId('new-user-submit').click();
  await expect(panel.getByTestId('users-notice')).toHaveText('Gebruiker mjansen is aangemaakt.');
  const row = panel.locator('[data-testid="user-row"][data-username="mjansen"]');
  await expect(row.getByTestId('user-status')).toContainText('actief');
  await page.screenshot({ path: 'tests/e2e/artifacts/users-admin.png' });

  const desk = await (await browser.newContext()).newPage();
  await signIn(desk, 'mjansen', PASSWORD);
  await expect(desk.getByTestId('current-user')).toContainText('Marieke Jansen');

  await row.getByTestId('user-deactivate').click();
  await expect(row).toHaveAttribute('data-active', 'false');
  await expect(row.getByTestId('user-status')).toContainText('gedeactiveerd');
  // Their console hears the hub end the session and returns to the login screen.
  await expect(desk.getByTestId('login-form')).toBeVisible({ timeout: 15_000 });
  await desk.getByTestId('login-username').fill('mjansen');
  await desk.getByTestId('login-password').fill(PASSWORD);
  await desk.getByTestId('login-submit').click();
  await expect(desk.getByTestId('login-error')).toBeVisible();
});

test('a console left alone for 15 minutes locks; a wrong password is refused, the right one unlocks the console as it was', async ({ page }) => {
  await page.clock.install();
  await loginConsole(page, hub.hub.url, 'centralist');
  await expect(page.getByTestId('idle-lock')).toHaveCount(0);
  const queueRows = await page.getByTestId('queue-row').count();
  expect(queueRows).toBeGreaterThan(0);

  await page.clock.fastForward('10:00');
  await expect(page.getByTestId('idle-lock')).toHaveCount(0);
  await page.clock.fastForward('05:10');
  const lock = page.getByTestId('idle-lock');
  await expect(lock).toBeVisible();
  await expect(lock).toContainText('Console vergrendeld');
  await page.screenshot({ path: 'tests/e2e/artifacts/idle-lock.png' });

  await lock.getByTestId('unlock-password').fill('verkeerd');
  await lock.getByTestId('unlock-submit').click();
  await expect(lock.getByTestId('field-error-unlock-password')).toHaveText('Verkeerd wachtwoord');
  await lock.getByTestId('unlock-password').fill('centralist');
  await lock.getByTestId('unlock-submit').click();
  await expect(lock).toHaveCount(0);
  await expect(page.getByTestId('queue-row')).toHaveCount(queueRows);
  await expect(page.getByTestId('current-user')).toContainText('Sanne de Vries');
});

test('a shift lead links an authenticator app; signing in then asks for its code', async ({ page }) => {
  await loginConsole(page, hub.hub.url, 'chef');
  await openHeaderTool(page, 'totp-open');
  const dialog = page.getByTestId('totp-dialog');
  await dialog.getByTestId('totp-start').click();
  await expect(dialog.getByTestId('totp-qr')).toBeVisible();
  const secret = (await dialog.getByTestId('totp-secret').textContent()) ?? '';
  await dialog.getByTestId('totp-code').fill('000000');
  await dialog.getByTestId('totp-confirm').click();
  await expect(dialog.getByTestId('field-error-code')).toContainText('klopt niet');
  await dialog.getByTestId('totp-code').fill(totpCode(secret, totpStep(new Date())));
  await dialog.getByTestId('totp-confirm').click();
  await expect(dialog.getByTestId('totp-enabled')).toHaveText('De tweede factor staat aan.');
  await dialog.getByTestId('totp-close').click();
  await page.getByTestId('logout').click();

  await page.getByTestId('login-username').fill('chef');
  await page.getByTestId('login-password').fill('chef');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-totp')).toBeVisible();
  // The code of the next 30-second step: the confirming code's step is used up.
  await page.getByTestId('login-totp').fill(totpCode(secret, totpStep(new Date()) + 1));
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'online', { timeout: 15_000 });
});
