import { expect, type Page, test } from '@playwright/test';
import { PNG } from 'pngjs';
import type { OverviewSnapshot } from '../../server/protocol/overview';
import type { Report } from '../../server/protocol/report';
import type { IssuedWallboardDevice } from '../../server/protocol/wallboard';
import { loginConsole, openHeaderTool } from '../support/console-page';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';

/**
 * The shift lead's views after a walkthrough (issue 14): the header's tools fit at 1280 and 1600 px, the views in one
 * keyboard-usable "Dienstchef" menu; every overview figure opens a queue that holds exactly what it counts (also the
 * reopen requests older than 2 weeks); the printed shift report is black on white; the wallboard shows every figure
 * without scrolling at 1600×1000 and 1920×1080 and returns to its entry form when its code is revoked.
 */
let t: TestHub;
/** The hub's clock runs this far from the wall clock (set back to make a reopen request 20 days old). */
let offsetMs = 0;
const DAY = 24 * 3600_000;
const CLOSE_NO_ACTION = {
  kind: 'close',
  outcome: 'no_action',
  found: { code: 'zoals_gemeld', text: 'Tak aangetroffen, hangt hoog genoeg' },
  action: { code: 'geen_actie', text: 'Geen actie nodig, situatie is veilig' },
};

test.beforeAll(async () => {
  t = await startTestHub({ demo: true, clock: () => new Date(Date.now() + offsetMs) });
});
test.afterAll(async () => {
  await t?.stop();
});

/** A report closed and then refused by its reporter ("niet opgelost"): a reopen request from the hub's now. */
async function reopenRequest(description: string): Promise<Report> {
  const desk = (await t.login('centralist')).token;
  const created = await t.api<Report>('POST', '/api/reports', desk, {
    ...sampleReport({ description }),
    reporter: { name: 'Bram Heropen', email: 'bram.heropen@example.nl' },
    consent: { contact: true },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const closed = await t.api<Report>('POST', `/api/reports/${created.body.id}/transition`, desk, { to: 'closed', resolution: CLOSE_NO_ACTION });
  expect(closed.status, JSON.stringify(closed.body)).toBe(200);
  const row = await t.hub.store.db.selectFrom('reports').select('citizen_token').where('id', '=', created.body.id).executeTakeFirstOrThrow();
  const answer = await fetch(`${t.hub.url}/status/${row.citizen_token}/antwoord`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ tevreden: 'nee', toelichting: 'Nog steeds niet opgelost' }).toString(),
    redirect: 'manual',
  });
  expect(answer.status).toBe(303);
  return created.body;
}

const figureValue = async (page: Page, testId: string) => Number(await page.getByTestId(testId).locator('.ov-value').textContent());
/** The words of the queue's chosen status filter, "Nieuw (5)" → "Nieuw". */
const chosenFilterLabel = async (page: Page) =>
  ((await page.getByTestId('queue-status-filter').locator('option:checked').textContent()) ?? '').replace(/\s*\(\d+\)\s*$/, '').trim();
/** The count the queue's chosen status filter shows, "Nieuw (5)" → 5. */
const chosenFilterCount = async (page: Page) =>
  Number(/\((\d+)\)\s*$/.exec((await page.getByTestId('queue-status-filter').locator('option:checked').textContent()) ?? '')?.[1]);

