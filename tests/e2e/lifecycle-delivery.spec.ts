/**
 * Delivery state in the console: a citizen message that cannot be delivered (SMTP down) is marked failed
 * on the report, in the queue ("mislukte berichten") and in the shift lead's outbox view; the shift lead
 * retries it once SMTP is back and it goes out. A dispatcher sees the failure but has no retry button.
 */
import { mkdirSync } from 'node:fs';
import { type Browser, expect, type Page, test } from '@playwright/test';
import type { OutboxMessageView } from '../../server/protocol/detail';
import type { Report } from '../../server/protocol/report';
import { loginConsole } from '../support/console-page';
import { sampleReport, startTestHub, type TestHub, until } from '../support/hub';
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

async function newPage(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test('a failed message shows on the report, in the queue and the outbox; the shift lead retries it', async ({
  page,
  browser,
}) => {
  test.setTimeout(90_000);
  const chefToken = (await hub.login('chef')).token;

  // ---- the receipt cannot be delivered: SMTP is down until the retries run out ----
  await smtp.down();
  const created = await hub.api<Report>(
    'POST',
    '/api/reports',
    chefToken,
    { ...sampleReport({ description: 'Lantaarnpaal brandt niet', category: 'verlichting', reporter: { email: 'melder@example.nl' } }), consent: { contact: true } },
  );
  expect(created.status).toBe(201);
  const report = created.body;
  await until(
    async () => {
      const res = await hub.api<{ messages: OutboxMessageView[] }>('GET', '/api/outbox?status=failed', chefToken);
      return res.body.messages.some((m) => m.reportId === report.id);
    },
    20_000,
    'the receipt to be marked failed',
  );

  // ---- the shift lead sees it everywhere ----
  await login(page, 'chef');
  await expect(page.getByTestId('outbox-open')).toHaveAttribute('data-count', '1');
  await page.getByTestId('queue-status-filter').selectOption('delivery_failed');
  const row = page.locator(`[data-testid="queue-row"][data-report-id="${report.id}"]`);
  await expect(row).toBeVisible();
  await expect(row.getByTestId('delivery-failed')).toBeVisible();
  await expect(page.getByTestId('queue-row')).toHaveCount(1);

  await row.click();
  const detail = page.getByTestId('report-detail');
  await expect(detail.getByTestId('detail-delivery')).toHaveAttribute('data-delivery', 'failed');
  const message = detail.getByTestId('message-row');
  await expect(message).toHaveAttribute('data-status', 'failed');
  await expect(message.getByTestId('message-error')).toBeVisible();
  await expect(message.getByTestId('message-retry')).toBeVisible();

  // Esc closes the panel; the outbox view lists the failed message.
  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
  await page.getByTestId('outbox-open').click();
  const outbox = page.getByTestId('outbox-panel');
  await expect(outbox.getByTestId('outbox-row')).toHaveCount(1);
  await expect(outbox.getByTestId('outbox-row')).toHaveAttribute('data-status', 'failed');
  await expect(outbox.getByTestId('outbox-open-report')).toHaveText(report.number);
  mkdirSync('tests/e2e/artifacts', { recursive: true });
  await page.screenshot({ path: 'tests/e2e/artifacts/lifecycle-delivery-outbox.png' });

  // ---- a dispatcher sees the failure, but retrying is the shift lead's call ----
  const dispatcher = await newPage(browser);
  await login(dispatcher, 'centralist');
  await dispatcher.locator(`[data-testid="queue-row"][data-report-id="${report.id}"]`).click();
  const dispatcherMessage = dispatcher.getByTestId('report-detail').getByTestId('message-row');
  await expect(dispatcherMessage).toHaveAttribute('data-status', 'failed');
  await expect(dispatcherMessage.getByTestId('message-retry')).toHaveCount(0);

  // ---- SMTP is back; the retry delivers the message once ----
  await smtp.up();
  await outbox.getByTestId('message-retry').click();
  await expect(outbox.getByTestId('outbox-empty')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('outbox-open')).toHaveAttribute('data-count', '0');
  const mails = await smtp.waitForMessages(1, 10_000);
  expect(mails.filter((m) => m.envelope.to.includes('melder@example.nl'))).toHaveLength(1);
  await expect(row).toHaveCount(0); // no longer in "mislukte berichten"
  await expect(dispatcherMessage).toHaveAttribute('data-status', 'sent');

  // ---- the same in English ----
  await outbox.getByTestId('outbox-close').click();
  await page.getByTestId('queue-status-filter').selectOption('all');
  await page.getByRole('button', { name: 'EN', exact: true }).click();
  await row.click();
  await expect(detail.getByTestId('detail-delivery')).toHaveText('sent');
  await expect(page.getByTestId('queue-status-filter')).toContainText('Follow-up today');
  await expect(detail.getByTestId('timeline')).toContainText('Report created');
  await page.screenshot({ path: 'tests/e2e/artifacts/lifecycle-delivery-en.png' });
  await dispatcher.context().close();
});
