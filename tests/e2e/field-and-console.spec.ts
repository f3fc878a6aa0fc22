/**
 * Field and console side by side: the emergency button on a BOA's field page (a long press) raises the
 * alert on the dispatcher's console page, with the unit's position; acknowledging it there clears it.
 */
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { startTestHub, type TestHub } from '../support/hub';

let t: TestHub;
test.beforeAll(async () => {
  t = await startTestHub({ demo: true });
});
test.afterAll(async () => {
  await t?.stop();
});

test('a long press on the field page alerts the console page; the dispatcher acknowledges it', async ({ browser }) => {
  const consoleContext = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const fieldContext = await browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    geolocation: { latitude: 52.0799, longitude: 4.3113 },
    permissions: ['geolocation'],
  });
  try {
    const desk = await consoleContext.newPage();
    await desk.goto(t.hub.url);
    await desk.getByTestId('login-username').fill('centralist');
    await desk.getByTestId('login-password').fill('centralist');
    await desk.getByTestId('login-submit').click();
    await expect(desk.getByTestId('connection-status')).toHaveAttribute('data-state', 'online', { timeout: 30_000 });

    const field = await fieldContext.newPage();
    await field.goto(`${t.hub.url}/field`);
    await field.getByTestId('field-login-username').fill('boa1');
    await field.getByTestId('field-login-password').fill('boa1');
    await field.getByTestId('field-login-submit').click();
    await expect(field.getByTestId('field-connection')).toHaveAttribute('data-state', 'online', { timeout: 30_000 });

    const button = field.getByTestId('field-emergency');
    await button.scrollIntoViewIfNeeded();
    const box = await button.boundingBox();
    if (!box) throw new Error('emergency button not visible');
    await field.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await field.mouse.down();
    await field.waitForTimeout(1_800);
    await field.mouse.up();
    await expect(field.getByTestId('field-emergency-status')).toHaveAttribute('data-state', 'sent');

    // One place on the console: the emergency panel, not a second row in the alert banner.
    const alert = desk.locator('[data-testid="emergency-item"]').filter({ hasText: 'HH-11' });
    // The panel reads the emergency once its event is in: on a loaded machine that takes a while.
    await expect(alert).toBeVisible({ timeout: 20_000 });
    await expect(desk.locator('[data-testid="alert-item"][data-kind="emergency"]')).toHaveCount(0);
    mkdirSync('tests/e2e/artifacts', { recursive: true });
    await desk.screenshot({ path: 'tests/e2e/artifacts/field-and-console.png' });
    await alert.getByTestId('emergency-ack').click();
    await expect(alert).toHaveAttribute('data-acked', 'true', { timeout: 20_000 });
    await expect(field.getByTestId('field-emergency-status')).toHaveAttribute('data-state', 'seen', { timeout: 20_000 });
  } finally {
    await fieldContext.close();
    await consoleContext.close();
  }
});