test('the header fits at 1280 and 1600 px; the shift lead’s views are one menu, usable from the keyboard', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1600, height: 900 });
  await loginConsole(page, t.hub.url, 'chef', { keepOverview: true });
  for (const [width, locale] of [
    [1280, 'nl'],
    [1600, 'nl'],
    [1280, 'en'],
  ] as const) {
    await page.getByTestId(`locale-${locale}`).click();
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: testInfo.outputPath(`header-${width}-${locale}.png`) });
    // Nothing hidden in the tool strip, nothing past the header's edge.
    const strip = await page.locator('.header-tools').evaluate((e) => e.scrollWidth - e.clientWidth);
    expect(strip, `tool strip overflow at ${width} px (${locale})`).toBeLessThanOrEqual(0);
    for (const control of await page.locator('.app-header button, .app-header [data-testid="current-user"]').all()) {
      const box = await control.boundingBox();
      // Whole in view (a sub-pixel of layout rounding aside).
      expect(box && box.x >= -0.5 && box.x + box.width <= width + 0.5, `${await control.textContent()} at ${width} px (${locale})`).toBe(true);
    }
  }
  await page.getByTestId('locale-nl').click();
  for (const id of ['overview-open', 'kpi-open', 'signals-board-open', 'shift-report-open', 'replay-open', 'forecast-open']) {
    await expect(page.locator(`.app-header > .header-tools > [data-testid="${id}"]`)).toHaveCount(0);
  }

  const menu = page.getByTestId('shift-lead-menu');
  const list = page.getByTestId('shift-lead-menu-list');
  await menu.focus();
  await page.keyboard.press('Enter');
  await expect(list).toBeVisible();
  await expect(menu).toHaveAttribute('aria-expanded', 'true');
  // The views first, then the map's tools, then the shift lead's own (a separator between the groups).
  const ids = await list.locator('[role^="menuitem"]').evaluateAll((items) => items.map((i) => i.getAttribute('data-testid')));
  expect(ids).toEqual([
    'overview-open',
    'kpi-open',
    'signals-board-open',
    'shift-report-open',
    'replay-open',
    'forecast-open',
    'hotspots-open',
    'signals-import-open',
    'tasking-open',
    'satisfaction-open',
    'throttles-open',
    'access-log-open',
    'totp-open',
  ]);
  await expect(list.getByRole('separator')).toHaveCount(2);
  await expect(page.getByTestId('overview-open')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByTestId('kpi-open')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(page.getByTestId('totp-open')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('overview-open')).toBeFocused();
  await page.screenshot({ path: testInfo.outputPath('shift-lead-menu.png') });
  // Esc closes the menu only (the overview under it stays) and gives the focus back to its button.
  await page.keyboard.press('Escape');
  await expect(list).toHaveCount(0);
  await expect(menu).toBeFocused();
  await expect(page.getByTestId('overview')).toBeVisible();
  // Space opens it too; Enter on an item opens that view.
  await page.keyboard.press('Space');
  await expect(page.getByTestId('overview-open')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(list).toHaveCount(0);
  await expect(page.getByTestId('kpi-view')).toBeVisible();
});

