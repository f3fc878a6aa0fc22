/**
 * The report timeline in words in the console: the desk reads who got and accepted the offer and that a
 * caller was linked (the name masked, as in the reporter list); the police coordinator reads the same steps
 * without the caller's name. No "Toewijzing eenheid bijgewerkt".
 */
import { expect, type Page, test } from '@playwright/test';
import type { Report } from '../../server/protocol/report';
import { loginConsole } from '../support/console-page';
import { dispatchThroughOffer } from '../support/dispatch-offer';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';

test.use({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });

let hub: TestHub;
let report: Report;

test.beforeAll(async () => {
  hub = await startTestHub({ demo: true });
  const token = (await hub.login('centralist')).token;
  const created = await hub.api<Report>('POST', '/api/reports', token, sampleReport({ description: 'Fietswrak tegen de lantaarnpaal' }));
  expect(created.status).toBe(201);
  report = created.body;
  await dispatchThroughOffer(hub, token, report.id);
  const linked = await hub.api<Report>('POST', `/api/reports/${report.id}/reporters`, token, { name: 'Jan Jansen', phone: '0612345678', consent: true });
  expect(linked.status).toBe(201);
});
test.afterAll(async () => {
  await hub?.stop();
});

async function openTimeline(page: Page, username: string) {
  await loginConsole(page, hub.hub.url, username);
  await page.locator(`[data-testid="queue-row"][data-report-id="${report.id}"]`).click();
  const timeline = page.getByTestId('report-detail').getByTestId('timeline');
  // The detail loads after the click (a slow machine): wait for the last step before reading the rest.
  await expect(timeline.locator('[data-testid="timeline-entry"][data-type="report.updated"]')).toHaveCount(1, { timeout: 15_000 });
  return timeline;
}

test('the desk reads the offer, the acceptance and the linked caller in words', async ({ page }) => {
  const timeline = await openTimeline(page, 'centralist');
  const offered = timeline.locator('[data-testid="timeline-entry"][data-type="assignment.updated"]');
  await expect(offered.first()).toContainText(/kreeg het aanbod \(\d\d:\d\d\)/);
  await expect(offered.nth(1)).toContainText(/accepteerde het aanbod \(\d\d:\d\d\)/);
  await expect(timeline).toContainText('Status: Nieuw → Toegewezen');
  await expect(timeline).toContainText('Beller gekoppeld: J***');
  await expect(timeline).not.toContainText('Toewijzing eenheid bijgewerkt');
  await expect(timeline).not.toContainText('Jansen');
});

test('the police coordinator reads the same steps without the caller’s name', async ({ page }) => {
  const timeline = await openTimeline(page, 'politie');
  await expect(timeline.locator('[data-testid="timeline-entry"][data-type="assignment.updated"]').nth(1)).toContainText('accepteerde het aanbod');
  await expect(timeline.locator('[data-testid="timeline-entry"][data-type="report.updated"]').last().getByTestId('timeline-text')).toHaveText('Beller gekoppeld');
  await expect(timeline).not.toContainText('J***');
});
