/**
 * Issue 15 point 8 in the browser: the desk splits a report into two parts ("Splitsen in delen" in the report's
 * detail), the parts appear in the queue as their own rows with "deel van M-…", the main report shows "2 delen,
 * 2 open" and lists them; when a part is closed over the API the list and the count follow the hub's events. The
 * timelines say "Gesplitst in 2 deelmeldingen: …" and "Deel van M-… aangemaakt"; a part's close form says that no
 * message goes out for it.
 */
import { expect, test } from '@playwright/test';
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

test('split a report into parts for two teams; the queue and the detail show them', async ({ page }) => {
  const token = (await hub.login('centralist')).token;
  const created = await hub.api<Report>('POST', '/api/reports', token, sampleReport({ category: 'afval', description: 'Bank en matras gedumpt' }));
  expect(created.status).toBe(201);
  const main = created.body;

  await loginConsole(page, hub.hub.url, 'centralist');
  await page.locator(`[data-testid="queue-row"][data-report-id="${main.id}"]`).click();
  const detail = page.getByTestId('report-detail');
  await expect(detail).toHaveAttribute('data-report-id', main.id);

  await detail.getByTestId('split-open').click();
  const form = detail.getByTestId('split-form');
  await form.getByTestId('split-description').first().fill('Bank en matras ophalen');
  await form.getByTestId('split-add').click();
  const second = form.getByTestId('split-part').nth(1);
  await second.getByTestId('split-category').selectOption('overlast');
  await second.getByTestId('split-team').selectOption('Handhaving BOA');
  await second.getByTestId('split-description').fill('Dumping onderzoeken');
  // Keyboard: Ctrl+Enter in the form splits, as the closing form sends.
  await form.getByTestId('split-description').nth(1).press('Control+Enter');

  const parts = detail.getByTestId('part-row');
  await expect(parts).toHaveCount(2);
  await expect(parts.nth(0)).toContainText('Toezicht afval');
  await expect(parts.nth(1)).toContainText('Handhaving BOA');
  await expect(detail.getByTestId('sub-reports')).toContainText('2 delen, 2 open');

  // The queue: the main report counts its parts, each part is its own row "deel van M-…".
  const mainRow = page.locator(`[data-testid="queue-row"][data-report-id="${main.id}"]`);
  await expect(mainRow.getByTestId('queue-parts')).toHaveText('2 delen, 2 open');
  await expect(page.getByTestId('queue-part-of').filter({ hasText: `deel van ${main.number}` })).toHaveCount(2);

  // A part closed elsewhere (over the API): the count and the list follow the events.
  const sofaNumber = (await parts.nth(0).getAttribute('data-part-number')) ?? '';
  const listed = await hub.api<{ parts: { id: string; number: string }[] }>('GET', `/api/reports/${main.id}/parts`, token);
  const sofa = listed.body.parts.find((p) => p.number === sofaNumber);
  if (!sofa) throw new Error('the sofa part is not listed');
  const closed = await hub.api('POST', `/api/reports/${sofa.id}/transition`, token, {
    to: 'closed',
    resolution: {
      kind: 'close',
      outcome: 'cancelled',
      found: { code: 'zoals_gemeld', text: 'Bank op de stoep' },
      action: { code: 'ingetrokken', text: 'Dubbel aangemaakt' },
    },
  });
  expect(closed.status).toBe(200);
  await expect(mainRow.getByTestId('queue-parts')).toHaveText('2 delen, 1 open');
  await expect(detail.getByTestId('sub-reports')).toContainText('2 delen, 1 open');
  await expect(parts.nth(0)).toHaveAttribute('data-status', 'closed');

  // A part's own detail names its main report and opens it.
  await parts.nth(1).getByRole('button').first().click();
  await expect(detail.getByTestId('part-of')).toContainText(`Deel van ${main.number} · team Handhaving BOA`);
  // Its timeline names its main report; its close form says no message goes out (a part has no reporter).
  await expect(detail.getByTestId('timeline-text').first()).toHaveText(`Deel van ${main.number} aangemaakt`);
  await detail.getByTestId('transition-closed').click();
  const closeForm = detail.getByTestId('resolution-form');
  await closeForm.getByTestId('resolution-found-text').fill('dumping gezien');
  await expect(closeForm.getByTestId('part-no-message')).toContainText(`hier gaat geen bericht uit`);
  await expect(closeForm.getByTestId('part-no-message')).toContainText(main.number);
  await expect(closeForm.getByTestId('citizen-reads-found')).toHaveCount(0);
  await expect(closeForm).not.toContainText('De melder leest');
  await expect(closeForm.getByTestId('message-preview-subject')).toHaveCount(0);
  await detail.getByTestId('part-of').getByRole('button').click();
  await expect(detail).toHaveAttribute('data-report-id', main.id);
  // The main report's timeline says it was split, into which parts.
  await expect(detail.getByTestId('timeline-text').filter({ hasText: 'Gesplitst in 2 deelmeldingen' })).toContainText(sofaNumber);
});
