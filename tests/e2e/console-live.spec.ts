import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import type { Report } from '../../server/protocol/report';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';

let t: TestHub;

test.beforeAll(async () => {
  t = await startTestHub({ demo: true });
});
test.afterAll(async () => {
  await t?.stop();
});

test('a dispatcher sees a report created elsewhere in the queue and on the map within 2 s', async ({ page }) => {
  await page.goto(t.hub.url);
  await page.getByTestId('login-username').fill('centralist');
  await page.getByTestId('login-password').fill('centralist');
  await page.getByTestId('login-submit').click();

  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'online', { timeout: 10_000 });
  await expect(page.getByTestId('queue-row').first()).toBeVisible();
  await page.waitForFunction(() => Boolean((window as unknown as { __meldkamer?: unknown }).__meldkamer), null, {
    timeout: 15_000,
  });

  const token = (await t.login('chef')).token;
  const created = await t.api<Report>(
    'POST',
    '/api/reports',
    token,
    sampleReport({ description: 'E2E: boomtak hangt laag over de stoep', priority: 'urgent', location: { lat: 52.0801, lng: 4.3101 } }),
  );
  expect(created.status).toBe(201);
  const reportId = created.body.id;
  const startedAt = Date.now();

  await expect(page.locator(`[data-testid="queue-row"][data-report-id="${reportId}"]`)).toBeVisible({ timeout: 2_000 });
  await page.waitForFunction(
    async (id) => {
      const hook = (window as unknown as { __meldkamer?: { map: { getSource(id: string): { getData(): Promise<GeoJSON.FeatureCollection> } | undefined } } }).__meldkamer;
      const data = await hook?.map.getSource('reports')?.getData();
      return Boolean(data?.features.some((f) => f.id === id || f.properties?.id === id));
    },
    reportId,
    { timeout: 2_000, polling: 50 },
  );
  expect(Date.now() - startedAt).toBeLessThan(2_000);

  // Selecting the row marks it selected; the newest report is at the top.
  const row = page.locator(`[data-testid="queue-row"][data-report-id="${reportId}"]`);
  await row.click();
  await expect(row).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('queue-row').first()).toHaveAttribute('data-report-id', reportId);

  mkdirSync('tests/e2e/artifacts', { recursive: true });
  await page.screenshot({ path: 'tests/e2e/artifacts/console-live.png' });
});

test('bad credentials show a Dutch error and keep the user on the login screen', async ({ page }) => {
  await page.goto(t.hub.url);
  await page.getByTestId('login-username').fill('centralist');
  await page.getByTestId('login-password').fill('fout');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toContainText(/wachtwoord/i);
  await expect(page.getByTestId('login-form')).toBeVisible();
});
