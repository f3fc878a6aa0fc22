/**
 * Issue 12, "done when": a call-taker places the branch report by typing "Lange Voorhout 36" in the intake
 * form and choosing the suggestion with the keyboard, without touching the map; "al gemeld" shows the demo's
 * branch report at number 34, a few metres on; the report is created with that address and its point; and a
 * BOA's emergency button (a long press on the field page) gives an alert on the console that names the street
 * once the hub has looked up the nearest address.
 *
 * A real hub in demo mode (SQLite, the offline address index filled from the demo address file); the console
 * and the field page run in Chromium.
 */
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { ReportsSnapshot } from '../../server/protocol/api';
import type { Address, AddressSuggestResponse } from '../../server/protocol/address';
import { taskUnitToday, unitByCallsign } from '../support/field-helpers';
import { startTestHub, type TestHub } from '../support/hub';
import { loginConsole } from '../support/intake-helpers';

test.use({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });

let hub: TestHub;
test.beforeAll(async () => {
  hub = await startTestHub({ demo: true });
  mkdirSync('tests/e2e/artifacts', { recursive: true });
});
test.afterAll(async () => {
  await hub?.stop();
});

const DESCRIPTION = 'Een tak hangt laag over de stoep (beller, telefoon)';

test('a call-taker places the branch report by typing "Lange Voorhout 36", keyboard only, without touching the map', async ({ page }) => {
  test.setTimeout(90_000);
  const desk = await hub.login('centralist');
  // Where the address index puts Lange Voorhout 36 (the same hub the console asks).
  const suggested = await hub.api<AddressSuggestResponse>('GET', '/api/address/suggest?q=Lange%20Voorhout%2036&limit=1', desk.token);
  expect(suggested.status, JSON.stringify(suggested.body)).toBe(200);
  const first = suggested.body.suggestions[0];
  if (!first) throw new Error('the demo address index has no "Lange Voorhout 36"');
  const looked = await hub.api<Address>('GET', `/api/address/lookup?id=${encodeURIComponent(first.id)}`, desk.token);
  expect(looked.status).toBe(200);
  const target = looked.body;
  // The demo's own branch report ("Boomtak …, Lange Voorhout 34"): the caller's branch, reported before.
  const before = await hub.api<ReportsSnapshot>('GET', '/api/reports', desk.token);
  const branch = before.body.reports.find((r) => r.category === 'groen' && r.address === 'Lange Voorhout 34');
  if (!branch) throw new Error('the demo data holds no branch report at Lange Voorhout 34');

  await loginConsole(page, hub.hub.url, 'centralist');
  await page.getByTestId('new-report-open').click();
  const form = page.getByTestId('new-report-form');
  await expect(form.getByTestId('report-category')).toBeFocused();
  await form.getByTestId('report-category').selectOption('groen');

  // Tab to the address search and type as the caller says it.
  const search = form.getByTestId('address-search-input');
  await search.focus();
  await search.pressSequentially('Lange Voorhout 36', { delay: 20 });
  await expect(search).toHaveAttribute('role', 'combobox');
  const options = form.getByTestId('address-search-option');
  await expect(options.first()).toContainText('Lange Voorhout 36');
  await expect(search).toHaveAttribute('aria-expanded', 'true');

  // ↓ highlights the first suggestion (aria-activedescendant), Enter chooses it.
  await search.press('ArrowDown');
  await expect(options.first()).toHaveAttribute('aria-selected', 'true');
  const activeId = await options.first().getAttribute('id');
  await expect(search).toHaveAttribute('aria-activedescendant', activeId ?? '');
  await search.press('Enter');
  await expect(search).toHaveAttribute('aria-expanded', 'false');

  // One step: the address fields, the point (and the map flew there), and the duplicate check at once.
  await expect(form.getByTestId('report-street')).toHaveValue('Lange Voorhout');
  await expect(form.getByTestId('report-house-number')).toHaveValue('36');
  // The postcode as it is written ("2514 EE").
  await expect(form.getByTestId('report-postcode')).toHaveValue((target.postcode ?? '').replace(/^(\d{4})\s?([A-Z]{2})$/, '$1 $2'));
  await expect(form.getByTestId('report-place')).toHaveValue(target.place ?? '');
  await expect(form.getByTestId('report-lat')).toHaveValue(String(target.lat));
  await expect(form.getByTestId('report-lng')).toHaveValue(String(target.lng));
  const duplicates = form.getByTestId('intake-duplicates');
  await expect(duplicates).toBeVisible();
  // "Al gemeld": number 36 is a few metres from 34, where the demo's branch report is.
  const known = duplicates.locator(`[data-testid="intake-duplicate"][data-report-id="${branch.id}"]`);
  await expect(known).toBeVisible();
  await expect(known).toContainText(branch.number);
  await expect(known.getByTestId('intake-duplicate-distance')).toHaveText(/^\d+ m verderop$/);
  expect(Number((await known.getByTestId('intake-duplicate-distance').textContent())?.match(/\d+/)?.[0])).toBeLessThan(25);
  await expect(form.getByTestId('address-check')).toHaveCount(0);
  // The demo file is approximate as a whole, but it holds number 36: no "bij benadering" for the caller's house.
  await expect(form.getByTestId('address-approximate')).toHaveCount(0);
  await expect
    .poll(() =>
      page.evaluate(() => {
        const hook = (window as unknown as { __meldkamer?: { map: { getCenter(): { lat: number; lng: number }; isMoving(): boolean } } }).__meldkamer;
        const c = hook?.map.getCenter();
        return c && !hook?.map.isMoving() ? [Math.round(c.lat * 1e3) / 1e3, Math.round(c.lng * 1e3) / 1e3] : null;
      }),
    )
    .toEqual([Math.round(target.lat * 1e3) / 1e3, Math.round(target.lng * 1e3) / 1e3]);

  await form.getByTestId('report-description').fill(DESCRIPTION);
  await form.getByTestId('report-submit').click();
  await expect(page.getByTestId('new-report-form')).toHaveCount(0);

  const open = await hub.api<ReportsSnapshot>('GET', '/api/reports', desk.token);
  const report = open.body.reports.find((r) => r.description === DESCRIPTION);
  if (!report) throw new Error('the report was not created');
  expect(report.address).toMatch(/^Lange Voorhout 36\b/);
  expect(report.lat).toBeCloseTo(target.lat, 6);
  expect(report.lng).toBeCloseTo(target.lng, 6);
  await page.screenshot({ path: 'tests/e2e/artifacts/address-intake.png' });
});

