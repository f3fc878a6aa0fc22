/**
 * Issue 12, found by walking through the console as a call-taker and a BOA would (demo hub, SQLite, the
 * offline address index from the demo file):
 * - an address typed by hand in the fields, with the place filled in, is found and flagged 25 m off the point;
 * - a report dot's label names the category as the queue does ("Boomtak / groen"), not its code;
 * - the address search box stops at the length the hub takes (no "Ongeldige invoer" for pasted text);
 * - the field client's small map does not open with the attribution over its streets;
 * - the place field is wide enough to read "Den Haag";
 * - a chosen point shows six decimals, as a map click does;
 * - a house number the list lacks ("Lange Voorhout 999") is marked "bij benadering", without a neighbour's postcode.
 */
import { expect, test } from '@playwright/test';
import type { ReportsSnapshot } from '../../server/protocol/api';
import { taskUnitToday, unitByCallsign } from '../support/field-helpers';
import { startTestHub, type TestHub } from '../support/hub';
import { loginConsole } from '../support/intake-helpers';

test.use({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });

let hub: TestHub;
test.beforeAll(async () => {
  hub = await startTestHub({ demo: true });
});
test.afterAll(async () => {
  await hub?.stop();
});

test('intake: a typed street and number with the place filled is found, and flagged when far from the point', async ({ page }) => {
  test.setTimeout(60_000);
  await loginConsole(page, hub.hub.url, 'centralist');
  await page.getByTestId('new-report-open').click();
  const form = page.getByTestId('new-report-form');
  const search = form.getByTestId('address-search-input');
  await search.focus();
  await search.pressSequentially('Lange Voorhout 36', { delay: 20 });
  await expect(form.getByTestId('address-search-option').first()).toContainText('Lange Voorhout 36');
  await search.press('ArrowDown');
  await search.press('Enter');
  await expect(form.getByTestId('report-place')).toHaveValue('Den Haag');
  // The place is read whole (it sat in a field as narrow as the house number: "Den Ha").
  const place = form.getByTestId('report-place');
  expect(await place.evaluate((el: HTMLInputElement) => el.scrollWidth <= el.clientWidth)).toBe(true);

  // The caller corrects: "no, Spui 1". Spui 1 lies some 300 m from the chosen point.
  await form.getByTestId('report-street').fill('Spui');
  await form.getByTestId('report-house-number').fill('1');
  const check = form.getByTestId('address-check');
  await expect(check).toContainText(/m van het punt|m from the point/, { timeout: 10_000 });
  await expect(check).not.toContainText('niet gevonden');
  await expect(form.getByTestId('address-move-point')).toBeVisible();

  // A corner's point (a midpoint) is shown as the map shows a click: six decimals, not 4.316205999999999.
  await search.fill('');
  await search.pressSequentially('hoek Spui/Kalvermarkt', { delay: 20 });
  await expect(form.getByTestId('address-search-option').first()).toContainText('Spui / Kalvermarkt');
  await search.press('ArrowDown');
  await search.press('Enter');
  await expect(form.getByTestId('report-street')).toHaveValue('Hoek Spui / Kalvermarkt');
  await expect(form.getByTestId('report-lat')).toHaveValue(/^\d+\.\d{1,6}$/);
  await expect(form.getByTestId('report-lng')).toHaveValue(/^\d+\.\d{1,6}$/);

  // Too long to be an address: the box stops at 200 characters and the hub is never refused.
  await search.fill('');
  await search.pressSequentially('x'.repeat(210), { delay: 0 });
  await expect(search).toHaveValue('x'.repeat(200));
  await expect(form.getByTestId('address-search-none')).toBeVisible();
  await expect(form.locator('.address-search .field-error')).toHaveCount(0);
});

test('a report dot is labelled with its number, category name and age', async ({ page }) => {
  test.setTimeout(60_000);
  const desk = (await hub.login('centralist')).token;
  const open = await hub.api<ReportsSnapshot>('GET', '/api/reports', desk);
  const report = open.body.reports.find((r) => r.category === 'groen');
  if (!report) throw new Error('the demo data holds no groen report');
  await loginConsole(page, hub.hub.url, 'centralist');
  await page.getByTestId('queue-row').filter({ hasText: report.number }).click();
  const label = page.getByTestId('report-label');
  await expect(label).toHaveAttribute('data-report-id', report.id);
  await expect(label).toContainText(`${report.number} · Boomtak / groen · `);
  await page.getByTestId('locale-en').click();
  await expect(label).toContainText(`${report.number} · Tree branch / greenery · `);
});

