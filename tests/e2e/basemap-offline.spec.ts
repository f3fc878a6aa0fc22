import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { buildTestBasemap, TEST_STREET } from '../support/basemap';
import { loginConsole } from '../support/console-page';
import { startTestHub, type TestHub } from '../support/hub';

/**
 * Offline basemap (issue 12, point 4): a small MBTiles file built here (geojson-vt + @maplibre/vt-pbf), served by the
 * hub with its style and DejaVu glyphs; the console draws the street's name, with nothing from the internet.
 */
let t: TestHub;
// Each test starts its own hub and waits for tiles and glyphs on a shared, busy machine.
test.describe.configure({ timeout: 120_000 });

test.beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'meldkamer-basemap-'));
  t = await startTestHub({ demo: true, config: { mapTiles: buildTestBasemap(dir), mapZoom: 15, mapCenter: [4.3, 52.075] } });
});
test.afterAll(async () => {
  await t?.stop();
});

/** Names the basemap's street label layer has drawn (symbols MapLibre placed, so their glyphs were there). */
function drawnStreetNames(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const hook = (window as unknown as { __meldkamer?: { map: import('maplibre-gl').Map } }).__meldkamer;
    if (!hook?.map.getLayer('street-names')) return [];
    return hook.map.queryRenderedFeatures({ layers: ['street-names'] }).map((f) => String(f.properties.name));
  });
}

test('the console draws a street name from the hub\'s offline basemap, by night and by day, under its live layers', async ({ page }) => {
  const outside: string[] = [];
  page.on('request', (request) => {
    if (!request.url().startsWith(t.hub.url) && !/^(data|blob):/.test(request.url())) outside.push(request.url());
  });
  const glyphs: string[] = [];
  page.on('response', (response) => {
    if (response.url().includes('/map/glyphs/')) glyphs.push(`${response.status()} ${decodeURIComponent(new URL(response.url()).pathname)}`);
  });

  await loginConsole(page, t.hub.url, 'centralist');
  await expect(page.getByTestId('map')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
  await expect.poll(() => drawnStreetNames(page), { timeout: 30_000 }).toContain(TEST_STREET.name);
  expect(glyphs).toContain('200 /map/glyphs/DejaVu Sans/0-255.pbf');
  // The night palette is the console's default.
  const background = () =>
    page.evaluate(() => {
      const map = (window as unknown as { __meldkamer: { map: import('maplibre-gl').Map } }).__meldkamer.map;
      return String(map.getPaintProperty('background', 'background-color'));
    });
  const night = await background();

  await page.getByTestId('basemap-mode').click();
  await expect.poll(background, { timeout: 10_000 }).not.toBe(night);
  await expect.poll(() => drawnStreetNames(page), { timeout: 30_000 }).toContain(TEST_STREET.name);
  // The live layers stayed on top of the new basemap.
  const overlay = await page.evaluate(() => {
    const hook = (window as unknown as { __meldkamer: { map: import('maplibre-gl').Map; sources: { reports: string } } }).__meldkamer;
    const layers = hook.map.getStyle().layers.map((l) => l.id);
    return { source: Boolean(hook.map.getSource(hook.sources.reports)), streetsBelow: layers.indexOf('street-names') < layers.length - 1 };
  });
  expect(overlay).toEqual({ source: true, streetsBelow: true });
  expect(outside).toEqual([]);
});

test('with an online style configured that cannot be reached (no internet), the console falls back to the offline basemap', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'meldkamer-basemap-'));
  const offline = await startTestHub({
    demo: true,
    config: {
      mapStyleUrl: 'https://127.0.0.1:9/kadaster/brt-achtergrondkaart/ogc/v1/styles/standaard__webmercatorquad?f=mapbox',
      mapTiles: buildTestBasemap(dir),
      mapZoom: 15,
      mapCenter: [4.3, 52.075],
    },
  });
  try {
    await loginConsole(page, offline.hub.url, 'centralist');
    await expect(page.getByTestId('map')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
    await expect.poll(() => drawnStreetNames(page), { timeout: 30_000 }).toContain(TEST_STREET.name);
    // The day/night switch stays with the offline basemap instead of trying the unreachable style again.
    await page.getByTestId('basemap-mode').click();
    await expect.poll(() => page.evaluate(() => document.querySelector('[data-testid="basemap-mode"]')?.getAttribute('aria-pressed'))).toBe('false');
    await expect.poll(() => drawnStreetNames(page), { timeout: 30_000 }).toContain(TEST_STREET.name);
  } finally {
    await offline.stop();
  }
});

test('the demo hub draws its approximate street map with names (npm start, no internet)', async ({ page }) => {
  const demo = await startTestHub({ demo: true, config: { mapZoom: 16, mapCenter: [4.3095, 52.0805] } });
  try {
    const config = (await demo.api<{ mapTilesStyleUrl: string | null }>('GET', '/api/config')).body;
    expect(config.mapTilesStyleUrl).toBe('/map/style.json');
    await loginConsole(page, demo.hub.url, 'centralist');
    await expect(page.getByTestId('map')).toHaveAttribute('data-ready', 'true', { timeout: 15_000 });
    await expect.poll(() => drawnStreetNames(page), { timeout: 30_000 }).toContain('Lange Voorhout');
  } finally {
    await demo.stop();
  }
});
