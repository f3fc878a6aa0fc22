/**
 * The map bench's set-up, shared by `npm run bench -- map-render` and the console-map check goal: a real hub
 * (SQLite, demo data) with 5,000 open reports created through `createReport()` and 500 extra units with field
 * users, headless Chromium with the console logged in as the dispatcher (the tap of map-page.ts installed), and
 * 500 real field clients (avl-clients.ts, one fix per 5 s each, staggered) already sending.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Browser, type CDPSession, chromium, type Page } from '@playwright/test';
import { createReport } from '../../server/commands/reports';
import { createSession, findUserByUsername, rowToUser } from '../../server/store/users';
import { createFieldUnits } from '../support/field-units';
import type { FieldLogin } from './avl-clients';
import { AvlClients } from './avl-process';
import { countRenders, featureCount, installTap, MAPLIBRE_MODULE, MAPLIBRE_URL } from './map-page';
import { CATEGORIES, DEN_HAAG, ms, prng, sleep, startBenchHub } from './support';

export const REPORTS = 5_000;
export const UNITS = 500;
export const INTERVAL_MS = 5_000;
export const VIEWPORT = { width: 1600, height: 1000 };
export const CHROMIUM = process.env.MELDKAMER_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];
const RENDERER_INDEX = fileURLToPath(new URL('../../dist/renderer/index.html', import.meta.url));

export interface MapSession {
  browser: Browser;
  page: Page;
  cdp: CDPSession;
  info: { reports: number; view: { zoom: number; width: number; height: number } };
  close(): Promise<void>;
}

async function waitUntil(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`map bench: timed out waiting for ${what}`);
    await sleep(250);
  }
}

async function seed(bench: Awaited<ReturnType<typeof startBenchHub>>): Promise<{ logins: FieldLogin[]; reportsMs: number }> {
  const db = bench.hub.store.db;
  const units = await createFieldUnits(bench.hub, UNITS);
  const logins: FieldLogin[] = [];
  for (const u of units) {
    const row = await findUserByUsername(db, u.username);
    if (!row) throw new Error(`no user ${u.username}`);
    logins.push({ unitId: u.unitId, token: (await createSession(db, row.id, 3600_000)).token });
  }
  const dispatcher = await findUserByUsername(db, 'centralist');
  if (!dispatcher) throw new Error('demo user centralist missing');
  const ctx = { ...bench.hub.deps, actor: rowToUser(dispatcher) };
  const random = prng(5000);
  const t0 = performance.now();
  for (let i = 0; i < REPORTS; i++) {
    await createReport(ctx, {
      category: CATEGORIES[i % CATEGORIES.length]!,
      location: {
        lat: Math.round((DEN_HAAG.latMin + random() * (DEN_HAAG.latMax - DEN_HAAG.latMin)) * 1e6) / 1e6,
        lng: Math.round((DEN_HAAG.lngMin + random() * (DEN_HAAG.lngMax - DEN_HAAG.lngMin)) * 1e6) / 1e6,
      },
      address: `Benchstraat ${i + 1}`,
      description: `Bench-melding ${i + 1}: losse stoeptegel bij de ingang`,
      source: 'phone',
      priority: 'normal',
    });
  }
  return { logins, reportsMs: performance.now() - t0 };
}

export async function openMapSession(say: (line: string) => void): Promise<MapSession> {
  if (!existsSync(RENDERER_INDEX)) throw new Error(`map bench: ${RENDERER_INDEX} is missing; run npm run build:renderer first`);
  if (!existsSync(CHROMIUM)) throw new Error(`map bench: Chromium not found at ${CHROMIUM} (set MELDKAMER_CHROMIUM)`);
  const bench = await startBenchHub('sqlite');
  let browser: Browser | undefined;
  let clients: AvlClients | undefined;
  const close = async () => {
    await clients?.stop(0).catch(() => undefined);
    await clients?.close();
    await browser?.close();
    await bench.stop();
  };
  try {
    const { logins, reportsMs } = await seed(bench);
    say(`map: ${REPORTS} reports created through createReport() in ${ms(reportsMs)} ms; ${UNITS} field units and sessions`);
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport: VIEWPORT, deviceScaleFactor: 1 });
    const page = await context.newPage();
    page.on('pageerror', (err) => say(`map: page error: ${err.message}`));
    // tsx (esbuild keepNames) wraps inner functions in __name(); the serialized page functions need it too.
    await page.addInitScript({ content: 'globalThis.__name ??= (f) => f;' });
    await page.addInitScript(installTap);
    await page.route(`**${MAPLIBRE_URL}`, (route) => route.fulfill({ path: MAPLIBRE_MODULE, contentType: 'text/javascript' }));

    const t0 = performance.now();
    await page.goto(bench.url);
    await page.getByTestId('login-username').fill('centralist');
    await page.getByTestId('login-password').fill('centralist');
    await page.getByTestId('login-submit').click();
    await page.locator('[data-testid="connection-status"][data-state="online"]').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => Boolean((window as unknown as { __meldkamer?: unknown }).__meldkamer), null, { timeout: 30_000 });
    await waitUntil(`${REPORTS} reports on the map`, 60_000, async () => (await featureCount(page, 'reports')) >= REPORTS);
    await waitUntil(`${UNITS} units on the map`, 30_000, async () => (await featureCount(page, 'units')) >= UNITS);
    const reports = await featureCount(page, 'reports');
    await countRenders(page);
    const view = await page.evaluate(() => {
      const map = (window as unknown as { __meldkamer: { map: import('maplibre-gl').Map } }).__meldkamer.map;
      const c = map.getCanvas();
      return { zoom: map.getZoom(), width: c.clientWidth, height: c.clientHeight };
    });
    say(`map: console ready with ${reports} reports in ${ms(performance.now() - t0)} ms (map ${view.width}×${view.height} px, zoom ${view.zoom.toFixed(1)})`);

    clients = new AvlClients();
    const ready = await clients.setup({ type: 'setup', url: bench.url, consoles: 0, field: logins });
    say(`map: ${ready.field} field units connected in ${ms(ready.setupMs)} ms`);
    await clients.start(INTERVAL_MS);
    // One full interval, so every unit has moved into the Den Haag box and is sending.
    await sleep(INTERVAL_MS);

    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'timeTicks' });
    return { browser, page, cdp, info: { reports, view }, close };
  } catch (err) {
    await close();
    throw err;
  }
}
