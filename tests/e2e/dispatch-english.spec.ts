/**
 * The dispatch console in English over a real hub (SQLite, in-process) in Debian's Chromium: the hub's
 * domain sends Dutch messages with codes, and the console shows its own English words for them. Unit
 * statuses and status buttons on the units board, recommendation reasons, and alerts (a new urgent report,
 * an offer a scripted field unit declines, its emergency button) read in English, not in Dutch; so do the
 * field client's status and status buttons, and a command the hub refuses (offering a unit that went on a break).
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import type { Alert, Assignment, Unit } from '../../server/protocol/dispatch';
import type { Report } from '../../server/protocol/report';
import type { FieldEvent } from '../../server/protocol/socket';
import { connectScriptedField, type ScriptedField } from '../support/dispatch-field';
import { openHeaderTool } from '../support/console-page';
import { taskUnitToday } from '../support/field-helpers';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';

test.use({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });

let t: TestHub;
let units: Unit[];
let boa: ScriptedField | undefined;

test.beforeAll(async () => {
  t = await startTestHub({ demo: true });
  const desk = await t.login('centralist');
  units = (await t.api<{ units: Unit[] }>('GET', '/api/units', desk.token)).body.units;
});
test.afterAll(async () => {
  boa?.close();
  await t?.stop();
});

function unit(callsign: string): Unit {
  const found = units.find((u) => u.callsign === callsign);
  if (!found) throw new Error(`demo unit ${callsign} missing`);
  return found;
}

async function loginInEnglish(page: Page, username: string): Promise<void> {
  await page.goto(t.hub.url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(username);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'online', { timeout: 15_000 });
  await page.getByTestId('locale-en').click();
  await expect(page.getByTestId('locale-en')).toHaveAttribute('aria-pressed', 'true');
}

const isOffer = (reportId: string) => (e: FieldEvent): e is Extract<FieldEvent, { type: 'assignment' }> =>
  e.type === 'assignment' && e.assignment.state === 'offered' && e.report.id === reportId;

test('in English, unit statuses, status buttons, recommendation reasons and alerts show no Dutch', async ({ page }) => {
  test.setTimeout(90_000);
  const hh11 = unit('HH-11');
  // HH-11 is tasked to the area around the report, so "tasked to this area" is one of its reasons.
  await taskUnitToday(t, hh11.id, { name: 'Lange Voorhout', instructions: 'Toezicht op overlast.' });
  const chef = await t.login('chef');
  const created = await t.api<Report>(
    'POST',
    '/api/reports',
    chef.token,
    sampleReport({
      category: 'overlast',
      priority: 'urgent',
      description: 'E2E: harde muziek bij de speeltuin',
      address: 'Korte Voorhout 3',
      location: { lat: 52.0791, lng: 4.3131 },
    }),
  );
  expect(created.status).toBe(201);
  const report = created.body;
  boa = await connectScriptedField(t.hub.url, (await t.login('boa1')).token);

  await loginInEnglish(page, 'centralist');

  // ---- units board: the status and the status buttons ----
  const row = page.locator(`[data-testid="unit-row"][data-unit-id="${hh11.id}"]`);
  await expect(row.getByTestId('unit-status')).toHaveText('Available');
  await row.getByTestId('unit-actions-toggle').click();
  const actions = page.getByTestId('unit-actions');
  await expect(actions.getByTestId('unit-status-pauze')).toHaveText('Break');
  await expect(actions.getByTestId('unit-status-uit_dienst')).toHaveText('End shift');
  await expect(actions.getByTestId('unit-status-bezet')).toHaveText('Busy');
  await actions.getByRole('button', { name: 'Cancel' }).click();

  // ---- the urgent report's alert ----
  // Routine high-priority alerts are one line with a count (the demo's urgent reports have theirs too), opened to list them.
  const group = page.locator('[data-testid="alert-group"][data-kind="high_priority"]');
  await expect(group.getByTestId('alert-group-text')).toHaveText(/^\d+ new high-priority reports$/);
  await group.getByTestId('alert-group-toggle').click();
  const urgent = page.locator(`[data-testid="alert-item"][data-kind="high_priority"][data-report-id="${report.id}"]`);
  await expect(urgent.getByTestId('alert-text')).toHaveText(`New report with priority urgent: ${report.number}`);
  await expect(urgent.getByTestId('alert-ack')).toHaveCount(0);

  // ---- recommendation reasons ----
  await page.locator(`[data-testid="queue-row"][data-report-id="${report.id}"]`).click();
  const panel = page.getByTestId('dispatch-panel');
  const first = panel.getByTestId('recommendation-row').first();
  await expect(first).toHaveAttribute('data-unit-id', hh11.id);
  const reasons = first.getByTestId('recommendation-reasons');
  await expect(reasons).toContainText('tasked to this area');
  await expect(reasons).not.toContainText(/ingedeeld|positie|lopende|geen/);

  // ---- offer, the field declines: the unit was "Offered", the alert says who declined ----
  await panel.getByTestId('offer-submit').click();
  await expect(row.getByTestId('unit-status')).toHaveText('Offered');
  const offer = await boa.waitForEvent(isOffer(report.id));
  const declined = await boa.command<Assignment>('offer:decline', { commandId: randomUUID(), assignmentId: offer.assignment.id });
  expect(declined.ok).toBe(true);
  const declinedAlert = page.locator(`[data-testid="alert-item"][data-kind="offer_declined"][data-report-id="${report.id}"]`);
  await expect(declinedAlert.getByTestId('alert-text')).toHaveText(`HH-11 declined ${report.number}`);
  await expect(row.getByTestId('unit-status')).toHaveText('Available');

  // ---- the emergency button ----
  const raised = await boa.command<Alert>('emergency', { commandId: randomUUID() });
  expect(raised.ok).toBe(true);
  // The emergency panel is the one place for an open emergency (the banner leaves its alert out).
  const emergency = page.locator('[data-testid="emergency-item"]').filter({ hasText: 'HH-11' });
  await expect(emergency.getByTestId('emergency-title')).toHaveText('EMERGENCY HH-11');
  await expect(page.locator('[data-testid="alert-item"][data-kind="emergency"]')).toHaveCount(0);

  await expect(page.getByTestId('alert-banner')).not.toContainText(/Nieuwe melding|afgewezen|NOODKNOP|NOODGEVAL|spoed/);
  await expect(page.getByTestId('emergency-panel')).not.toContainText(/NOODGEVAL|Gezien|beëindigen/);
  await expect(page.getByTestId('units-board')).not.toContainText(/Beschikbaar|Aangeboden|Uit dienst/i);

  mkdirSync('tests/e2e/artifacts', { recursive: true });
  await page.screenshot({ path: 'tests/e2e/artifacts/dispatch-english.png' });
});

test('in English, a refused command says why in English: offering a unit that has gone on a break', async ({ page }) => {
  test.setTimeout(60_000);
  // The console's socket runs through here: while `holding`, unit updates from the hub do not reach the page yet,
  // so the console still offers a unit the hub knows is on a break.
  let holding = false;
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    const server = ws.connectToServer();
    ws.onMessage((message) => server.send(message));
    server.onMessage((message) => {
      if (holding && typeof message === 'string' && message.includes('"unit.updated"')) return;
      ws.send(message);
    });
  });
  const chef = await t.login('chef');
  const created = await t.api<Report>(
    'POST',
    '/api/reports',
    chef.token,
    sampleReport({ category: 'overlast', description: 'E2E: fietsen voor de ingang', address: 'Korte Voorhout 5', location: { lat: 52.0792, lng: 4.3132 } }),
  );
  expect(created.status).toBe(201);
  const report = created.body;
  const desk = t.connectConsole(chef.token);

  await loginInEnglish(page, 'centralist');
  await page.locator(`[data-testid="queue-row"][data-report-id="${report.id}"]`).click();
  const panel = page.getByTestId('dispatch-panel');
  const first = panel.getByTestId('recommendation-row').first();
  await expect(first).toHaveAttribute('data-unit-id', /.+/);
  const unitId = (await first.getAttribute('data-unit-id')) ?? '';
  const callsign = units.find((u) => u.id === unitId)?.callsign ?? '';
  expect(callsign).not.toBe('');

  holding = true;
  const onBreak = await desk.timeout(5000).emitWithAck('unit:status', { commandId: randomUUID(), unitId, status: 'pauze' });
  expect(onBreak.ok).toBe(true);
  try {
    await panel.getByTestId('offer-submit').click();
    await expect(panel.getByTestId('dispatch-error')).toHaveText(`Offer failed: ${callsign} is not available`);
    await expect(panel).not.toContainText(/niet beschikbaar|mislukt/);
  } finally {
    holding = false;
    await desk.timeout(5000).emitWithAck('unit:status', { commandId: randomUUID(), unitId, status: 'beschikbaar' });
  }
});

test('in English, the KPI export\'s headers and totals are English', async ({ page }) => {
  test.setTimeout(90_000);
  await loginInEnglish(page, 'chef');
  const overviewClose = page.getByTestId('overview-close');
  if ((await overviewClose.count()) > 0) await overviewClose.click();
  await openHeaderTool(page, 'kpi-open');
  await expect(page.getByTestId('kpi-view')).toBeVisible({ timeout: 30_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('kpi-export-csv').click()]);
  const path = await download.path();
  const lines = readFileSync(path, 'utf8').replace(/^\uFEFF/, '').trim().split('\r\n');
  expect(lines[0]).toMatch(/^Period from,Period to,Group,Received,/);
  expect(lines[0]).not.toMatch(/Ontvangen|Periode|Mislukte/);
  expect(lines.some((l) => l.split(',')[2] === 'Total')).toBe(true);
});

test('the field client in English: the unit status and its status buttons', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${t.hub.url}/field`);
  await page.getByTestId('field-login-username').fill('boa2');
  await page.getByTestId('field-login-password').fill('boa2');
  await page.getByTestId('field-login-submit').click();
  await expect(page.getByTestId('field-callsign')).toHaveText('HH-12');
  await page.getByTestId('field-locale').click();

  await expect(page.getByTestId('field-unit-status')).toHaveText('Available');
  await expect(page.getByTestId('field-status-pauze')).toHaveText('Break');
  await expect(page.getByTestId('field-status-uit_dienst')).toHaveText('End shift');
  await page.getByTestId('field-status-pauze').click();
  await expect(page.getByTestId('field-unit-status')).toHaveAttribute('data-status', 'pauze');
  await expect(page.getByTestId('field-unit-status')).toHaveText('Break');
  await expect(page.getByTestId('field-status-beschikbaar')).toHaveText('End break');
  await context.close();
});
