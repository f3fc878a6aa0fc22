/**
 * Safety timers in the browser, on the hub clock: a BOA busy longer than the limit gets "Alles in orde?" on the
 * field page; unanswered, the dispatcher's console shows the check_in_missed alert (amber); one tap on
 * "Alles in orde" on the field page clears it on the console.
 */
import { expect, test } from '@playwright/test';
import { startTestHub, type TestHub } from '../support/hub';

let t: TestHub;
let offsetMs = 0;
test.beforeAll(async () => {
  t = await startTestHub({ demo: true, clock: () => new Date(Date.now() + offsetMs) });
});
test.afterAll(async () => {
  await t?.stop();
});

test('field "Alles in orde?" after the limit; unanswered it alerts the console; the tap clears it', async ({ browser }) => {
  // Two browsers and a field sign-in on a busy machine.
  test.setTimeout(120_000);
  const consoleContext = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const fieldContext = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true });
  try {
    const desk = await consoleContext.newPage();
    await desk.goto(t.hub.url);
    await desk.getByTestId('login-username').fill('centralist');
    await desk.getByTestId('login-password').fill('centralist');
    await desk.getByTestId('login-submit').click();
    await expect(desk.getByTestId('connection-status')).toHaveAttribute('data-state', 'online', { timeout: 10_000 });

    const field = await fieldContext.newPage();
    await field.goto(`${t.hub.url}/field`);
    await field.getByTestId('field-login-username').fill('boa1');
    await field.getByTestId('field-login-password').fill('boa1');
    await field.getByTestId('field-login-submit').click();
    await expect(field.getByTestId('field-connection')).toHaveAttribute('data-state', 'online', { timeout: 10_000 });
    await expect(field.getByTestId('field-status-buttons')).toBeVisible();
    if (await field.getByTestId('field-status-beschikbaar').isVisible()) {
      await field.getByTestId('field-status-beschikbaar').click();
      await expect(field.getByTestId('field-status-bezet')).toBeVisible();
    }
    await field.getByTestId('field-status-bezet').click();
    await expect(field.getByTestId('field-status-buttons')).toHaveAttribute('data-pending', 'false');
    await expect(field.getByTestId('field-check-in')).toHaveCount(0);

    // 21 minutes later on the hub's clock: the request.
    offsetMs += 21 * 60_000;
    await t.hub.safety.sweep();
    const card = field.getByTestId('field-check-in');
    await expect(card).toBeVisible();
    await expect(card).toContainText('Alles in orde?');

    // Two more minutes without an answer: the alert on the console, amber.
    offsetMs += 2 * 60_000;
    await t.hub.safety.sweep();
    const alert = desk.locator('[data-testid="alert-item"][data-kind="check_in_missed"]', { hasText: 'HH-11' });
    await expect(alert).toBeVisible();
    await expect(alert).toHaveClass(/alert-level-amber/);

    await field.getByTestId('field-check-in-ok').click();
    await expect(card).toHaveCount(0);
    await expect(alert).toHaveCount(0);
  } finally {
    await fieldContext.close();
    await consoleContext.close();
  }
});
