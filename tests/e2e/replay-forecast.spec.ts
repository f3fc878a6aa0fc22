import { expect, test } from '@playwright/test';
import type { Report } from '../../server/protocol/report';
import { openHeaderTool } from '../support/console-page';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';

// The shift lead's Terugkijken (shift replay) and the police coordinator's Voorspelling (hotspot forecast), in Chromium.
let hub: TestHub;
let report: Report;
/** The hub's clock runs this far ahead of the wall clock (moved on to leave the replay view open a while). */
let hubAheadMs = 0;
test.beforeAll(async () => {
  hub = await startTestHub({ store: 'sqlite', clock: () => new Date(Date.now() + hubAheadMs) });
  const token = (await hub.login('centralist')).token;
  report = (await hub.api<Report>('POST', '/api/reports', token, sampleReport({ description: 'Fiets tegen de gevel' }))).body;
});
test.afterAll(async () => {
  await hub.stop();
});
test.afterEach(() => {
  hubAheadMs = 0;
});

/** As loginConsole, with the generous wait a loaded machine needs to go live. */
async function signIn(page: import('@playwright/test').Page, username: string): Promise<void> {
  await page.goto(hub.hub.url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(username);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'online', { timeout: 90_000 });
}

const timeOf = async (page: import('@playwright/test').Page) => Date.parse((await page.getByTestId('replay-time').getAttribute('data-at')) ?? '');

test('replay: the slider moves back and forth, the queue and the map change, play moves time on', async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, 'chef');
  // The live overview is the shift lead's default screen: closed first, back to the console's header.
  await page.getByTestId('overview-close').click({ timeout: 30_000 });
  await openHeaderTool(page, 'replay-open');
  const view = page.getByTestId('replay-view');
  await expect(view).toBeVisible();
  await expect(page.getByTestId('replay-loading')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('history-map')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  // An hour ago the report made at the start of this test was not there yet.
  const start = await timeOf(page);
  expect(Date.now() - start).toBeGreaterThan(55 * 60_000);
  const row = view.getByTestId('replay-report').filter({ hasText: report.number });
  await expect(row).toHaveCount(0);

  // Shift+→ seven times: past now, held at the end of the range; the report is in the queue and on the map.
  for (let i = 0; i < 7; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  await expect(row).toHaveAttribute('data-status', 'new');
  const onMap = await page.waitForFunction(
    async (id) => {
      const hook = (window as unknown as { __meldkamerHistory?: { map: import('maplibre-gl').Map; sources: { reports: string } } }).__meldkamerHistory;
      const source = hook?.map.getSource(hook.sources.reports) as import('maplibre-gl').GeoJSONSource | undefined;
      const data = (await source?.getData()) as GeoJSON.FeatureCollection | undefined;
      return data?.features.some((f) => f.properties?.id === id) ?? false;
    },
    report.id,
    { timeout: 30_000 },
  );
  expect(await onMap.jsonValue()).toBe(true);
  await page.screenshot({ path: test.info().outputPath('replay-now.png') });

  // Back 30 minutes with the slider's keys: the report leaves the queue again.
  for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowLeft');
  await expect(row).toHaveCount(0, { timeout: 30_000 });
  const back = await timeOf(page);

  // Play at 60×: time moves on by itself; space pauses.
  await page.getByTestId('replay-speed').selectOption('60');
  await page.getByTestId('replay-play').click();
  await expect.poll(async () => (await timeOf(page)) - back, { timeout: 30_000 }).toBeGreaterThan(60_000);
  await page.keyboard.press(' ');
  await expect(page.getByTestId('replay-play')).toHaveAttribute('aria-pressed', 'false');
  await page.screenshot({ path: test.info().outputPath('replay-played.png') });

  // The slider's own keys: Home to the start of the 12 hours, End back to the end (each a far jump: a new snapshot).
  await page.getByTestId('replay-slider').focus();
  await page.keyboard.press('Home');
  await expect.poll(async () => Date.now() - (await timeOf(page)), { timeout: 30_000 }).toBeGreaterThan(11.5 * 3_600_000);
  await expect(page.getByTestId('replay-loading')).toHaveCount(0, { timeout: 30_000 });
  await page.keyboard.press('End');
  await expect(row).toHaveCount(1, { timeout: 30_000 });
  expect(Date.now() - (await timeOf(page))).toBeLessThan(5 * 60_000);
  await page.keyboard.press('Escape');
  await expect(view).toHaveCount(0);
});