test('every overview figure opens the queue with exactly what it counts, reopen requests older than 2 weeks too', async ({ page }) => {
  test.setTimeout(240_000);
  offsetMs = -20 * DAY;
  const old = await reopenRequest('E2E heropenverzoek van drie weken');
  offsetMs = -1 * DAY;
  const fresh = await reopenRequest('E2E heropenverzoek van gisteren');
  offsetMs = 0;
  // Closed, and its closing SMS failed (no SMS gateway): counted under "mislukte berichten", never in the open queue.
  const desk = (await t.login('centralist')).token;
  const phoned = await t.api<Report>('POST', '/api/reports', desk, { ...sampleReport({ description: 'E2E sms mislukt' }), reporter: { phone: '0612340000' }, consent: { contact: true } });
  expect(phoned.status, JSON.stringify(phoned.body)).toBe(201);
  expect((await t.api('POST', `/api/reports/${phoned.body.id}/transition`, desk, { to: 'closed', resolution: CLOSE_NO_ACTION })).status).toBe(200);
  await expect
    .poll(async () => (await t.api<OverviewSnapshot>('GET', '/api/overview', desk)).body.reports.find((r) => r.id === phoned.body.id)?.deliveryFailed, {
      timeout: 30_000,
    })
    .toBe(true);

  await loginConsole(page, t.hub.url, 'chef', { keepOverview: true });
  const chef = (await t.login('chef')).token;
  const hubSnapshot = (await t.api<OverviewSnapshot>('GET', '/api/overview', chef)).body;
  expect(hubSnapshot.reports.find((r) => r.id === old.id)?.status).toBe('reopen_requested');
  await expect.poll(() => figureValue(page, 'ov-status-reopen_requested'), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  await expect.poll(() => figureValue(page, 'ov-old-reopen'), { timeout: 30_000 }).toBeGreaterThanOrEqual(1);

  const figures = await page.evaluate(() => [...document.querySelectorAll('[data-testid="overview"] button.ov-link[data-testid]')].map((e) => e.getAttribute('data-testid') ?? ''));
  expect(figures.length).toBeGreaterThan(10);
  const oldRow = page.locator(`[data-testid="queue-row"][data-report-id="${old.id}"]`);
  const freshRow = page.locator(`[data-testid="queue-row"][data-report-id="${fresh.id}"]`);
  await page.getByTestId('ov-old-reopen').click();
  await expect(page.getByTestId('queue-status-filter')).toHaveValue('old_reopen_requested');
  await expect(oldRow).toBeVisible({ timeout: 15_000 });
  await expect(freshRow).toHaveCount(0);

  // The longest-waiting link opens its report in a queue that shows it, whatever filter the queue had (here: old reopen requests only).
  await openHeaderTool(page, 'overview-open');
  const waitingLabel = (await page.getByTestId('ov-longest-waiting').locator('.ov-label').textContent()) ?? '';
  const waitingNumber = waitingLabel.split(' · ')[0]?.trim() ?? '';
  expect(waitingNumber).not.toBe('');
  await page.getByTestId('ov-longest-waiting').click();
  await expect(page.getByTestId('overview')).toHaveCount(0);
  await expect(page.getByTestId('queue-status-filter')).toHaveValue('all');
  await expect(page.getByTestId('queue-filter-category')).toHaveValue('');
  await expect(page.getByTestId('queue-row').filter({ hasText: waitingNumber })).toBeVisible({ timeout: 15_000 });

  await openHeaderTool(page, 'overview-open');
  for (const id of figures.filter((f) => f !== 'ov-longest-waiting')) {
    await expect(page.getByTestId('overview')).toBeVisible();
    const counted = await figureValue(page, id);
    const label = (await page.getByTestId(id).locator('.ov-label').textContent())?.trim();
    await page.getByTestId(id).click();
    await expect(page.getByTestId('overview')).toHaveCount(0);
    if (id.startsWith('ov-category-')) {
      // A category's figure: every open report of that category (any status), the category chosen by its own name.
      await expect(page.getByTestId('queue-status-filter')).toHaveValue('all');
      await expect(page.getByTestId('queue-filter-category')).toHaveValue(id.slice('ov-category-'.length));
      expect((await page.getByTestId('queue-filter-category').locator('option:checked').textContent())?.trim(), `${id} opens its own category`).toBe(label);
      await expect(page.getByTestId('queue-count'), `${id} counts ${counted}`).toHaveText(new RegExp(`^${counted} (van|of) `));
    } else if (id === 'ov-failed') {
      // The failed messages, of open and closed reports (the queue holds open ones only): one report each counted.
      const rows = page.getByTestId('outbox-panel').getByTestId('outbox-row');
      await expect(rows.first()).toBeVisible({ timeout: 15_000 });
      const reports = new Set(await rows.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-report-id'))));
      expect(reports.has(phoned.body.id)).toBe(true);
      expect(reports.size, `${id} counts ${counted}`).toBe(counted);
      await page.getByTestId('outbox-close').click();
    } else {
      expect(await chosenFilterCount(page), `${id} counts ${counted}`).toBe(counted);
      // The figure and the filter it opens say the same words ('Toegewezen (2)' under 'Toegewezen 2', not 'uitgezet').
      expect(await chosenFilterLabel(page), `${id} opens its own filter`).toBe(label);
    }
    await openHeaderTool(page, 'overview-open');
  }
});

test('the shift report prints black on white from the top of the page: no dark band', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  await loginConsole(page, t.hub.url, 'chef');
  await openHeaderTool(page, 'shift-report-open');
  await expect(page.getByTestId('shift-figure-received')).toBeVisible({ timeout: 30_000 });
  await page.emulateMedia({ media: 'print' });
  const shot = PNG.sync.read(await page.screenshot({ path: testInfo.outputPath('shift-report-print.png'), fullPage: true }));
  // A row of the page that is mostly dark is a band of the dark theme, not text.
  const darkRows: number[] = [];
  for (let y = 0; y < shot.height; y++) {
    let dark = 0;
    for (let x = 0; x < shot.width; x++) {
      const i = (y * shot.width + x) * 4;
      if (0.2126 * (shot.data[i] ?? 0) + 0.7152 * (shot.data[i + 1] ?? 0) + 0.0722 * (shot.data[i + 2] ?? 0) < 128) dark++;
    }
    if (dark > shot.width / 2) darkRows.push(y);
  }
  expect(darkRows, `dark rows from ${darkRows[0]} to ${darkRows.at(-1)}`).toHaveLength(0);
  // The sheet starts at the top of the paper, not under the hidden header and alerts.
  expect((await page.getByTestId('shift-sheet').boundingBox())?.y).toBeLessThan(30);
});

test('the wallboard shows every figure without scrolling at 1600×1000 and 1920×1080, and returns to its entry form when revoked', async ({ page }, testInfo) => {
  test.setTimeout(180_000);
  const admin = (await t.login('admin')).token;
  // A high-priority report alerts the control room: the wall names it by number and category, nothing of its reporter.
  const desk = (await t.login('centralist')).token;
  const urgent = await t.api<Report>('POST', '/api/reports', desk, {
    ...sampleReport({ priority: 'high', description: 'E2E hoge prioriteit op de wand' }),
    reporter: { name: 'Wanda Wandmelder', phone: '0612349876' },
    consent: { contact: true },
  });
  expect(urgent.status, JSON.stringify(urgent.body)).toBe(201);
  const issued = await t.api<IssuedWallboardDevice>('POST', '/api/admin/wallboards', admin, { name: 'Videowand passend' });
  expect(issued.status).toBe(201);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto(`${t.hub.url}/wallboard`);
  await page.getByTestId('wallboard-code').fill(issued.body.token);
  await page.getByTestId('wallboard-connect').click();
  await expect(page.getByTestId('wallboard-connection')).toHaveText('online', { timeout: 30_000 });
  await expect(page.getByTestId('ov-longest-waiting')).toBeVisible({ timeout: 30_000 });
  const alerts = page.getByTestId('wallboard-alerts');
  await expect(alerts.locator('li').filter({ hasText: urgent.body.number })).toContainText(`Hoge prioriteit · ${urgent.body.number} `, { timeout: 30_000 });
  await expect(alerts).not.toContainText(/Wanda|0612349876|E2E hoge prioriteit/);
  for (const [width, height] of [
    [1600, 1000],
    [1920, 1080],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: testInfo.outputPath(`wallboard-${width}x${height}.png`) });
    const page_ = await page.evaluate(() => ({ scroll: document.documentElement.scrollHeight, view: window.innerHeight }));
    expect(page_.scroll, `page height at ${width}×${height}`).toBeLessThanOrEqual(page_.view);
    const frame = await page.locator('.wb-figures').boundingBox();
    const figures = await page.locator('.wb-figures [data-testid^="ov-"]').all();
    expect(figures.length).toBeGreaterThan(15);
    for (const figure of figures) {
      const box = await figure.boundingBox();
      expect(box && frame && box.y + box.height <= frame.y + frame.height + 0.5, `${await figure.getAttribute('data-testid')} at ${width}×${height}`).toBe(true);
      await expect(figure).toBeInViewport({ ratio: 1 });
    }
  }

  // Revoked: the hub drops the wall's socket and the wall shows its entry form again.
  const revoked = await t.api('POST', `/api/admin/wallboards/${issued.body.id}/revoke`, admin);
  expect(revoked.status).toBe(200);
  await expect(page.getByTestId('wallboard-entry')).toBeVisible({ timeout: 30_000 });
});
