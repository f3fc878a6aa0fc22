import { expect, test } from '@playwright/test';
import { decodeQueueRows, type QueuePage } from '../../server/protocol/report-queue';
import type { Report } from '../../server/protocol/report';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';

// More open reports than the console's first page (200), so the rest comes as a later page.
const EXTRA = 230;

let t: TestHub;

test.beforeAll(async () => {
  t = await startTestHub({ demo: true });
  const token = (await t.login('chef')).token;
  for (let i = 0; i < EXTRA; i += 10) {
    await Promise.all(
      Array.from({ length: 10 }, async (_, k) => {
        const res = await t.api<Report>('POST', '/api/reports', token, sampleReport({ description: `E2E wachtrij ${i + k}` }));
        expect(res.status).toBe(201);
      }),
    );
  }
});
test.afterAll(async () => {
  await t?.stop();
});

test('the queue shows the first page at once, says how far loading is, and ends complete', async ({ page }) => {
  test.setTimeout(120_000);
  const token = (await t.login('chef')).token;
  const open = await t.api<QueuePage>('GET', '/api/reports/queue?limit=5000', token);
  const total = open.body.total;
  expect(total).toBeGreaterThan(200);
  // Newest first: these two are on the later page (the first holds the newest 200), and both made here.
  const rows = decodeQueueRows(open.body.fields, open.body.rows);
  const closedWhileLoading = rows[EXTRA - 5];
  const openedLater = rows[EXTRA - 10];
  const kept = rows[0];
  if (!closedWhileLoading || !openedLater || !kept) throw new Error('the queue has too few rows');

  // The later pages wait until the test has seen the progress (no timing: a gate).
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/api/reports/queue?*after=*', async (route) => {
    await gate;
    await route.continue();
  });

  await page.goto(t.hub.url);
  await page.getByTestId('login-username').fill('centralist');
  await page.getByTestId('login-password').fill('centralist');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('queue-row').first()).toBeVisible({ timeout: 15_000 });
  const progress = page.getByTestId('queue-progress');
  await expect(progress).toHaveText(`Wachtrij laden: 200 van ${total.toLocaleString('nl')}`);
  await expect(page.getByTestId('queue-count')).toHaveText(`200 van 200`);

  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'online', { timeout: 15_000 });
  // While the later page waits, a report on it is closed (merged as a duplicate): its event reaches the console
  // before the page that still holds it open, and the page must not bring it back.
  const merged = await t.api('POST', `/api/reports/${closedWhileLoading.id}/duplicate-of`, token, { originalId: kept.id });
  expect(merged.status, JSON.stringify(merged.body)).toBe(200);
  release();
  await expect(progress).toBeHidden({ timeout: 15_000 });
  await expect(page.getByTestId('queue-count')).toHaveText(`${total - 1} van ${total - 1}`);
  await expect(page.locator(`[data-testid="queue-row"][data-report-id="${closedWhileLoading.id}"]`)).toHaveCount(0);

  // A row from the later page opens with the whole report: the queue holds slim rows, the detail is fetched.
  await page.getByTestId('queue-filter').fill(openedLater.number);
  await page.locator(`[data-testid="queue-row"][data-report-id="${openedLater.id}"]`).click();
  const whole = await t.api<{ report: Report }>('GET', `/api/reports/${openedLater.id}`, token);
  await expect(page.getByTestId('detail-description')).toHaveText(whole.body.report.description, { timeout: 15_000 });
  await page.getByTestId('queue-filter').fill('');

  // A report created now still arrives live, after the loading is done.
  const created = await t.api<Report>('POST', '/api/reports', token, sampleReport({ description: 'E2E na het laden' }));
  expect(created.status).toBe(201);
  await expect(page.locator(`[data-testid="queue-row"][data-report-id="${created.body.id}"]`)).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('queue-count')).toHaveText(`${total} van ${total}`);
});
