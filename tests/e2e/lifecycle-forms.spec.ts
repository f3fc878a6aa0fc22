/**
 * The resolution form's rules in the browser: only the outcomes the lifecycle allows are offered, a
 * referral needs the party, the hub's field errors show next to the fields, and the dispatcher's
 * proposal from the desk keeps the report open (no message) until it is reviewed.
 */
import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import type { Report } from '../../server/protocol/report';
import { loginConsole } from '../support/console-page';
import { dispatchThroughOffer } from '../support/dispatch-offer';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

// The control room's locale and time zone ("today" and times in Europe/Amsterdam, as the hub computes them).
test.use({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });

let hub: TestHub;
let smtp: TestSmtp;

test.beforeAll(async () => {
  smtp = await startTestSmtp();
  hub = await startTestHub({ demo: true, smtp: { host: smtp.host, port: smtp.port } });
});
test.afterAll(async () => {
  await hub?.stop();
  await smtp?.stop();
});

const login = (page: Page, username: string) => loginConsole(page, hub.hub.url, username);

async function createReport(description: string, email: string): Promise<Report> {
  const token = (await hub.login('centralist')).token;
  const res = await hub.api<Report>('POST', '/api/reports', token, { ...sampleReport({ description, reporter: { email } }), consent: { contact: true } });
  expect(res.status).toBe(201);
  return res.body;
}

test('closing from the desk: allowed outcomes only, a referral names the party, errors sit next to the fields', async ({
  page,
}) => {
  const earlier = smtp.messages.length;
  const report = await createReport('Boomtak in particuliere tuin hangt over het hek', 'tuin@example.nl');
  await smtp.waitForMessages(earlier + 1, 10_000);
  await login(page, 'centralist');
  await page.locator(`[data-testid="queue-row"][data-report-id="${report.id}"]`).click();
  const detail = page.getByTestId('report-detail');
  await detail.getByTestId('transition-triaged').click();
  await expect(detail).toHaveAttribute('data-status', 'triaged');

  await detail.getByTestId('transition-closed').click();
  const form = detail.getByTestId('resolution-form');
  await expect(form).toHaveAttribute('data-kind', 'close');
  // Without a reviewed field resolution a report cannot be closed as "resolved".
  const outcomes = await form.getByTestId('resolution-outcome').locator('option').evaluateAll((options) =>
    options.map((o) => (o as HTMLOptionElement).value).filter(Boolean),
  );
  expect(outcomes).toEqual(['referred', 'no_action', 'not_found', 'duplicate', 'cancelled']);

  await form.getByTestId('resolution-outcome').selectOption('referred');
  await form.getByTestId('resolution-found-code').selectOption('overhangend_tuingroen');
  await form.getByTestId('resolution-found-text').fill('De tak komt uit een particuliere tuin');
  await form.getByTestId('resolution-action-code').selectOption('doorverwezen');
  await form.getByTestId('resolution-action-text').fill('De eigenaar van de tuin is verantwoordelijk');
  await form.getByTestId('resolution-submit').click();
  await expect(form.getByTestId('field-error-resolution.referredTo')).toBeVisible();
  await expect(form.getByTestId('resolution-found-text')).toHaveValue('De tak komt uit een particuliere tuin');
  await expect(detail).toHaveAttribute('data-status', 'triaged');
  mkdirSync('tests/e2e/artifacts', { recursive: true });
  await page.screenshot({ path: 'tests/e2e/artifacts/lifecycle-forms-errors.png' });

  await form.getByTestId('resolution-referred-to').fill('de eigenaar van Lange Voorhout 36');
  await expect(form.getByTestId('field-error-resolution.referredTo')).toHaveCount(0);
  await expect(form.getByTestId('message-preview')).toHaveValue(/de eigenaar van Lange Voorhout 36/, { timeout: 10_000 });
  await form.getByTestId('resolution-submit').click();
  await expect(detail).toHaveAttribute('data-status', 'closed');
  await expect(detail.getByTestId('detail-outcome')).toHaveText('doorverwezen');
  const mails = await smtp.waitForMessages(earlier + 2, 10_000);
  expect(mails[earlier + 1]!.text).toContain('de eigenaar van Lange Voorhout 36');
});

test('a proposal entered at the desk waits for review and sends nothing', async ({ page }) => {
  const earlier = smtp.messages.length;
  const report = await createReport('Tak afgebroken, ligt op het fietspad', 'fietser@example.nl');
  // The receipt; after that, nothing until the proposal is reviewed.
  const before = (await smtp.waitForMessages(earlier + 1, 10_000)).length;
  await login(page, 'centralist');
  await page.locator(`[data-testid="queue-row"][data-report-id="${report.id}"]`).click();
  const detail = page.getByTestId('report-detail');
  await detail.getByTestId('transition-triaged').click();
  await expect(detail).toHaveAttribute('data-status', 'triaged');
  // The desk cannot dispatch by itself: a unit accepts the offer, and the console follows.
  await expect(detail.getByTestId('transition-dispatched')).toHaveCount(0);
  await dispatchThroughOffer(hub, (await hub.login('centralist')).token, report.id);
  await expect(detail).toHaveAttribute('data-status', 'dispatched');
  await detail.getByTestId('transition-in_progress').click();
  await expect(detail).toHaveAttribute('data-status', 'in_progress');
  await detail.getByTestId('transition-awaiting_review').click();
  const form = detail.getByTestId('resolution-form');
  await expect(form).toHaveAttribute('data-target', 'awaiting_review');
  await expect(form.getByTestId('message-preview')).toHaveCount(0);
  await form.getByTestId('resolution-kind').selectOption('close');
  await form.getByTestId('resolution-outcome').selectOption('resolved');
  await form.getByTestId('resolution-found-code').selectOption('tak_afgebroken');
  await form.getByTestId('resolution-found-text').fill('Afgebroken tak op het fietspad');
  await form.getByTestId('resolution-action-code').selectOption('tak_verwijderd');
  await form.getByTestId('resolution-action-text').fill('Tak in stukken gezaagd en afgevoerd');
  // Enter in a one-line field does not send; Ctrl+Enter does.
  await form.getByTestId('resolution-followup-who').press('Enter');
  await expect(detail).toHaveAttribute('data-status', 'in_progress');
  await form.getByTestId('resolution-action-text').press('Control+Enter');
  await expect(detail).toHaveAttribute('data-status', 'awaiting_review');

  // Review: the proposal is pre-filled in the closing form.
  const review = detail.getByTestId('resolution-form');
  await expect(review).toHaveAttribute('data-target', 'closed');
  await expect(review.getByTestId('resolution-outcome')).toHaveValue('resolved');
  await expect(review.getByTestId('resolution-action-text')).toHaveValue('Tak in stukken gezaagd en afgevoerd');
  await expect(detail.locator('[data-testid="timeline-entry"][data-to="awaiting_review"]')).toContainText('voorstel');
  await page.waitForTimeout(500); // the outbox worker polls every 100 ms in tests
  expect(smtp.messages.length).toBe(before);
});
