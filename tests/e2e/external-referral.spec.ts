/**
 * Hand-off to an external party (issue 15, point 9), end to end: the desk makes a link in the report detail (copied,
 * no e-mail), the party opens it in its own browser, sees the report without the reporter and answers with a photo
 * (a real multipart form POST), the desk sees the answer live and takes it into the close form's action text with
 * "Gebruiken in bericht"; nothing is sent to the citizen by that.
 *
 * A real hub (SQLite) runs in-process; the console runs in Debian's Chromium.
 */
import { expect, test } from '@playwright/test';
import type { Report } from '../../server/protocol/report';
import { loginConsole } from '../support/console-page';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';
import { jpegPhoto } from '../support/photos';

test.use({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });

let hub: TestHub;
test.beforeAll(async () => {
  hub = await startTestHub({ demo: true });
});
test.afterAll(async () => {
  await hub?.stop();
});

const QUESTION = 'Wilt u de kapotte lamp in het portiek vervangen?';
const ANSWER = 'Lamp vervangen op dinsdag, het portiek is weer verlicht.';

test('the desk refers, the party answers with a photo, the desk uses the answer in the close form', async ({ page, browser }) => {
  const desk = (await hub.login('centralist')).token;
  const created = await hub.api<Report>('POST', '/api/reports', desk, {
    ...sampleReport({ description: 'Lamp in het portiek is kapot' }),
    reporter: { name: 'Jan Jansen', email: 'jan.jansen@example.nl', phone: '0612345678' },
    consent: { contact: true },
  });
  expect(created.status).toBe(201);
  const report = created.body;

  await loginConsole(page, hub.hub.url, 'centralist');
  await page.locator(`[data-testid="queue-row"][data-report-id="${report.id}"]`).click();
  const detail = page.getByTestId('report-detail');
  const panel = detail.getByTestId('external-panel');
  await panel.getByTestId('external-open').click();
  await panel.getByTestId('external-party').fill('Woningcorporatie Staedion');
  await panel.getByTestId('external-question').fill(QUESTION);
  await panel.getByTestId('external-submit').click();
  const link = await panel.getByTestId('external-link').inputValue();
  expect(link).toMatch(/\/extern\/[A-Za-z0-9_-]{40,}$/);
  await expect(panel.getByTestId('external-referral')).toHaveAttribute('data-state', 'open');

  // The party, in its own browser: the report and the question, nothing of the reporter.
  const party = await (await browser.newContext()).newPage();
  await party.goto(link);
  await expect(party.getByTestId('external-question')).toContainText(QUESTION);
  await expect(party.getByTestId('external-report')).toContainText(report.number);
  const html = await party.content();
  for (const secret of ['Jan Jansen', 'jan.jansen@example.nl', '0612345678', 'Sanne de Vries']) expect(html).not.toContain(secret);
  await party.getByLabel('Uw antwoord aan de meldkamer').fill(ANSWER);
  await party.getByLabel(/Foto/).setInputFiles({ name: 'lamp.jpg', mimeType: 'image/jpeg', buffer: jpegPhoto(40, 30) });
  await party.getByRole('button', { name: 'Antwoord versturen' }).click();
  await expect(party.getByTestId('external-notice')).toContainText('uw antwoord is ontvangen');
  await expect(party.getByTestId('external-answer')).toContainText(ANSWER);

  // The desk sees it live, and takes it into the close form's action text (for review; nothing is sent).
  await expect(panel.getByTestId('external-referral')).toHaveAttribute('data-state', 'answered', { timeout: 10_000 });
  await expect(panel.getByTestId('external-answer')).toContainText(ANSWER);
  // Its photo is labelled as the party's (not "uit het veld") and offered to the citizen-photo approval.
  const group = detail.locator('[data-testid="photo-group"][data-source="external"]');
  await expect(group.getByRole('heading')).toHaveText("Foto's van de externe partij", { timeout: 10_000 });
  await expect(detail.locator('[data-testid="photo-group"][data-source="field"]')).toHaveCount(0);
  await expect(group.getByTestId('photo-approve')).toBeVisible();
  await panel.getByTestId('external-use').click();
  await detail.getByTestId('transition-closed').click();
  await expect(detail.getByTestId('resolution-action-text')).toHaveValue(ANSWER);
  expect((await hub.api<{ messages: unknown[] }>('GET', `/api/reports/${report.id}`, desk)).body.messages).toHaveLength(1);
});
