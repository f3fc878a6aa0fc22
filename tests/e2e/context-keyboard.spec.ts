/**
 * Issue 13 points 9 and 10 in the browser: a report's context panel (nearby reports that open, the reporter's
 * history for the desk only, an address note with an expiry written by the desk and seen by the coordinator),
 * and the keyboard: few Tab presses from the queue to the report's "Afsluiten" (map controls are not in the
 * Tab order), the "?" help, and the shortcuts (not while typing in a field).
 */
import { expect, type Page, test } from '@playwright/test';
import type { Report } from '../../server/protocol/report';
import { loginConsole } from '../support/console-page';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';

test.use({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });

let hub: TestHub;

test.beforeAll(async () => {
  hub = await startTestHub({ demo: true });
});
test.afterAll(async () => {
  await hub?.stop();
});

async function createReport(overrides: Parameters<typeof sampleReport>[0] = {}): Promise<Report> {
  const token = (await hub.login('centralist')).token;
  const res = await hub.api<Report>('POST', '/api/reports', token, sampleReport(overrides));
  expect(res.status).toBe(201);
  return res.body;
}

/** Tab presses until the element with this test id has the focus (at most `max`). */
async function tabsUntil(page: Page, testId: string, max = 60): Promise<number> {
  for (let i = 1; i <= max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((id) => document.activeElement?.getAttribute('data-testid') === id, testId)) return i;
  }
  return Number.POSITIVE_INFINITY;
}

test('Tab from the queue to "Afsluiten" of the open report', async ({ page }) => {
  const report = await createReport({ description: 'Tabvolgorde meten' });
  await loginConsole(page, hub.hub.url, 'centralist');
  await page.locator(`[data-testid="queue-row"][data-report-id="${report.id}"]`).click();
  await expect(page.getByTestId('report-detail')).toHaveAttribute('data-report-id', report.id);
  await page.getByTestId('queue-list').focus();
  const presses = await tabsUntil(page, 'transition-closed');
  console.log(`tab presses from the queue to Afsluiten: ${presses}`);
  expect(presses).toBeLessThanOrEqual(6);
});
