/**
 * Issue 12, the map side of "where" in the browser (demo hub, SQLite, the offline address index from the demo
 * file):
 * - a map click in the intake form fills the nearest address into the fields, with its distance;
 * - the map legend opens and closes and names the report and unit symbols (Dutch and English);
 * - the units board's "Adres?" answers with the unit's nearest address, by mouse and by keyboard ("a" on the
 *   chosen row: the row is a listbox option, its buttons are not in the tab order);
 * - a report dot's label follows the pointer (the selected report's label is in address-walkthrough.spec.ts).
 * Expected addresses come from the same hub's /api/address routes, asked for the same point.
 */
import { expect, type Page, test } from '@playwright/test';
import type { ReportsSnapshot } from '../../server/protocol/api';
import type { Address, AddressReverseResponse, AddressSuggestResponse } from '../../server/protocol/address';
import { formatApproxDistance } from '../../renderer/console/address/addressCheck';
import { connectScriptedField, type ScriptedField, unitOnMap } from '../support/dispatch-field';
import { unitByCallsign } from '../support/field-helpers';
import { startTestHub, type TestHub } from '../support/hub';
import { loginConsole } from '../support/intake-helpers';

test.use({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });

let hub: TestHub;
let desk: string;
test.beforeAll(async () => {
  hub = await startTestHub({ demo: true });
  desk = (await hub.login('centralist')).token;
});
test.afterAll(async () => {
  await hub?.stop();
});

/** Where the address index puts a typed address (suggest, then lookup). */
async function addressOf(query: string): Promise<Address> {
  const suggested = await hub.api<AddressSuggestResponse>('GET', `/api/address/suggest?q=${encodeURIComponent(query)}&limit=1`, desk);
  const first = suggested.body.suggestions[0];
  if (suggested.status !== 200 || !first) throw new Error(`no suggestion for ${query}: ${JSON.stringify(suggested.body)}`);
  const looked = await hub.api<Address>('GET', `/api/address/lookup?id=${encodeURIComponent(first.id)}`, desk);
  expect(looked.status).toBe(200);
  return looked.body;
}

async function reverse(lat: number, lng: number): Promise<{ address: Address; distanceM: number }> {
  const res = await hub.api<AddressReverseResponse>('GET', `/api/address/reverse?lat=${lat}&lng=${lng}`, desk);
  expect(res.status).toBe(200);
  if (!res.body.address || res.body.distanceM === null) throw new Error(`no address near ${lat}, ${lng}`);
  return { address: res.body.address, distanceM: res.body.distanceM };
}

/** Centres the map on a point at a street-level zoom, waits until it is drawn, and gives the point's page coordinates. */
async function showOnMap(page: Page, at: { lat: number; lng: number }, zoom = 18): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ({ lat, lng, z }) =>
      new Promise<{ x: number; y: number }>((resolve) => {
        type MapLike = {
          jumpTo(o: { center: [number, number]; zoom: number }): void;
          once(ev: 'idle', f: () => void): void;
          project(p: [number, number]): { x: number; y: number };
          getCanvas(): HTMLCanvasElement;
        };
        const map = (window as unknown as { __meldkamer: { map: MapLike } }).__meldkamer.map;
        map.once('idle', () => {
          const box = map.getCanvas().getBoundingClientRect();
          const p = map.project([lng, lat]);
          resolve({ x: box.left + p.x, y: box.top + p.y });
        });
        map.jumpTo({ center: [lng, lat], zoom: z });
      }),
    { lat: at.lat, lng: at.lng, z: zoom },
  );
}

