import { expect, test } from '@playwright/test';
import type { Report } from '../../server/protocol/report';
import { loginConsole } from '../support/console-page';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';
import { CLOSE_NO_ACTION } from '../support/privacy-fixtures';

// Finding a report the queue no longer shows: a closed one, by its number, from the header's search field.
let hub: TestHub;
let closed: Report;
test.beforeAll(async () => {
  hub = await startTestHub({ store: 'sqlite' });
  const { token } = await hub.login('centralist');
  const made = await hub.api<Report>('POST', '/api/reports', token, sampleReport({ address: 'Zeestraat 12', description: 'Fietswrak aan het hek' }));
  expect(made.status).toBe(201);
  closed = made.body;
  const res = await hub.api('POST', `/api/reports/${closed.id}/transition`, token, { to: 'closed', resolution: CLOSE_NO_ACTION });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
});
test.afterAll(async () => {
  await hub.stop();
});

test('Ctrl+K, the number of a closed report, Enter: its detail opens', async ({ page }) => {
  await loginConsole(page, hub.hub.url, 'centralist');
  await page.keyboard.press('Control+k');
  const field = page.getByTestId('report-search-input');
  await expect(field).toBeFocused();
  const digits = closed.number.replace(/^M-0*/, '');
  await field.fill(digits);
  const first = page.getByTestId('report-search-hit').first();
  await expect(first).toContainText(closed.number);
  await expect(first).toContainText('afgesloten');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('detail-number')).toContainText(closed.number);

  // By words too, then with the arrow keys.
  await page.keyboard.press('Control+k');
  await field.fill('fietswrak hek');
  await expect(page.getByTestId('report-search-hit').first()).toContainText(closed.number);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('detail-number')).toContainText(closed.number);
});