test('replay left open a while: the slider\'s left end is still answered, the range moved on with the clock', async ({ page }) => {
  test.setTimeout(300_000);
  await page.clock.install();
  await signIn(page, 'chef');
  await page.getByTestId('overview-close').click({ timeout: 30_000 });
  await openHeaderTool(page, 'replay-open');
  await expect(page.getByTestId('replay-loading')).toHaveCount(0, { timeout: 30_000 });
  // Ten idle minutes, on the hub's clock and the console's alike: the range it last answered now starts 10 minutes
  // before the hub's 12 hours (5 minutes is all the grace it gives).
  hubAheadMs = 10 * 60_000;
  await page.clock.fastForward('10:00');
  await page.getByTestId('replay-slider').focus();
  await page.keyboard.press('Home');
  await expect.poll(async () => Date.now() + hubAheadMs - (await timeOf(page)), { timeout: 30_000 }).toBeGreaterThan(11.5 * 3_600_000);
  await expect(page.getByTestId('replay-loading')).toHaveCount(0, { timeout: 30_000 });
  await expect(page.getByTestId('replay-view').getByRole('alert')).toHaveCount(0);
  expect(Date.now() + hubAheadMs - (await timeOf(page))).toBeLessThanOrEqual(12 * 3_600_000 + 60_000);
});

test('forecast: the heat layer and the list, and a focus area from a cell', async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, 'politie');
  await expect(page.getByTestId('replay-open')).toHaveCount(0);
  await page.getByTestId('forecast-open').click();
  const view = page.getByTestId('forecast-view');
  await expect(view.getByTestId('forecast-model')).toContainText('12 weken', { timeout: 30_000 });
  const rows = view.getByTestId('forecast-row');
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(0);
  await expect(page.getByTestId('history-map')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  const cells = await page.waitForFunction(
    async () => {
      const hook = (window as unknown as { __meldkamerHistory?: { map: import('maplibre-gl').Map; sources: { cells: string } } }).__meldkamerHistory;
      const source = hook?.map.getSource(hook.sources.cells) as import('maplibre-gl').GeoJSONSource | undefined;
      const data = (await source?.getData()) as GeoJSON.FeatureCollection | undefined;
      return data && data.features.length > 0 ? data.features.length : false;
    },
    undefined,
    { timeout: 30_000 },
  );
  expect(await cells.jsonValue()).toBe(await rows.count());
  // One weekday and hour instead of the whole week.
  await view.getByTestId('forecast-day').selectOption('0');
  await expect(view.getByTestId('forecast-hour')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('forecast.png') });

  await rows.first().getByTestId('forecast-to-focus').click();
  const form = view.getByTestId('forecast-focus-form');
  await expect(form.getByTestId('focus-area-draw-state')).toHaveAttribute('data-state', 'drawn');
  await form.getByTestId('focus-area-name').fill('Voorspeld gebied');
  await form.getByTestId('focus-area-instructions').fill('Extra surveillance in de avond');
  await form.getByTestId('focus-area-public').fill('Hier verwachten we deze week meer meldingen; daarom komen we hier vaker langs.');
  await form.getByTestId('focus-area-submit').click();
  await expect(view.getByTestId('forecast-created')).toContainText('Voorspeld gebied', { timeout: 15_000 });
  await page.screenshot({ path: test.info().outputPath('forecast-focus.png') });
});
