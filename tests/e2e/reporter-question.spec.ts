/**
 * Asking the reporter (issue 15, point 5), end to end: the desk asks a question from the report detail, the queue
 * row says "wacht op reactie", the citizen opens the link from the e-mail and answers on the status page (a real
 * form POST in the browser, with a photo), and the desk sees the answer, its alert and the timeline line, live.
 *
 * A real hub (SQLite) and a real SMTP server run in-process; the console runs in Debian's Chromium.
 */
import { expect, test } from '@playwright/test';
import type { Report } from '../../server/protocol/report';
import { loginConsole } from '../support/console-page';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';
import { jpegWithPassengers } from '../support/photos';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

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

const QUESTION = 'Aan welke kant van de straat staat de fiets?';
const ANSWER = 'Aan de kant van de even huisnummers, tegen de lantaarnpaal bij nummer 12.';

test('the desk asks, the citizen answers on the status page, the desk sees the answer', async ({ page, browser }) => {
  const desk = (await hub.login('centralist')).token;
  const created = await hub.api<Report>('POST', '/api/reports', desk, {
    ...sampleReport({ category: 'overlast', description: 'Fietswrak al weken tegen een paal' }),
    reporter: { name: 'J. de Vries', email: 'j.devries@example.nl' },
    consent: { contact: true },
  });
  expect(created.status).toBe(201);
  const report = created.body;
  await smtp.waitForMessages(1, 15_000);

  await loginConsole(page, hub.hub.url, 'centralist');
  const row = page.locator(`[data-testid="queue-row"][data-report-id="${report.id}"]`);
  await row.click();
  const detail = page.getByTestId('report-detail');
  const panel = detail.getByTestId('reporter-question');
  await panel.getByTestId('question-text').fill(QUESTION);
  // Keyboard: Ctrl+Enter in the question sends it, as in the closing form.
  await panel.getByTestId('question-text').press('Control+Enter');
  await expect(panel.getByTestId('question-item')).toHaveAttribute('data-state', 'open');
  await expect(panel.getByTestId('awaiting-reply')).toBeVisible();
  // The queue row: the clock is paused, so "wacht op reactie" instead of the SLA badge.
  await expect(row.getByTestId('awaiting-reply')).toBeVisible();
  await expect(row.getByTestId('sla-badge')).toHaveCount(0);

  // The question reaches the reporter with the link to the status page.
  const mails = await smtp.waitForMessages(2, 15_000);
  const mail = mails.find((m) => m.text.includes(QUESTION));
  expect(mail?.envelope.to).toEqual(['j.devries@example.nl']);
  const link = /https?:\/\/[^\s"<>]+\/status\/[A-Za-z0-9_-]{20,64}/.exec(mail?.text ?? '')?.[0];
  if (!link) throw new Error('no status link in the question');

  // The citizen answers in their own browser, with a photo.
  const citizen = await (await browser.newContext()).newPage();
  await citizen.goto(link);
  await expect(citizen.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(citizen.getByTestId('citizen-question')).toContainText(QUESTION);
  await citizen.getByLabel('Uw antwoord').fill(ANSWER);
  await citizen.getByLabel(/Foto/).setInputFiles({
    name: 'fiets.jpg',
    mimeType: 'image/jpeg',
    buffer: jpegWithPassengers({ width: 40, height: 30, orientation: 1 }),
  });
  await citizen.getByRole('button', { name: 'Antwoord versturen' }).click();
  await expect(citizen.getByTestId('citizen-notice')).toContainText('Bedankt voor uw antwoord');
  await expect(citizen.getByTestId('citizen-question')).toHaveCount(0);
  await expect(citizen.getByTestId('citizen-timeline')).toContainText('U beantwoordde onze vraag');

  // The desk sees it live: the answer on the report, the alert, the timeline line, no more waiting.
  await expect(panel.getByTestId('question-answer')).toContainText(ANSWER);
  await expect(panel.getByTestId('question-item')).toHaveAttribute('data-state', 'answered');
  await expect(panel.getByTestId('awaiting-reply')).toHaveCount(0);
  await expect(row.getByTestId('awaiting-reply')).toHaveCount(0);
  await expect(detail.getByTestId('timeline')).toContainText('Melder heeft geantwoord, met een foto');
  await expect(page.getByText(`Melder van ${report.number} heeft uw vraag beantwoord`).first()).toBeVisible();
  await expect(detail.getByTestId('report-photos').getByTestId('report-photo')).toHaveCount(1);
});