test('intake: a map click fills the nearest address into the fields, with its distance from the point', async ({ page }) => {
  test.setTimeout(60_000);
  const house = await addressOf('Lange Voorhout 36');
  await loginConsole(page, hub.hub.url, 'centralist');
  await page.getByTestId('new-report-open').click();
  const form = page.getByTestId('new-report-form');
  await form.getByTestId('report-category').selectOption('afval');
  // Some 20 m north of number 36, on the street, not on a report dot.
  const spot = await showOnMap(page, { lat: house.lat + 0.00018, lng: house.lng });
  await page.mouse.click(spot.x, spot.y);
  const lat = form.getByTestId('report-lat');
  await expect(lat).not.toHaveValue('');
  const point = { lat: Number(await lat.inputValue()), lng: Number(await form.getByTestId('report-lng').inputValue()) };
  const nearest = await reverse(point.lat, point.lng);

  const line = form.getByTestId('address-nearest');
  await expect(line).toHaveAttribute('data-state', 'found');
  await expect(line).toHaveText(`Dichtstbijzijnde adres, ${formatApproxDistance(nearest.distanceM)} van het punt`);
  expect(nearest.address.street).toBe('Lange Voorhout');
  await expect(form.getByTestId('report-street')).toHaveValue('Lange Voorhout');
  await expect(form.getByTestId('report-house-number')).toHaveValue(String(nearest.address.houseNumber ?? ''));
  await expect(form.getByTestId('report-place')).toHaveValue(nearest.address.place ?? '');
  await expect(form.getByTestId('report-address-fields')).toHaveAttribute('data-origin', 'reverse');
  // The address is the point's own: nothing to flag.
  await expect(form.getByTestId('address-check')).toHaveCount(0);
  await page.getByTestId('locale-en').click();
  await expect(line).toHaveText(`Nearest address, ${formatApproxDistance(nearest.distanceM)} from the point`);
});

test('the map legend opens and closes, and names the report and unit symbols (Dutch and English)', async ({ page }) => {
  test.setTimeout(60_000);
  await loginConsole(page, hub.hub.url, 'centralist');
  const legend = page.getByTestId('map-legend');
  const toggle = legend.getByTestId('map-legend-toggle');
  const body = legend.getByTestId('map-legend-body');
  await expect(toggle).toHaveText('Legenda');
  await expect(body).toHaveCount(0);
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');

  // By keyboard, as by mouse: it is a button.
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(body).toBeVisible();
  await expect(body).toContainText('Meldingen (kleur: prioriteit, rand: status)');
  await expect(body).toContainText('Groep meldingen');
  // A dispatcher sees the units too.
  await expect(body).toContainText('Eenheden (kleur: status)');
  await expect(body).toContainText('Rijrichting');
  await expect(body).toContainText('Noodknop ingedrukt');
  await expect(body).toContainText('Aandachtsgebied van vandaag');
  // One swatch per priority, coloured from the map's own table.
  await expect(body.locator('li').first().locator('.legend-dot')).not.toHaveCount(0);

  await page.getByTestId('locale-en').click();
  await expect(toggle).toHaveText('Legend');
  await expect(body).toContainText('Reports (colour: priority, ring: status)');
  await expect(body).toContainText('Units (colour: status)');
  await expect(body).toContainText('Emergency button pressed');
  await expect(body).not.toContainText('Meldingen');

  // It stays open after a reload (a dispatcher who wants it, keeps it), and closes again.
  await page.reload();
  await expect(page.getByTestId('map-legend-body')).toBeVisible();
  await page.getByTestId('map-legend-toggle').click();
  await expect(page.getByTestId('map-legend-body')).toHaveCount(0);
  await expect(page.getByTestId('map-legend-toggle')).toHaveAttribute('aria-expanded', 'false');
});

