/**
 * An emergency from long press to end, field page and console page side by side: the BOA holds NOODKNOP,
 * the unit is 'noodgeval' on the units board and the console shows the emergency on top with its nearest
 * address; the field says "Noodmelding verstuurd" until the dispatcher acknowledges, then that the control
 * room has seen it; the dispatcher ends it with a note and a return status, and the unit is back in that status.
 */
import { mkdirSync } from 'node:fs';
import { expect as baseExpect, test } from '@playwright/test';
import { startTestHub, type TestHub } from '../support/hub';

/** A loaded machine (several hubs and browsers at once) may take seconds per step; nothing here is timed. */
const expect = baseExpect.configure({ timeout: 20_000 });

let t: TestHub;
test.beforeAll(async () => {
  t = await startTestHub({ demo: true });
});
test.afterAll(async () => {
  await t?.stop();
});

test('long press → noodgeval on top with its address → acknowledged → ended with a note → back to the chosen status', async ({ browser }) => {
  test.setTimeout(180_000);
  const consoleContext = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  const fieldContext = await browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    // Lange Voorhout 34 in the demo address file.
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

    // ---- long press ----
    const button = field.getByTestId('field-emergency');
    await button.scrollIntoViewIfNeeded();
    const box = await button.boundingBox();
    if (!box) throw new Error('emergency button not visible');
    await field.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await field.mouse.down();
    await field.waitForTimeout(1_800);
    await field.mouse.up();
    const fieldStatus = field.getByTestId('field-emergency-status');
    await expect(fieldStatus).toHaveAttribute('data-state', 'sent');
    await expect(fieldStatus).toContainText('Noodmelding verstuurd');
    await expect(fieldStatus).not.toContainText('heeft uw noodmelding gezien');
    await expect(field.getByTestId('field-unit-status')).toHaveAttribute('data-status', 'noodgeval');

    // ---- the console: on top, with the address; the unit is 'noodgeval' on the board ----
    const item = desk.locator('[data-testid="emergency-item"]').filter({ hasText: 'HH-11' });
    await expect(item).toBeVisible();
    await expect(item.getByTestId('emergency-title')).toContainText('NOODGEVAL HH-11');
    await expect(item.getByTestId('emergency-address')).toContainText('Lange Voorhout', { timeout: 10_000 });
    await expect(item).toHaveAttribute('data-acked', 'false');
    const panelBox = await desk.getByTestId('emergency-panel').boundingBox();
    const queueBox = await desk.getByTestId('queue-list').boundingBox().catch(() => null);
    if (panelBox && queueBox) expect(panelBox.y).toBeLessThan(queueBox.y);
    const row = desk.locator('[data-testid="unit-row"]').filter({ hasText: 'HH-11' });
    await expect(row).toHaveAttribute('data-status', 'noodgeval');
    mkdirSync('tests/e2e/artifacts', { recursive: true });
    await desk.screenshot({ path: 'tests/e2e/artifacts/emergency-console.png' });

    // ---- acknowledge: the field hears the control room has seen it ----
    await item.getByTestId('emergency-ack').click();
    await expect(item).toHaveAttribute('data-acked', 'true');
    await expect(fieldStatus).toHaveAttribute('data-state', 'seen');
    await expect(fieldStatus).toContainText('De meldkamer heeft uw noodmelding gezien');
    await field.screenshot({ path: 'tests/e2e/artifacts/emergency-field-seen.png' });

    // ---- end: the note is required, then the chosen status ----
    await item.getByTestId('emergency-end').click();
    const form = item.getByTestId('emergency-end-form');
    await form.getByTestId('emergency-end-status').selectOption('pauze');
    await form.getByTestId('emergency-end-submit').click();
    await expect(form.getByRole('alert')).toContainText('notitie');
    await expect(row).toHaveAttribute('data-status', 'noodgeval');
    await form.getByTestId('emergency-end-note').fill('Collega ongedeerd, even pauze na het incident');
    await form.getByTestId('emergency-end-submit').click();
    await expect(desk.locator('[data-testid="emergency-item"]')).toHaveCount(0);
    await expect(row).toHaveAttribute('data-status', 'pauze');
    await expect(field.getByTestId('field-unit-status')).toHaveAttribute('data-status', 'pauze');
    await expect(fieldStatus).toHaveCount(0);
    await expect(field.getByTestId('field-notice').filter({ hasText: 'beëindigd' })).toContainText('Pauze');
  } finally {
    await fieldContext.close();
    await consoleContext.close();
  }
});