test('the emergency alert names the street: field long press → console shows "Lange Voorhout"', async ({ browser }) => {
  test.setTimeout(60_000);
  const consoleContext = await browser.newContext({ viewport: { width: 1600, height: 1000 }, locale: 'nl-NL' });
  const fieldContext = await browser.newContext({
    viewport: { width: 390, height: 844 },
    hasTouch: true,
    // On the Lange Voorhout, in front of number 36.
    geolocation: { latitude: 52.0806, longitude: 4.3123 },
    permissions: ['geolocation'],
  });
  try {
    const token = (await hub.login('centralist')).token;
    const hh11 = await unitByCallsign(hub, token, 'HH-11');
    await taskUnitToday(hub, hh11.id, { name: 'Lange Voorhout en Kneuterdijk', instructions: 'Toezicht bij de ambassades.' });
    const desk = await consoleContext.newPage();
    await loginConsole(desk, hub.hub.url, 'centralist');

    const field = await fieldContext.newPage();
    await field.goto(`${hub.hub.url}/field`);
    await field.getByTestId('field-login-username').fill('boa1');
    await field.getByTestId('field-login-password').fill('boa1');
    await field.getByTestId('field-login-submit').click();
    await expect(field.getByTestId('field-connection')).toHaveAttribute('data-state', 'online', { timeout: 10_000 });
    // The field map shows today's focus area (over the shared basemap).
    await expect(field.getByTestId('field-map')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
    await expect(field.getByTestId('field-map')).toHaveAttribute('data-areas', '1');

    const button = field.getByTestId('field-emergency');
    await button.scrollIntoViewIfNeeded();
    const box = await button.boundingBox();
    if (!box) throw new Error('emergency button not visible');
    await field.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await field.mouse.down();
    await field.waitForTimeout(1_800);
    await field.mouse.up();
    await expect(field.getByTestId('field-emergency-status')).toHaveAttribute('data-state', 'sent');

    // The emergency panel is the one place for an open emergency (the banner leaves its alert out).
    const alert = desk.locator('[data-testid="emergency-item"]').filter({ hasText: 'HH-11' });
    await expect(alert).toBeVisible({ timeout: 5_000 });
    await expect(desk.locator('[data-testid="alert-item"][data-kind="emergency"]')).toHaveCount(0);
    // The address follows the alert (it never waits for the geocoder).
    await expect(alert.getByTestId('emergency-address')).toContainText('Lange Voorhout', { timeout: 10_000 });
    await expect(alert.getByTestId('emergency-address')).toContainText(/Lange Voorhout \d+[^,]*, \d+ m/);
    await desk.screenshot({ path: 'tests/e2e/artifacts/address-alert.png' });
    await alert.getByTestId('emergency-ack').click();
    await expect(alert).toHaveAttribute('data-acked', 'true');
  } finally {
    await fieldContext.close();
    await consoleContext.close();
  }
});

test('the address source is down: a calm "Adreszoeker niet bereikbaar", and the report is placed by a map click', async ({ page }) => {
  test.setTimeout(90_000);
  // PDOK configured, but nothing answers there (an isolated network): the hub says 503 address.unavailable.
  const down = await startTestHub({ demo: true, config: { addressSource: 'pdok', pdokUrl: 'http://127.0.0.1:9/locatieserver', addressTimeoutMs: 500 } });
  try {
    // Signed in; the form needs the map, not the live stream.
    await page.goto(down.hub.url);
    await page.getByTestId('login-username').fill('centralist');
    await page.getByTestId('login-password').fill('centralist');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('map')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
    await page.getByTestId('new-report-open').click();
    const form = page.getByTestId('new-report-form');
    await form.getByTestId('report-category').selectOption('afval');
    const search = form.getByTestId('address-search-input');
    await search.fill('Lange Voorhout 36');
    await expect(form.getByTestId('address-search-unavailable')).toHaveText('Adreszoeker niet bereikbaar. Kies de plek op de kaart.');
    await expect(form.getByTestId('address-search')).toHaveAttribute('data-state', 'unavailable');
    await expect(form.getByRole('alert')).toHaveCount(0);

    // The map click still places the report; the nearest address cannot be named, and says why.
    const map = page.getByTestId('map');
    const box = await map.boundingBox();
    if (!box) throw new Error('map not visible');
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.5);
    await expect(form.getByTestId('report-lat')).not.toHaveValue('');
    await expect(form.getByTestId('address-nearest')).toHaveAttribute('data-state', 'unavailable', { timeout: 10_000 });
    await form.getByTestId('report-description').fill('Afval naast de container (adreszoeker uit)');
    await form.getByTestId('report-submit').click();
    await expect(page.getByTestId('new-report-form')).toHaveCount(0);
  } finally {
    await down.stop();
  }
});