test('the field map opens with its attribution closed, the (i) button opens it', async ({ browser }) => {
  test.setTimeout(60_000);
  const hh11 = await unitByCallsign(hub, (await hub.login('centralist')).token, 'HH-11');
  await taskUnitToday(hub, hh11.id, { name: 'Lange Voorhout', instructions: 'Toezicht.' });
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, hasTouch: true, locale: 'nl-NL' });
  try {
    const field = await context.newPage();
    await field.goto(`${hub.hub.url}/field`);
    await field.getByTestId('field-login-username').fill('boa1');
    await field.getByTestId('field-login-password').fill('boa1');
    await field.getByTestId('field-login-submit').click();
    const map = field.getByTestId('field-map');
    await expect(map).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
    await expect(map).toHaveAttribute('data-areas', '1');
    const attribution = map.locator('.maplibregl-ctrl-attrib');
    await expect(attribution).toHaveClass(/maplibregl-compact/);
    await expect(attribution).not.toHaveClass(/maplibregl-compact-show/);
    await expect(attribution.locator('.maplibregl-ctrl-attrib-inner')).toBeHidden();
    await attribution.locator('.maplibregl-ctrl-attrib-button').click();
    await expect(attribution.locator('.maplibregl-ctrl-attrib-inner')).toBeVisible();
  } finally {
    await context.close();
  }
});

test('address source down: after a map click the form asks for the address, not for the map click just made', async ({ page }) => {
  test.setTimeout(90_000);
  const down = await startTestHub({ demo: true, config: { addressSource: 'pdok', pdokUrl: 'http://127.0.0.1:9/locatieserver', addressTimeoutMs: 500 } });
  try {
    await page.goto(down.hub.url);
    await page.getByTestId('login-username').fill('centralist');
    await page.getByTestId('login-password').fill('centralist');
    await page.getByTestId('login-submit').click();
    await expect(page.getByTestId('map')).toHaveAttribute('data-ready', 'true', { timeout: 20_000 });
    await page.getByTestId('new-report-open').click();
    const form = page.getByTestId('new-report-form');
    const box = await page.getByTestId('map').boundingBox();
    if (!box) throw new Error('map not visible');
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.5);
    const nearest = form.getByTestId('address-nearest');
    await expect(nearest).toHaveAttribute('data-state', 'unavailable', { timeout: 10_000 });
    await expect(nearest).toHaveText('Adreszoeker niet bereikbaar: vul het adres zelf in.');
    await page.getByTestId('locale-en').click();
    await expect(nearest).toHaveText('Address search unavailable: type the address yourself.');
  } finally {
    await down.stop();
  }
});

test('a house number the address list lacks is kept, marked "bij benadering" and gets no neighbour\'s postcode', async ({ page }) => {
  test.setTimeout(60_000);
  await loginConsole(page, hub.hub.url, 'centralist');
  await page.getByTestId('new-report-open').click();
  const form = page.getByTestId('new-report-form');
  const search = form.getByTestId('address-search-input');
  await search.focus();
  await search.pressSequentially('Lange Voorhout 999', { delay: 20 });
  const option = form.getByTestId('address-search-option').first();
  await expect(option).toContainText('Lange Voorhout 999, Den Haag');
  await expect(option).not.toContainText('2514');
  await expect(option.getByTestId('address-search-option-approximate')).toHaveText('bij benadering');
  await search.press('ArrowDown');
  await search.press('Enter');
  await expect(form.getByTestId('report-house-number')).toHaveValue('999');
  await expect(form.getByTestId('report-postcode')).toHaveValue('');
  const mark = form.getByTestId('address-approximate');
  await expect(mark).toContainText('Bij benadering: dit huisnummer staat niet in de adreslijst');
  await page.getByTestId('locale-en').click();
  await expect(mark).toContainText('Approximate: this house number is not in the address list');
  await page.getByTestId('locale-nl').click();

  // A number the list holds (the demo file is approximate as a whole): no mark, in the list or by the fields.
  await search.fill('');
  await search.pressSequentially('Lange Voorhout 36', { delay: 20 });
  const found = form.getByTestId('address-search-option').first();
  await expect(found).toContainText('Lange Voorhout 36, 2514 EE Den Haag');
  await expect(found.getByTestId('address-search-option-approximate')).toHaveCount(0);
  await search.press('ArrowDown');
  await search.press('Enter');
  await expect(form.getByTestId('report-house-number')).toHaveValue('36');
  await expect(form.getByTestId('address-approximate')).toHaveCount(0);
});
