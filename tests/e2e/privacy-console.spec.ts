/**
 * Personal data in the console: the desk sees a citizen's contact details masked until "toon
 * contactgegevens" (logged), the police coordinator never; the shift lead reads the access log; the
 * privacy officer finds, exports and erases one citizen's data in the Privacy panel; the admin gets
 * the access log and no reports.
 *
 * A real hub (SQLite) runs in-process; the console runs in Debian's Chromium.
 */
import { readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import type { Report } from '../../server/protocol/report';
import { loginConsole, openHeaderTool } from '../support/console-page';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';

test.use({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });

const EMAIL = 'p.de.boer@example.nl';
const REASON = 'Verzoek om inzage en verwijdering van P. de Boer, brief van 3 maart';

let hub: TestHub;
let report: Report;

test.beforeAll(async () => {
  hub = await startTestHub({ demo: true });
  const desk = await hub.login('centralist');
  const created = await hub.api<Report>('POST', '/api/reports', desk.token, {
    ...sampleReport({ description: 'Tak op het fietspad bij de school', address: 'Lange Voorhout 10' }),
    reporter: { name: 'P. de Boer', email: EMAIL },
    consent: { contact: true },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  report = created.body;
});
test.afterAll(async () => {
  await hub?.stop();
});

async function openReport(page: Page, username: string) {
  await loginConsole(page, hub.hub.url, username);
  await page.locator(`[data-testid="queue-row"][data-report-id="${report.id}"]`).click();
  const detail = page.getByTestId('report-detail');
  await expect(detail).toHaveAttribute('data-report-id', report.id);
  return detail;
}

test('the desk sees contact details masked until it asks; the coordinator never; the shift lead reads who asked', async ({ page, browser }) => {
  const detail = await openReport(page, 'centralist');
  await expect(detail.getByTestId('detail-reporter-masked')).toHaveText('P*** · p***@***.nl');
  await expect(detail).not.toContainText(EMAIL);
  await detail.getByTestId('contacts-show').click();
  await expect(detail.getByTestId('detail-reporter')).toContainText(`P. de Boer · ${EMAIL}`);
  await expect(detail.getByTestId('detail-reporter')).toContainText('toestemming');
  await expect(detail.getByTestId('message-recipient').first()).toContainText(EMAIL);
  await page.screenshot({ path: 'tests/e2e/artifacts/privacy-contacts.png' });

  const police = await (await browser.newContext()).newPage();
  const policeDetail = await openReport(police, 'politie');
  await expect(policeDetail.getByTestId('detail-reporters')).toContainText('contactgegevens alleen voor de meldkamer');
  await expect(policeDetail.getByTestId('contacts-show')).toHaveCount(0);
  await expect(policeDetail.getByTestId('message-recipient').first()).toContainText('ontvanger afgeschermd');
  await expect(policeDetail).not.toContainText(EMAIL);
  await expect(policeDetail.getByTestId('detail-citizen-code')).toHaveCount(0);
  await expect(police.getByTestId('access-log-open')).toHaveCount(0);

  const chef = await (await browser.newContext()).newPage();
  await loginConsole(chef, hub.hub.url, 'chef');
  await openHeaderTool(chef, 'access-log-open');
  const log = chef.getByTestId('access-log-panel');
  const row = log.locator('[data-testid="access-log-row"][data-action="contacts.view"]').first();
  await expect(row).toContainText('Sanne de Vries');
  await expect(row).toContainText('contactgegevens bekeken');
  await expect(row).toContainText(report.number);
  await chef.screenshot({ path: 'tests/e2e/artifacts/privacy-access-log.png' });
});

test('the privacy officer finds, exports and erases one citizen’s data; the admin reads the access log, no reports', async ({ page, browser }) => {
  await loginConsole(page, hub.hub.url, 'fg');
  await expect(page.getByTestId('current-role')).toHaveText('functionaris gegevensbescherming');
  await expect(page.getByTestId('queue-row')).toHaveCount(0);
  const panel = page.getByTestId('privacy-panel');
  await panel.getByTestId('privacy-email').fill(EMAIL);

  // A reason is required.
  await panel.getByTestId('privacy-search').click();
  await expect(panel.getByTestId('field-error-reason')).toBeVisible();
  await panel.getByTestId('privacy-reason').fill(REASON);
  await panel.getByTestId('privacy-search').click();
  await expect(panel.getByTestId('privacy-report')).toHaveCount(1);
  await expect(panel.getByTestId('privacy-report')).toContainText(report.number);
  await expect(panel.getByTestId('privacy-findings')).toContainText(EMAIL);
  await page.screenshot({ path: 'tests/e2e/artifacts/privacy-panel.png' });

  const downloading = page.waitForEvent('download');
  await panel.getByTestId('privacy-export').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^inzage-\d{4}-\d{2}-\d{2}\.json$/);
  const file = JSON.parse(readFileSync((await download.path()) ?? '', 'utf8')) as { reports: { number: string }[]; reason: string };
  expect(file.reports.map((r) => r.number)).toEqual([report.number]);
  expect(file.reason).toBe(REASON);

  await expect(panel.getByTestId('privacy-erase')).toBeDisabled();
  await panel.getByTestId('privacy-erase-confirm').check();
  await panel.getByTestId('privacy-erase').click();
  await expect(panel.getByTestId('privacy-notice')).toContainText('Gewist: 1 melder-regel en');
  await panel.getByTestId('privacy-search').click();
  await expect(panel.getByTestId('privacy-none')).toBeVisible();

  await page.getByTestId('backoffice-accessLog').click();
  const erase = page.locator('[data-testid="access-log-row"][data-action="privacy.erase"]');
  await expect(erase).toHaveCount(1);
  await expect(erase).toContainText(REASON);
  await expect(erase).toContainText('p***@***.nl');

  const admin = await (await browser.newContext()).newPage();
  await loginConsole(admin, hub.hub.url, 'admin');
  await expect(admin.getByTestId('backoffice-privacy')).toHaveCount(0);
  // The admin's first tool is the user list; the access log is one click away.
  await admin.getByTestId('backoffice-accessLog').click();
  await expect(admin.getByTestId('access-log-panel')).toBeVisible();
  await expect(admin.locator('[data-testid="access-log-row"][data-action="privacy.erase"]')).toHaveCount(1);
  await expect(admin.getByTestId('queue-row')).toHaveCount(0);
});