test('the address and the point cannot silently disagree: moving the point away from a chosen address is flagged', async ({ page }) => {
  test.setTimeout(60_000);
  await loginConsole(page, hub.hub.url, 'centralist');
  await page.getByTestId('new-report-open').click();
  const form = page.getByTestId('new-report-form');
  await form.getByTestId('report-category').selectOption('afval');
  const search = form.getByTestId('address-search-input');
  await search.pressSequentially('Lange Voorhout 36a', { delay: 20 });
  await expect(form.getByTestId('address-search-option').first()).toContainText('Lange Voorhout 36');
  await search.press('Enter');
  // The caller's "36a" is kept as said.
  await expect(form.getByTestId('report-house-number')).toHaveValue('36a');
  const lat = await form.getByTestId('report-lat').inputValue();
  await expect(form.getByTestId('address-check')).toHaveCount(0);

  // A click elsewhere on the map moves the point; the address stays the caller's, and is flagged.
  const box = await page.getByTestId('map').boundingBox();
  if (!box) throw new Error('map not visible');
  await page.mouse.click(box.x + box.width * 0.25, box.y + box.height * 0.7);
  await expect(form.getByTestId('report-lat')).not.toHaveValue(lat);
  await expect(form.getByTestId('report-street')).toHaveValue('Lange Voorhout');
  const flag = form.getByTestId('address-check');
  await expect(flag).toHaveAttribute('data-state', 'far');
  await expect(flag).toContainText(/Dit adres ligt ± [\d,]+ k?m van het punt op de kaart/);
  await expect(form.getByTestId('report-street')).toHaveAttribute('aria-invalid', 'true');

  // One click puts the point back on the address.
  await flag.getByTestId('address-move-point').click();
  await expect(form.getByTestId('report-lat')).toHaveValue(lat);
  await expect(form.getByTestId('address-check')).toHaveCount(0);
});
