import { expect, test } from '@playwright/test';
import type { QueuePage } from '../../server/protocol/report-queue';
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
  release();
  await expect(progress).toBeHidden({ timeout: 15_000 });
  await expect(page.getByTestId('queue-count')).toHaveText(`${total} van ${total}`);

  // A report created now still arrives live, after the loading is done.
  const created = await t.api<Report>('POST', '/api/reports', token, sampleReport({ description: 'E2E na het laden' }));
  expect(created.status).toBe(201);
  await expect(page.locator(`[data-testid="queue-row"][data-report-id="${created.body.id}"]`)).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('queue-count')).toHaveText(`${total + 1} van ${total + 1}`);
});
