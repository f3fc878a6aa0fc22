/**
 * Dispatch from the console over a real hub (SQLite, in-process) in Debian's Chromium: the dispatcher
 * opens a report, offers it to the recommended unit, a scripted field client (socket.io-client on /field,
 * as BOA HH-11) accepts, the unit is "onderweg" on the units board, its fixes move its feature in the map's
 * `units` source, and its emergency button raises an alert on every console until one acknowledges it.
 * An offer nobody answers expires: alert on the console and the next recommendation on top.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { type Browser, expect, type Page, test } from '@playwright/test';
import type { Alert, Assignment, Unit } from '../../server/protocol/dispatch';
import type { Report } from '../../server/protocol/report';
import type { FieldEvent } from '../../server/protocol/socket';
import { connectScriptedField, type ScriptedField, unitOnMap } from '../support/dispatch-field';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';

test.use({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });

let t: TestHub;
let units: Unit[];
const fieldClients: ScriptedField[] = [];

test.beforeAll(async () => {
  t = await startTestHub({ demo: true });
  const desk = await t.login('centralist');
  units = (await t.api<{ units: Unit[] }>('GET', '/api/units', desk.token)).body.units;
});
test.afterAll(async () => {
  for (const f of fieldClients) f.close();
  await t?.stop();
});

function unit(callsign: string): Unit {
  const found = units.find((u) => u.callsign === callsign);
  if (!found) throw new Error(`demo unit ${callsign} missing`);
  return found;
}

async function login(page: Page, username: string): Promise<void> {
  await page.goto(t.hub.url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(username);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'online', { timeout: 30_000 });
  await expect(page.getByTestId('map')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
}

async function newConsole(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  const page = await context.newPage();
  await login(page, username);
  return page;
}

async function createReport(overrides: Parameters<typeof sampleReport>[0]): Promise<Report> {
  const chef = await t.login('chef');
  const created = await t.api<Report>('POST', '/api/reports', chef.token, sampleReport(overrides));
  expect(created.status).toBe(201);
  return created.body;
}

const isOffer = (reportId: string) => (e: FieldEvent): e is Extract<FieldEvent, { type: 'assignment' }> =>
  e.type === 'assignment' && e.assignment.state === 'offered' && e.report.id === reportId;

test('offer to the recommended unit, the field accepts, the unit moves on the map, emergency on every console', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  const hh11 = unit('HH-11');
  // Nuisance next to HH-11's start: BOAs only, HH-11 is the nearest.
  const report = await createReport({
    category: 'overlast',
    description: 'E2E: harde muziek bij de speeltuin',
    address: 'Korte Voorhout 3',
    location: { lat: 52.0791, lng: 4.3131 },
  });
  const boa = await connectScriptedField(t.hub.url, (await t.login('boa1')).token);
  fieldClients.push(boa);

  await login(page, 'centralist');
  const row = page.locator(`[data-testid="unit-row"][data-unit-id="${hh11.id}"]`);
  await expect(page.getByTestId('units-board')).toBeVisible();
  await expect(page.getByTestId('unit-row')).toHaveCount(units.length);
  await expect(row).toHaveAttribute('data-status', 'beschikbaar');

  // ---- open the report, the recommended unit is on top and preselected; offer ----
  await page.locator(`[data-testid="queue-row"][data-report-id="${report.id}"]`).click();
  const panel = page.getByTestId('dispatch-panel');
  // The section says "Aanbevelingen laden…" until the recommendation is in (slow on a loaded machine).
  await expect(panel).toBeVisible({ timeout: 20_000 });
  const first = panel.getByTestId('recommendation-row').first();
  await expect(first).toHaveAttribute('data-unit-id', hh11.id);
  await expect(first).toHaveAttribute('data-recommended', 'true');
  await expect(first).toHaveAttribute('data-selected', 'true');
  await expect(first.getByTestId('recommended-badge')).toBeVisible();
  // Only BOAs may handle nuisance.
  const offeredIds = await panel.getByTestId('recommendation-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-unit-id')));
  expect(offeredIds.sort()).toEqual([unit('HH-11').id, unit('HH-12').id].sort());

  // No run card: one unit of any kind that may take it, the nearest.
  await expect(panel.getByTestId('run-card-text')).toHaveText(/^1 eenheid nodig, 1 beschikbaar binnen \d+ m$/);
  await expect(panel.getByTestId('offer-submit')).toContainText('HH-11');
  await panel.getByTestId('offer-submit').click();
  const offerState = panel.locator(`[data-testid="offer-state"][data-unit-id="${hh11.id}"]`);
  await expect(offerState).toHaveAttribute('data-state', 'offered');
  await expect(offerState.getByTestId('offer-countdown')).toHaveText(/nog \d+ s/);
  await expect(row).toHaveAttribute('data-status', 'aangeboden');

  // ---- the field client gets the offer and accepts it ----
  const offer = await boa.waitForEvent(isOffer(report.id));
  const accepted = await boa.command<Assignment>('offer:accept', { commandId: randomUUID(), assignmentId: offer.assignment.id });
  expect(accepted.ok).toBe(true);

  await expect(offerState).toHaveAttribute('data-state', 'accepted');
  await expect(row).toHaveAttribute('data-status', 'onderweg');
  await expect(row.getByTestId('unit-report')).toHaveText(report.number);
  await expect(page.getByTestId('report-detail')).toHaveAttribute('data-status', 'dispatched');

  // ---- the report has its unit: the recommendation list collapses; another unit only as "Extra eenheid" ----
  const collapsed = panel.getByTestId('dispatch-collapsed');
  await expect(collapsed).toContainText('Deze melding heeft al een eenheid: HH-11.');
  await expect(panel.getByTestId('recommendation-row')).toHaveCount(0);
  await expect(panel.getByTestId('offer-submit')).toHaveCount(0);
  await collapsed.getByTestId('dispatch-extra').click();
  await expect(panel.getByTestId('dispatch-extra-notice')).toContainText('Extra eenheid: de melding heeft al HH-11.');
  await expect(panel.getByTestId('recommendation-row').first()).toHaveAttribute('data-unit-id', unit('HH-12').id);
  await panel.getByTestId('dispatch-extra-notice').getByRole('button').click();
  await expect(panel.getByTestId('dispatch-collapsed')).toBeVisible();

  // ---- live fixes move the unit's feature in the map's units source ----
  const path: [number, number, number][] = [
    [52.0797, 4.3138, 40],
    [52.0803, 4.3147, 45],
    [52.0809, 4.3156, 50],
  ];
  const before = await unitOnMap(page, hh11.id);
  expect(before).not.toBeNull();
  for (const [lat, lng, heading] of path) {
    boa.sendFix({ lat, lng, accuracy: 6, heading });
    await page.waitForTimeout(1150);
  }
  const [lastLat, lastLng] = path[path.length - 1]!;
  await expect
    .poll(async () => {
      const now = await unitOnMap(page, hh11.id);
      return now ? [now.lat, now.lng] : null;
    }, { timeout: 15_000 }) // at rest moved units are drawn every 5 s (unitCoalescer.ts)
    .toEqual([lastLat, lastLng]);
  const moved = await unitOnMap(page, hh11.id);
  expect(moved?.properties).toMatchObject({ status: 'onderweg', moving: true, heading: 50, stale: false });
  await expect(row).toHaveAttribute('data-stale', 'false');
  await expect(row.getByTestId('unit-fix-age')).toHaveText(/^pos\. \d+ s$/);

  // ---- emergency: on both consoles, with the last position; the map flies there; one ack clears both ----
  const chefPage = await newConsole(browser, 'chef');
  const emergencyFix = { lat: 52.0811, lng: 4.3159, accuracy: 8, heading: null, at: new Date().toISOString() };
  const raised = await boa.command<Alert>('emergency', { commandId: randomUUID(), position: emergencyFix });
  expect(raised.ok).toBe(true);

  // The emergency panel is the one place for it: no second row with its own "Bevestigen" in the banner.
  const emergency = page.locator('[data-testid="emergency-item"]').filter({ hasText: 'HH-11' });
  const chefEmergency = chefPage.locator('[data-testid="emergency-item"]').filter({ hasText: 'HH-11' });
  // The panel reads the emergency once its event is in: on a loaded machine that takes a while.
  await expect(emergency).toBeVisible({ timeout: 20_000 });
  await expect(chefEmergency).toBeVisible({ timeout: 20_000 });
  await expect(page.locator('[data-testid="alert-item"][data-kind="emergency"]')).toHaveCount(0);
  await expect(emergency.getByTestId('emergency-title')).toContainText('HH-11');
  await expect(emergency.getByTestId('emergency-position')).toContainText('52.08110, 4.31590');
  // Its last fixes as a short trail on the map (the emergency-trails source: a point per fix, the unit's).
  await expect
    .poll(
      () =>
        page.evaluate(async (unitId) => {
          const hook = (window as unknown as { __meldkamer?: { map: import('maplibre-gl').Map } }).__meldkamer;
          const source = hook?.map.getSource('emergency-trails') as import('maplibre-gl').GeoJSONSource | undefined;
          const data = (await source?.getData()) as GeoJSON.FeatureCollection | undefined;
          return (data?.features ?? []).filter((f) => f.properties?.kind === 'fix' && f.properties?.unitId === unitId).length;
        }, hh11.id),
      { timeout: 20_000 },
    )
    .toBeGreaterThan(0);
  // The map flies there: the emergency's point ends near the middle of the map (within 60 px; since the evening of
  // 2026-11-30 it lands ~19 px north of the exact centre in this spec, cause not found yet), far from where it was.
  await expect
    .poll(
      () =>
        page.evaluate((at) => {
          const map = (window as unknown as { __meldkamer?: { map: import('maplibre-gl').Map } }).__meldkamer?.map;
          if (!map) return Number.POSITIVE_INFINITY;
          const p = map.project([at.lng, at.lat]);
          const el = map.getContainer();
          return Math.hypot(p.x - el.clientWidth / 2, p.y - el.clientHeight / 2);
        }, emergencyFix),
      { timeout: 15_000 },
    )
    .toBeLessThan(60);
  await expect(row).toHaveAttribute('aria-selected', 'true');

  mkdirSync('tests/e2e/artifacts', { recursive: true });
  await page.screenshot({ path: 'tests/e2e/artifacts/dispatch-console.png' });

  // "Gezien" in the panel acknowledges it (and its alert) on every console; the panel stays until it is ended.
  await emergency.getByTestId('emergency-ack').click();
  await expect(emergency).toHaveAttribute('data-acked', 'true', { timeout: 20_000 });
  await expect(chefEmergency).toHaveAttribute('data-acked', 'true', { timeout: 20_000 });
  await expect(chefEmergency.getByTestId('emergency-ack')).toHaveCount(0);
  await chefPage.context().close();
});

test('an offer nobody answers expires: alert on the console and the next recommendation on top', async ({ page }) => {
  test.setTimeout(60_000);
  const af31 = unit('AF-31');
  // Waste next to AF-31's start: AF-31 is the nearest of the units that may take it.
  const report = await createReport({
    category: 'afval',
    description: 'E2E: vuilniszakken naast de container',
    address: 'Loosduinseweg 200',
    location: { lat: 52.0603, lng: 4.2795 },
  });

  await login(page, 'centralist');
  await page.locator(`[data-testid="queue-row"][data-report-id="${report.id}"]`).click();
  const panel = page.getByTestId('dispatch-panel');
  const first = panel.getByTestId('recommendation-row').first();
  await expect(first).toHaveAttribute('data-unit-id', af31.id);
  await expect(first).toHaveAttribute('data-recommended', 'true');

  await panel.getByTestId('offer-timeout').selectOption('10');
  await panel.getByTestId('offer-submit').click();
  const offerState = panel.locator(`[data-testid="offer-state"][data-unit-id="${af31.id}"]`);
  await expect(offerState).toHaveAttribute('data-state', 'offered');

  // Nobody answers: after 10 s the hub expires the offer.
  await expect(offerState).toHaveAttribute('data-state', 'expired', { timeout: 20_000 });
  const alert = page.locator(`[data-testid="alert-item"][data-kind="offer_expired"][data-report-id="${report.id}"]`);
  await expect(alert).toBeVisible();
  await expect(alert.getByTestId('alert-text')).toContainText(`AF-31`);
  await expect(alert.getByTestId('alert-text')).toContainText(report.number);
  await expect(panel.getByTestId('dispatch-next')).toBeVisible();

  // The next recommendation is on top and preselected; AF-31 is last, marked.
  const top = panel.getByTestId('recommendation-row').first();
  await expect(top).not.toHaveAttribute('data-unit-id', af31.id);
  await expect(top).toHaveAttribute('data-recommended', 'true');
  await expect(top).toHaveAttribute('data-selected', 'true');
  await expect(panel.getByTestId('recommendation-row').last()).toHaveAttribute('data-unit-id', af31.id);
  await expect(page.locator(`[data-testid="unit-row"][data-unit-id="${af31.id}"]`)).toHaveAttribute('data-status', 'beschikbaar');

  await alert.getByTestId('alert-ack').click();
  await expect(alert).toHaveCount(0);
});

test('the police coordinator draws a focus area and tasks a unit; the desk sees it on the map and the board', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const pk21 = unit('PK-21');
  await login(page, 'politie');
  await page.getByTestId('tasking-open').click();
  const panel = page.getByTestId('tasking-panel');
  await expect(panel).toBeVisible();

  // Draw a square in the middle of the map: four clicks, then Enter. Esc first cancels a drawing.
  const box = await page.getByTestId('map').boundingBox();
  if (!box) throw new Error('map not laid out');
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await panel.getByTestId('focus-area-draw').click();
  await page.mouse.click(cx - 20, cy - 20);
  await page.keyboard.press('Escape');
  await expect(panel.getByTestId('focus-area-draw')).toBeVisible();
  await expect(panel).toBeVisible();

  await panel.getByTestId('focus-area-draw').click();
  await expect(page.getByTestId('map-draw-hint')).toBeVisible();
  for (const [dx, dy] of [
    [-80, -60],
    [80, -60],
    [80, 60],
  ] as const) {
    await page.mouse.click(cx + dx, cy + dy);
    await page.waitForTimeout(350);
  }
  // A double click on the last corner finishes the polygon.
  await page.mouse.dblclick(cx - 80, cy + 60);
  await expect(panel.getByTestId('focus-area-draw-state')).toHaveAttribute('data-state', 'drawn');
  await expect(panel.getByTestId('focus-area-draw-state')).toContainText('4 punten');

  await panel.getByTestId('focus-area-name').fill('Centrum E2E');
  await panel.getByTestId('focus-area-instructions').fill('Extra toezicht op fietsparkeren bij het station.');
  await panel.getByTestId('focus-area-submit').click();
  await expect(panel.getByTestId('focus-area-notice')).toContainText('Centrum E2E');
  const areaRow = panel.locator('[data-testid="tasking-area-row"]', { hasText: 'Centrum E2E' });
  await expect(areaRow).toBeVisible();

  await panel.getByTestId('tasking-unit').selectOption(pk21.id);
  await panel.getByTestId('tasking-area').selectOption({ label: 'Centrum E2E' });
  await panel.getByTestId('tasking-shift').selectOption('laat');
  await panel.getByTestId('tasking-submit').click();
  await expect(panel.getByTestId('tasking-notice')).toContainText('PK-21');
  await expect(areaRow.locator(`[data-testid="tasking-entry"][data-unit-id="${pk21.id}"]`)).toBeVisible();

  // The dispatcher's console: the area on the map (its own source) and on the units board.
  const desk = await newConsole(browser, 'centralist');
  await expect(desk.locator(`[data-testid="unit-row"][data-unit-id="${pk21.id}"] [data-testid="unit-area"]`)).toHaveText(
    'Centrum E2E · late dienst',
  );
  await expect
    .poll(
      () =>
        desk.evaluate(async () => {
          const hook = (window as unknown as {
            __meldkamer?: { map: { getSource(id: string): { getData(): Promise<GeoJSON.FeatureCollection> } | undefined } };
          }).__meldkamer;
          const data = await hook?.map.getSource('tasking-areas')?.getData();
          return (data?.features ?? []).map((f) => [f.properties?.name, f.geometry.type, (f.geometry as GeoJSON.Polygon).coordinates[0]?.length]);
        }),
      { timeout: 5_000 },
    )
    .toEqual([['Centrum E2E', 'Polygon', 5]]);
  await page.screenshot({ path: 'tests/e2e/artifacts/dispatch-tasking.png' });
  await desk.context().close();
});
