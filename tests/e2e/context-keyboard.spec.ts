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

test('shortcuts: "?" help, n opens the new report with the focus inside, g to the actions, not while typing', async ({ page }) => {
  const report = await createReport({ description: 'Sneltoetsen proberen' });
  await loginConsole(page, hub.hub.url, 'centralist');
  await page.locator(`[data-testid="queue-row"][data-report-id="${report.id}"]`).click();
  await expect(page.getByTestId('report-detail')).toHaveAttribute('data-report-id', report.id);
  await page.getByTestId('queue-list').focus();

  await page.keyboard.press('?');
  const help = page.getByTestId('shortcuts-help');
  await expect(help).toBeVisible();
  await expect(help).toContainText('Nieuwe melding');
  await expect(help).toContainText('Ctrl+K');
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  // Escape closed the help, not the report.
  await expect(page.getByTestId('report-detail')).toBeVisible();

  await page.keyboard.press('g');
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? '')).toMatch(/^transition-/);
  await page.getByTestId('transition-closed').click();
  // A form that opens takes the focus into its first field.
  await expect.poll(() => page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="resolution-form"]')))).toBe(true);

  // Typing in a field: "n" is a letter, not a shortcut.
  await page.getByTestId('queue-list').focus();
  await page.keyboard.press('/');
  await page.keyboard.type('n');
  await expect(page.locator('.form-panel')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await page.getByTestId('queue-list').focus();
  await page.keyboard.press('n');
  await expect(page.locator('.form-panel')).toBeVisible();
  await expect.poll(() => page.evaluate(() => Boolean(document.activeElement?.closest('.form-panel')))).toBe(true);
});

test('context panel: a nearby report opens, the desk writes a note with an expiry, the coordinator sees it without reporter data', async ({ browser }) => {
  const nearby = await createReport({ location: { lat: 52.0799, lng: 4.3117 }, description: 'Vlakbij gemeld' });
  const report = await createReport({ reporter: { email: 'context@example.nl' }, consent: { contact: true }, description: 'Met context' });
  const page = await browser.newPage();
  await loginConsole(page, hub.hub.url, 'centralist');
  await page.locator(`[data-testid="queue-row"][data-report-id="${report.id}"]`).click();
  const panel = page.getByTestId('context-panel');
  await expect(panel.getByTestId('context-nearby')).toContainText(nearby.number);
  await expect(panel.getByTestId('context-reporter')).toContainText('1 melding, waarvan 1 open');

  await panel.getByTestId('context-note-add').click();
  const form = panel.getByTestId('context-note-form');
  await expect.poll(() => page.evaluate(() => Boolean(document.activeElement?.closest('[data-testid="context-note-form"]')))).toBe(true);
  await page.keyboard.type('Hond aanwezig');
  await form.getByRole('button', { name: 'Notitie opslaan' }).click();
  await expect(panel.getByTestId('context-note')).toContainText('Hond aanwezig');
  await expect(panel.getByTestId('context-note')).toContainText('geldig tot');

  await panel.getByTestId('context-nearby').getByRole('button', { name: new RegExp(nearby.number) }).click();
  await expect(page.getByTestId('report-detail')).toHaveAttribute('data-report-id', nearby.id);
  await page.close();

  const coordinator = await browser.newPage();
  await loginConsole(coordinator, hub.hub.url, 'politie');
  await coordinator.locator(`[data-testid="queue-row"][data-report-id="${report.id}"]`).click();
  const seen = coordinator.getByTestId('context-panel');
  await expect(seen.getByTestId('context-note')).toContainText('Hond aanwezig');
  await expect(seen.getByTestId('context-reporter')).toHaveCount(0);
  await expect(seen.getByTestId('context-note-add')).toHaveCount(0);
  await coordinator.close();
});
