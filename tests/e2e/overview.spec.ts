import { expect, test } from '@playwright/test';
import type { Report } from '../../server/protocol/report';
import { openHeaderTool } from '../support/console-page';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';

/**
 * The shift lead's live overview (issue 14 point 1) in Chromium: it is their default screen, its figures agree with the
 * hub's overview, a report created elsewhere moves the figures live (no reload, no polling), and a figure opens the
 * queue with that filter.
 */
let t: TestHub;

test.beforeAll(async () => {
  t = await startTestHub({ demo: true });
});
test.afterAll(async () => {
  await t?.stop();
});

const value = async (page: import('@playwright/test').Page, testId: string) =>
  Number(await page.getByTestId(testId).locator('.ov-value').textContent());

test('the overview is the shift lead’s default screen, updates live and links to the filtered queue', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto(t.hub.url);
  await page.getByTestId('login-username').fill('chef');
  await page.getByTestId('login-password').fill('chef');
  await page.getByTestId('login-submit').click();

  const overview = page.getByTestId('overview');
  await expect(overview).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('ov-open-total')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'online', { timeout: 30_000 });

  // The figures are the hub's: the open total equals the open reports the hub lists.
  const desk = (await t.login('centralist')).token;
  const open = (await t.api<{ reports: Report[] }>('GET', '/api/reports', desk)).body.reports.length;
  await expect.poll(() => value(page, 'ov-open-total'), { timeout: 30_000 }).toBe(open);
  const newBefore = await value(page, 'ov-status-new');
  const urgentBefore = await value(page, 'ov-due-today');
  expect(urgentBefore).toBeGreaterThanOrEqual(0);

  // A report taken in at another console: the figures move without a reload.
  const created = await t.api<Report>('POST', '/api/reports', desk, sampleReport({ description: 'E2E overzicht: afval naast container', category: 'afval' }));
  expect(created.status).toBe(201);
  await expect.poll(() => value(page, 'ov-open-total'), { timeout: 30_000 }).toBe(open + 1);
  await expect.poll(() => value(page, 'ov-status-new'), { timeout: 30_000 }).toBe(newBefore + 1);
  await expect(page.getByTestId('ov-category-afval')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('overview.png'), fullPage: true });

  // "Nieuw" opens the queue with that filter: every row shown is new, the created one among them.
  await page.getByTestId('ov-status-new').click();
  await expect(overview).toBeHidden();
  await expect(page.getByTestId('queue-status-filter')).toHaveValue('new');
  await expect(page.locator(`[data-testid="queue-row"][data-report-id="${created.body.id}"]`)).toBeVisible({ timeout: 15_000 });
  // The list is virtualised (only rows in view exist): the filter's own count says how many it holds.
  await expect(page.getByTestId('queue-status-filter').locator('option[value="new"]')).toContainText(String(newBefore + 1));

  // A category figure filters by category; the overview comes back from the header.
  await openHeaderTool(page, 'overview-open');
  await page.getByTestId('ov-category-afval').click();
  await expect(page.getByTestId('queue-filter-category')).toHaveValue('afval');
  await expect(page.getByTestId('queue-status-filter')).toHaveValue('all');
  await page.screenshot({ path: testInfo.outputPath('overview-queue-filtered.png') });
});
