/**
 * Issue 13 point 11 in Chromium at 390×844: a tasked BOA's worklist in walking order, kept on the device and
 * worked offline (a take queued without a connection goes out when it is back), the control room's note on the
 * taken report, a finding form whose errors follow its fields, and the NOODKNOP bar never covering a field.
 */
import { expect, type Locator, type Page, test } from '@playwright/test';
import type { Report } from '../../server/protocol/report';
import { taskUnitToday, unitByCallsign } from '../support/field-helpers';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';

let t: TestHub;
let desk: string;

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });

test.beforeAll(async () => {
  t = await startTestHub({ demo: true });
  desk = (await t.login('centralist')).token;
});
test.afterAll(async () => {
  await t?.stop();
});

async function createReport(location: { lat: number; lng: number }, description: string): Promise<Report> {
  const res = await t.api<Report>('POST', '/api/reports', desk, sampleReport({ category: 'overlast', priority: 'low', location, description, address: undefined }));
  expect(res.status).toBe(201);
  return res.body;
}

async function login(page: Page, username: string) {
  await page.goto(`${t.hub.url}/field`);
  await page.getByTestId('field-login-username').fill(username);
  await page.getByTestId('field-login-password').fill(username);
  await page.getByTestId('field-login-submit').click();
}

/**
 * The NOODKNOP bar never covers a field: the scrolling main column ends where the bar begins (a bar laid over
 * the content, e.g. sticky, would overlap it), and every visible control scrolled into view lies wholly above it.
 */
async function expectNotCovered(page: Page, controls: Locator) {
  const bar = page.locator('.f-emergency-bar');
  const main = await page.locator('.f-main').boundingBox();
  const barTop = (await bar.boundingBox())?.y;
  expect(main && barTop !== undefined).toBeTruthy();
  if (!main || barTop === undefined) return;
  expect(main.y + main.height, 'the main column ends above the NOODKNOP bar').toBeLessThanOrEqual(barTop + 0.5);
  for (const control of await controls.all()) {
    if (!(await control.isVisible())) continue;
    await control.evaluate((el) => el.scrollIntoView({ block: 'nearest' }));
    const box = await control.boundingBox();
    const barBox = await bar.boundingBox();
    expect(box && barBox).toBeTruthy();
    if (!box || !barBox) return;
    expect(box.y + box.height, `${await control.getAttribute('data-testid')} ends above the NOODKNOP bar`).toBeLessThanOrEqual(barBox.y + 0.5);
  }
}

test('worklist in walking order, taken offline, notes, form errors in step and NOODKNOP never over a field', async ({ page, context }) => {
  const hh11 = await unitByCallsign(t, desk, 'HH-11');
  await taskUnitToday(t, hh11.id, { name: 'Voorhout looplijst', instructions: 'Loop de looplijst' });
  const east = await createReport({ lat: 52.0805, lng: 4.315 }, 'Zwerfafval bij de bank oost');
  const west = await createReport({ lat: 52.0805, lng: 4.307 }, 'Zwerfafval bij de bank west');
  const middle = await createReport({ lat: 52.0805, lng: 4.311 }, 'Zwerfafval bij de bank midden');
  const note = await t.api('POST', '/api/address-notes', desk, {
    lat: 52.0805,
    lng: 4.307,
    radiusMeters: 25,
    text: 'Hond aanwezig',
    expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
  });
  expect(note.status).toBe(201);

  await login(page, 'boa1');
  await expect(page.getByTestId('field-connection')).toHaveAttribute('data-state', 'online', { timeout: 15_000 });
  await page.evaluate(() => window.__meldkamerField?.setPosition({ lat: 52.0805, lng: 4.3055, accuracy: 8, heading: null, at: new Date().toISOString() }));

  const worklist = page.getByTestId('field-worklist');
  const items = worklist.getByTestId('field-worklist-item');
  await expect
    .poll(async () => items.evaluateAll((els) => els.map((el) => el.getAttribute('data-number'))), { timeout: 15_000 })
    .toEqual([west.number, middle.number, east.number]);
  await expect(worklist).toContainText('looproute vanaf uw positie');

  await test.step('offline: the list stays, a take waits in the queue and goes out when the connection is back', async () => {
    await context.setOffline(true);
    await expect(page.getByTestId('field-connection')).toHaveAttribute('data-state', 'offline');
    await expect(page.getByTestId('field-worklist-cached')).toBeVisible();
    await expect(items).toHaveCount(3);
    await items.first().getByTestId('field-worklist-take').click();
    await expect(items.first().getByTestId('field-worklist-take')).toHaveText('In de wachtrij');
    await expect(page.getByTestId('field-queue-count')).toHaveText('1');
    // One at a time: the rest wait until this one is done.
    await expect(items.nth(1).getByTestId('field-worklist-take')).toBeDisabled();

    await context.setOffline(false);
    await expect(page.getByTestId('field-queue-count')).toHaveText('0', { timeout: 15_000 });
    const card = page.getByTestId('field-assignment');
    await expect(card).toHaveAttribute('data-report-id', west.id, { timeout: 15_000 });
    await expect(card.getByTestId('field-report-note')).toContainText('Hond aanwezig');
    await expect.poll(async () => items.evaluateAll((els) => els.map((el) => el.getAttribute('data-number')))).toEqual([middle.number, east.number]);
    await expect.poll(async () => (await unitByCallsign(t, desk, 'HH-11')).currentReportId).toBe(west.id);
  });

  await test.step('the finding form: an error sits next to its field and goes when the field is fixed', async () => {
    const card = page.getByTestId('field-assignment');
    await card.getByTestId('field-status-ter_plaatse').click();
    await expect(page.getByTestId('field-unit-status')).toHaveAttribute('data-status', 'ter_plaatse');
    await card.getByTestId('field-finding-open').click();
    const form = page.getByTestId('field-finding-form');
    await form.getByTestId('field-finding-kind-close').check();
    await form.getByTestId('field-finding-found-text').fill('ok');
    await form.getByTestId('field-finding-submit').click();
    const foundTextError = form.getByTestId('field-error-resolution.found.text');
    await expect(foundTextError).toBeVisible();
    const actionError = form.getByTestId('field-error-resolution.action.code');
    await expect(actionError).toBeVisible();
    // Next to its field: the error is inside the same field row as the input.
    await expect(form.locator('.f-field', { has: page.getByTestId('field-finding-found-text') }).getByTestId('field-error-resolution.found.text')).toBeVisible();
    await form.getByTestId('field-finding-found-text').fill('Zak met afval naast de bank, opgeruimd');
    await expect(foundTextError).toBeHidden();
    await expect(actionError).toBeVisible();

    await expectNotCovered(page, form.locator('input, select, textarea, button'));
  });

  await test.step('the worklist and status buttons are not under the NOODKNOP bar either', async () => {
    await expectNotCovered(page, page.locator('[data-testid="field-worklist-take"], [data-testid^="field-status-"]'));
  });
});
