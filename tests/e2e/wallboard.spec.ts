import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import type { Ack } from '../../server/protocol/common';
import type { UnitsResponse } from '../../server/protocol/dispatch-api';
import type { Emergency } from '../../server/protocol/emergency';
import type { Report } from '../../server/protocol/report';
import type { IssuedWallboardDevice } from '../../server/protocol/wallboard';
import { sampleReport, startTestHub, type TestHub, until } from '../support/hub';
import { freePort } from '../support/hub-process';

/**
 * The wallboard (issue 14 point 4) in Chromium: the device token typed once into the entry form becomes an HttpOnly
 * cookie (never in the URL); the wall shows the overview and an open emergency, and after a hub restart it reconnects
 * by itself and is right again.
 */
let t: TestHub;
let port = 0;
const dataDir = mkdtempSync(join(tmpdir(), 'meldkamer-wallboard-e2e-'));

test.beforeAll(async () => {
  port = await freePort();
  t = await startTestHub({ demo: true, dataDir, config: { port } });
});
test.afterAll(async () => {
  await t?.stop();
});

const openTotal = async (page: import('@playwright/test').Page) => Number(await page.getByTestId('ov-open-total').locator('.ov-value').textContent());

test('token to cookie, overview and emergency on the wall, back by itself after a hub restart', async ({ page, context }, testInfo) => {
  test.setTimeout(180_000);
  const admin = (await t.login('admin')).token;
  const issued = await t.api<IssuedWallboardDevice>('POST', '/api/admin/wallboards', admin, { name: 'Videowand e2e' });
  expect(issued.status).toBe(201);

  await page.goto(`${t.hub.url}/wallboard`);
  await expect(page.getByTestId('wallboard-entry')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('wallboard-code').fill(issued.body.token);
  await page.getByTestId('wallboard-connect').click();
  await expect(page.getByTestId('wallboard')).toBeVisible({ timeout: 30_000 });
  expect(page.url()).not.toContain(issued.body.token);
  const cookies = await context.cookies();
  const cookie = cookies.find((c) => c.name === 'mk_wallboard');
  expect(cookie?.httpOnly).toBe(true);
  expect(cookie?.sameSite).toBe('Strict');
  expect(cookie?.value).not.toBe(issued.body.token);
  await expect(page.getByTestId('wallboard-connection')).toHaveText('online', { timeout: 30_000 });

  // The overview's figures, as the hub counts them.
  const desk = (await t.login('centralist')).token;
  const open = (await t.api<{ reports: Report[] }>('GET', '/api/reports', desk)).body.reports.length;
  await expect.poll(() => openTotal(page), { timeout: 30_000 }).toBe(open);
  // The figures are laid out as on the console's overview (a grid, each label with its figure at the right), not one
  // run-on line per figure ("nieuw23"): the overview's stylesheet is loaded on the wall too.
  expect(await page.locator('.wb-figures .ov-grid').evaluate((e) => getComputedStyle(e).display)).toBe('grid');
  const figure = page.getByTestId('ov-open-total');
  const [label, value] = [await figure.locator('.ov-label').boundingBox(), await figure.locator('.ov-value').boundingBox()];
  expect(value && label && value.x - (label.x + label.width)).toBeGreaterThan(16);

  // An emergency set at the desk appears on the wall, live.
  const units = (await t.api<UnitsResponse>('GET', '/api/units', desk)).body.units;
  const unit = units.find((u) => u.status !== 'noodgeval');
  if (!unit) throw new Error('no unit');
  const console = t.connectConsole(desk);
  await until(() => console.connected, 15_000, 'the console socket');
  const set = (await console.timeout(10_000).emitWithAck('emergency:set', { commandId: randomUUID(), unitId: unit.id, note: 'Portofoon: collega vraagt bijstand' })) as Ack<Emergency>;
  expect(set.ok, JSON.stringify(set)).toBe(true);
  await expect(page.getByTestId('wallboard-emergencies')).toContainText(unit.callsign, { timeout: 30_000 });
  // The desk's note is not the wall's business.
  await expect(page.getByTestId('wallboard')).not.toContainText('Portofoon');
  await page.screenshot({ path: testInfo.outputPath('wallboard.png'), fullPage: true });

  // The hub restarts on the same address: the wall loses it, then reconnects and counts again by itself.
  await t.stop();
  await expect(page.getByTestId('wallboard-connection')).not.toHaveText('online', { timeout: 30_000 });
  t = await startTestHub({ demo: true, dataDir, config: { port } });
  const desk2 = (await t.login('centralist')).token;
  const created = await t.api<Report>('POST', '/api/reports', desk2, sampleReport({ description: 'E2E wand: na herstart' }));
  expect(created.status).toBe(201);
  await expect(page.getByTestId('wallboard-connection')).toHaveText('online', { timeout: 60_000 });
  await expect.poll(() => openTotal(page), { timeout: 30_000 }).toBe(open + 1);
  await expect(page.getByTestId('wallboard-emergencies')).toContainText(unit.callsign);
  await page.screenshot({ path: testInfo.outputPath('wallboard-after-restart.png'), fullPage: true });
});
