/**
 * Issue 17 point 4, the field client (mobile web, dark theme: the only theme it has) in Chromium at phone size:
 * axe (WCAG 2.0/2.1 A and AA, contrast included) on the login, its error, the workspace with the worklist, an
 * assignment (the report) and the finding form; reflow at 320 px; `lang` follows the language switch; the login
 * error describes its fields; the login works with the keyboard only, with a visible focus ring on every stop.
 */
import { expect, test } from '@playwright/test';
import type { Report } from '../../server/protocol/report';
import { expectAccessible, focusRingOfActive } from '../support/a11y';
import { offer, taskUnitToday, unitByCallsign } from '../support/field-helpers';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';

test.use({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', viewport: { width: 390, height: 844 }, colorScheme: 'dark' });

let t: TestHub;
let desk: string;
test.beforeAll(async () => {
  t = await startTestHub({ demo: true });
  desk = (await t.login('centralist')).token;
});
test.afterAll(async () => {
  await t?.stop();
});

test('field client: login, worklist, assignment and finding form pass axe in the dark theme and reflow at 320 px', async ({ page }) => {
  test.setTimeout(240_000);
  const hh11 = await unitByCallsign(t, desk, 'HH-11');
  await taskUnitToday(t, hh11.id, { name: 'Voorhout looplijst', instructions: 'Loop de looplijst' });
  for (const [lng, description] of [
    [4.307, 'Zwerfafval bij de bank west'],
    [4.315, 'Zwerfafval bij de bank oost'],
  ] as const) {
    const res = await t.api<Report>('POST', '/api/reports', desk, sampleReport({ category: 'overlast', priority: 'low', location: { lat: 52.0805, lng }, description, address: undefined }));
    expect(res.status).toBe(201);
  }

  await page.goto(`${t.hub.url}/field`);
  await expect(page.getByTestId('field-login-form')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expectAccessible(page, 'field login');

  await test.step('a refused login: the error describes both fields', async () => {
    await page.getByTestId('field-login-username').fill('boa1');
    await page.getByTestId('field-login-password').fill('fout');
    await page.getByTestId('field-login-submit').click();
    await expect(page.getByTestId('field-login-error')).toBeVisible({ timeout: 15_000 });
    await expect(page.getByTestId('field-login-password')).toHaveAttribute('aria-invalid', 'true');
    const said = ((await page.getByTestId('field-login-error').textContent()) ?? '').trim();
    expect(said.length).toBeGreaterThan(0);
    await expect(page.getByTestId('field-login-password')).toHaveAccessibleDescription(said);
    await expect(page.getByTestId('field-login-username')).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page, 'field login error');
  });

  await test.step('the language switch sets lang', async () => {
    await page.getByRole('button', { name: /English/i }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await page.getByRole('button', { name: /Nederlands/i }).click();
    await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  });

  await test.step('log in with the keyboard only, a focus ring on every stop', async () => {
    await page.getByTestId('field-login-username').fill('');
    await page.getByTestId('field-login-username').focus();
    expect((await focusRingOfActive(page)).visible).toBe(true);
    await page.keyboard.type('boa1');
    await page.keyboard.press('Tab');
    expect(await focusRingOfActive(page)).toMatchObject({ id: 'password', visible: true });
    await page.keyboard.type('boa1');
    await page.keyboard.press('Tab');
    expect(await focusRingOfActive(page)).toMatchObject({ tag: 'button', visible: true });
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('field-connection')).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
  });

  await page.evaluate(() => window.__meldkamerField?.setPosition({ lat: 52.0805, lng: 4.3055, accuracy: 8, heading: null, at: new Date().toISOString() }));
  await expect(page.getByTestId('field-worklist-item')).toHaveCount(2, { timeout: 20_000 });
  await expectAccessible(page, 'field worklist');

  await test.step('an assignment (the report) and its finding form', async () => {
    const report = await t.api<Report>('POST', '/api/reports', desk, sampleReport({ description: 'Boomtak hangt laag over de stoep' }));
    expect(report.status).toBe(201);
    await offer(t, desk, report.body.id, [hh11.id]);
    const card = page.getByTestId('field-offer');
    await expect(card.first()).toBeVisible({ timeout: 20_000 });
    await expectAccessible(page, 'field offer');
    await card.first().getByTestId('field-offer-accept').click();
    const assignment = page.getByTestId('field-assignment');
    await expect(assignment).toBeVisible({ timeout: 20_000 });
    await expectAccessible(page, 'field assignment');
    await assignment.getByTestId('field-finding-open').click();
    await expect(page.getByTestId('field-finding-form')).toBeVisible();
    await expectAccessible(page, 'field finding form');
  });
});
