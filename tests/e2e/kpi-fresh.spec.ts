import { expect, type Page, test } from '@playwright/test';
import type { Report } from '../../server/protocol/report';
import { loginConsole, openHeaderTool } from '../support/console-page';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';
import { CLOSE_NO_ACTION } from '../support/privacy-fixtures';

/**
 * The shift lead's KPI screen shows a closing made a moment ago: reopened after the dispatcher closed a report, its
 * figures are the hub's of now (GET /api/stats derives what is missing first), not the ones it read when opened before.
 */
let t: TestHub;

test.beforeAll(async () => {
  t = await startTestHub({ demo: true });
});
test.afterAll(async () => {
  await t?.stop();
});

/** The count column of a KPI line. */
const countOf = async (page: Page, kpi: string) => Number((await page.locator(`[data-testid="kpi-table"] tr[data-kpi="${kpi}"] td:nth-of-type(3)`).textContent())?.replace(/\D/g, ''));

test('reopened after a closing, the KPI screen counts it', async ({ page }) => {
  await loginConsole(page, t.hub.url, 'chef');
  await openHeaderTool(page, 'kpi-open');
  await expect(page.getByTestId('kpi-table')).toBeVisible();
  const before = await countOf(page, 'close');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('kpi-view')).toHaveCount(0);

  const desk = (await t.login('centralist')).token;
  const created = await t.api<Report>('POST', '/api/reports', desk, sampleReport({ description: 'E2E KPI verse afsluiting' }));
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const closed = await t.api<Report>('POST', `/api/reports/${created.body.id}/transition`, desk, { to: 'closed', resolution: CLOSE_NO_ACTION });
  expect(closed.status, JSON.stringify(closed.body)).toBe(200);

  await openHeaderTool(page, 'kpi-open');
  await expect.poll(() => countOf(page, 'close'), { timeout: 5_000 }).toBe(before + 1);
});
