/**
 * The console's handling time as the hub counts it: "bijna te laat" from the report's at-risk time (the last 20 %
 * of its term), not "less than 24 hours left"; and the queue sorted by what is due first, chosen from the keyboard.
 */
import { expect, test } from '@playwright/test';
import type { Report } from '../../server/protocol/report';
import { loginConsole } from '../support/console-page';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';

/** Wednesday 2 December 2026, 10:00 in Amsterdam: the hub's clock when the reports come in. */
const RECEIVED = '2026-12-02T09:00:00.000Z';
/** 50 minutes later on the console's clock. */
const LOOKED_AT = '2026-12-02T09:50:00.000Z';

let hub: TestHub;
test.beforeAll(async () => {
  hub = await startTestHub({ clock: () => new Date(RECEIVED) });
});
test.afterAll(async () => {
  await hub?.stop();
});

test('an urgent report in its last 20 % is "bijna te laat", a fresh one-day report is not; due first on request', async ({ page }) => {
  const desk = await hub.login('centralist');
  const create = async (category: string, priority: Report['priority']): Promise<Report> => {
    const res = await hub.api<Report>('POST', '/api/reports', desk.token, sampleReport({ category, priority, description: `Termijn ${category}` }));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  // overlast, urgent: 1 clock hour (resources/categories.json), at risk in its last 12 minutes, from 10:48.
  const urgent = await create('overlast', 'urgent');
  const fiveDays = await create('groen', 'normal');
  const oneDay = await create('parkeren', 'normal');
  expect(urgent.slaAtRiskFrom).toBe('2026-12-02T09:48:00.000Z');

  await page.clock.install({ time: new Date(LOOKED_AT) });
  await loginConsole(page, hub.hub.url, 'centralist');
  const row = (r: Report) => page.locator(`[data-testid="queue-row"][data-report-id="${r.id}"]`);
  await expect(row(urgent).getByTestId('sla-badge')).toHaveAttribute('data-sla', 'at_risk');
  // One working day, 50 minutes old: under 24 hours left, but not in its last 20 %.
  await expect(row(oneDay).getByTestId('sla-badge')).toHaveAttribute('data-sla', 'on_time');
  await expect(row(fiveDays).getByTestId('sla-badge')).toHaveAttribute('data-sla', 'on_time');

  // Newest first by default (the last created on top); "Termijn: eerst verlopend" from the keyboard. The demo
  // reports are older, and the list draws only the rows in view: the order of these three where they are drawn.
  const mine = new Set([fiveDays.id, oneDay.id, urgent.id]);
  const ids = async () =>
    (await page.getByTestId('queue-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-report-id')))).filter((id) => id && mine.has(id));
  await expect.poll(ids).toEqual([oneDay.id, fiveDays.id, urgent.id]);
  const order = page.getByTestId('queue-order');
  await expect(order).toHaveAccessibleName('Volgorde van de wachtrij');
  await order.focus();
  await page.keyboard.press('ArrowDown');
  await expect(order).toHaveValue('due');
  // Due first: the urgent report (today 11:00) before the one-day report (tomorrow), the five-day one after both.
  await expect.poll(async () => (await ids()).slice(0, 2)).toEqual([urgent.id, oneDay.id]);
  await order.selectOption('newest');
  await expect.poll(ids).toEqual([oneDay.id, fiveDays.id, urgent.id]);
});