test('units board: "Adres?" names the unit\'s nearest address, by mouse and with the "a" key on the chosen row', async ({ page }) => {
  test.setTimeout(60_000);
  const hh11 = await unitByCallsign(hub, desk, 'HH-11');
  const hh12 = await unitByCallsign(hub, desk, 'HH-12');
  const lange = await addressOf('Lange Voorhout 36');
  const spui = await addressOf('Spui 1');
  const fields: ScriptedField[] = [];
  try {
    await loginConsole(page, hub.hub.url, 'centralist');
    // HH-11 on the Lange Voorhout, HH-12 on the Spui: each sends a fix as its field client would.
    const at11 = { lat: lange.lat + 0.0001, lng: lange.lng };
    const at12 = { lat: spui.lat, lng: spui.lng + 0.0001 };
    for (const [user, at] of [['boa1', at11], ['boa2', at12]] as const) {
      const field = await connectScriptedField(hub.hub.url, (await hub.login(user)).token);
      fields.push(field);
      field.sendFix({ lat: at.lat, lng: at.lng, accuracy: 5, heading: null });
    }
    // At rest the map draws moved units every 5 s (unitCoalescer.ts), after the hub's 1 s position batch.
    for (const [id, at] of [[hh11.id, at11], [hh12.id, at12]] as const) {
      await expect.poll(async () => (await unitOnMap(page, id))?.lat, { timeout: 15_000 }).toBeCloseTo(at.lat, 5);
    }
    const near11 = await reverse(at11.lat, at11.lng);
    const near12 = await reverse(at12.lat, at12.lng);
    expect(near11.address.street).toBe('Lange Voorhout');

    const row = (id: string) => page.locator(`[data-testid="unit-row"][data-unit-id="${id}"]`);
    // By mouse: HH-12.
    const button12 = row(hh12.id).getByTestId('unit-nearest');
    await expect(button12).toHaveText('Adres?');
    await expect(button12).toHaveAttribute('title', /toets A/);
    await button12.click();
    await expect(button12).toHaveAttribute('data-state', 'found');
    await expect(button12).toHaveText(`bij ${near12.address.label.split(',')[0]} (${formatApproxDistance(near12.distanceM)})`);

    // By keyboard: ↓ to HH-11 in the board (a listbox with the chosen row as its active descendant), then "a".
    const list = page.getByTestId('units-list');
    await list.focus();
    const button11 = row(hh11.id).getByTestId('unit-nearest');
    await expect(button11).toHaveAttribute('tabindex', '-1');
    for (let i = 0; i < 20 && (await list.getAttribute('aria-activedescendant')) !== `unit-row-${hh11.id}`; i++) {
      await list.press('ArrowDown');
    }
    await expect(list).toHaveAttribute('aria-activedescendant', `unit-row-${hh11.id}`);
    await expect(button11).toHaveAttribute('data-state', 'idle');
    await list.press('a');
    await expect(button11).toHaveAttribute('data-state', 'found');
    await expect(button11).toHaveText(`bij ${near11.address.label.split(',')[0]} (${formatApproxDistance(near11.distanceM)})`);
    await expect(button11).toHaveAttribute('title', `${near11.address.label} (${formatApproxDistance(near11.distanceM)})`);
    // The key asks for the chosen row only; the focus stays in the board.
    await expect(list).toBeFocused();
    await expect(button12).toHaveAttribute('data-state', 'found');
    await expect(page.getByTestId('units-board')).toContainText('A adres');

    await page.getByTestId('locale-en').click();
    await expect(button11).toHaveText(`near ${near11.address.label.split(',')[0]} (${formatApproxDistance(near11.distanceM)})`);
    await expect(page.getByTestId('units-board')).toContainText('A address');
  } finally {
    for (const field of fields) field.close();
  }
});

test('a report dot shows its label while the pointer is on it, and not after', async ({ page }) => {
  test.setTimeout(60_000);
  const open = await hub.api<ReportsSnapshot>('GET', '/api/reports', desk);
  const report = open.body.reports.find((r) => r.category === 'groen' && r.address === 'Lange Voorhout 34');
  if (!report) throw new Error('the demo data holds no branch report at Lange Voorhout 34');
  await loginConsole(page, hub.hub.url, 'centralist');
  const label = page.getByTestId('report-label');
  // Nothing selected: no label.
  await expect(label).toHaveCount(0);
  const dot = await showOnMap(page, { lat: report.lat, lng: report.lng }, 19);
  await page.mouse.move(dot.x - 80, dot.y - 80);
  await page.mouse.move(dot.x, dot.y, { steps: 4 });
  await expect(label).toHaveAttribute('data-report-id', report.id);
  await expect(label).toContainText(`${report.number} · Boomtak / groen · `);
  // Off the dot: the label goes (no report is selected to keep one).
  await page.mouse.move(dot.x + 150, dot.y + 150, { steps: 4 });
  await expect(label).toHaveCount(0);
  // In English, on the dot again.
  await page.getByTestId('locale-en').click();
  await page.mouse.move(dot.x + 80, dot.y + 80);
  await page.mouse.move(dot.x, dot.y, { steps: 4 });
  await expect(label).toContainText(`${report.number} · Tree branch / greenery · `);
});
