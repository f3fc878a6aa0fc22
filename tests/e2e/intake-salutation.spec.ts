/**
 * Messages from a person (issue 15, point 3): the call-taker types the caller's name and the salutation they ask
 * for ("mevrouw Jansen") in the new-report form; the receipt e-mail greets "Beste mevrouw Jansen," and names the
 * municipality and its phone number. A real hub (SQLite, demo data) and a real SMTP server; the console in Chromium.
 */
import { expect, test } from '@playwright/test';
import { startTestHub, type TestHub } from '../support/hub';
import { loginConsole } from '../support/intake-helpers';
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

test('the salutation typed at intake greets the reporter in the receipt', async ({ page }) => {
  test.setTimeout(90_000);
  await loginConsole(page, hub.hub.url, 'centralist');
  await page.getByTestId('new-report-open').click();
  const form = page.getByTestId('new-report-form');
  await form.getByTestId('report-category').selectOption('groen');
  await form.getByTestId('report-lat').fill('52.0851');
  await form.getByTestId('report-lng').fill('4.2989');
  await form.getByTestId('report-description').fill('Tak hangt laag over het fietspad (aanhef-test)');
  await form.getByTestId('report-reporter-name').fill('Jan Jansen');
  const salutation = form.getByTestId('report-reporter-salutation');
  await expect(salutation).toHaveAttribute('placeholder', 'bijv. mevrouw Jansen');
  await salutation.fill('mevrouw Jansen');
  await form.getByTestId('report-reporter-email').fill('jansen@example.nl');
  await form.getByTestId('report-consent').check();

  await form.getByTestId('report-submit').click();
  await expect(page.getByTestId('new-report-form')).toHaveCount(0);

  const deadline = Date.now() + 20_000;
  while (!smtp.messages.some((m) => m.envelope.to.includes('jansen@example.nl')) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
  }
  const receipt = smtp.messages.find((m) => m.envelope.to.includes('jansen@example.nl'));
  expect(receipt?.text.split('\n')[0]).toBe('Beste mevrouw Jansen,');
  expect(receipt?.text).toContain('Bedankt voor uw melding over een boomtak of ander groen.');
  expect(receipt?.text).toContain('Gemeente Den Haag');
  expect(receipt?.text).toContain('14 070');
  expect(receipt?.text).toMatch(/Uw code is [A-Z0-9]{7}, voor als u uw melding opzoekt\./);
});
