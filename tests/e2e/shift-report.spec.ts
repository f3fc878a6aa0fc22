import { expect, type Page, test } from '@playwright/test';
import type { HandoverAnswer } from '../../server/protocol/shift-report';
import { ACCOUNT_PASSWORD, createAccount } from '../support/accounts';
import { openHeaderTool } from '../support/console-page';
import { startTestHub, type TestHub } from '../support/hub';

// The shift lead's Dienstrapport (write, save, the next shift lead's Overdracht at sign-in) and Signalen, in Chromium.
let hub: TestHub;
test.beforeAll(async () => {
  hub = await startTestHub({ store: 'sqlite' });
  await createAccount(hub.hub, 'chef2', 'shift_lead');
});
test.afterAll(async () => {
  await hub.stop();
});

/** Signs in with the generous wait a loaded machine needs to go live. */
async function signIn(page: Page, username: string, password = username): Promise<void> {
  await page.goto(hub.hub.url);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'online', { timeout: 90_000 });
}

/** The live overview is the shift lead's default screen: closed to reach the console's header. */
async function closeOverview(page: Page): Promise<void> {
  await page.getByTestId('overview-close').click({ timeout: 30_000 });
  await expect(page.getByTestId('overview')).toHaveCount(0);
}

test('shift report: written and saved by the shift lead, handed over to the next one at sign-in until read', async ({ browser }) => {
  test.setTimeout(300_000);
  const notes = 'Let op: HH-12 heeft een lekke band. Stoeptegels bij de school nog open.';
  const first = await browser.newPage();
  await signIn(first, 'chef');
  // Nothing to take over yet: no dialog.
  await expect(first.getByTestId('handover-dialog')).toHaveCount(0);
  await closeOverview(first);
  await openHeaderTool(first, 'shift-report-open');
  const view = first.getByTestId('shift-report-view');
  await expect(view).toBeVisible();
  await expect(view.getByTestId('shift-figure-received')).toBeVisible({ timeout: 30_000 });
  await expect(view.getByTestId('shift-figure-open')).toContainText(/\d+/);
  await view.getByTestId('shift-notes-input').fill(notes);
  await view.getByTestId('shift-notes-input').press('Control+Enter');
  await expect(view.getByTestId('shift-notice')).toContainText('opgeslagen', { timeout: 30_000 });
  await expect(view.getByTestId('shift-history').locator('li')).toHaveCount(1, { timeout: 30_000 });
  await expect(view.getByTestId('shift-pdf')).toBeVisible();
  await first.screenshot({ path: test.info().outputPath('shift-report-saved.png') });
  // The saved one again from the list: read only, with the notes.
  await view.getByTestId('shift-history').getByRole('button').first().click();
  await expect(view.getByTestId('shift-notes')).toHaveText(notes, { timeout: 30_000 });
  await first.keyboard.press('Escape');
  await expect(view).toHaveCount(0);
  await first.close();

  // The next shift lead signs in: the handover comes first, with the notes.
  const next = await browser.newPage();
  await signIn(next, 'chef2', ACCOUNT_PASSWORD);
  const dialog = next.getByTestId('handover-dialog');
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByTestId('shift-notes')).toHaveText(notes);
  await expect(dialog.getByTestId('shift-sheet')).toContainText('Cijfers van de dienst');
  await next.screenshot({ path: test.info().outputPath('handover-at-sign-in.png') });
  await dialog.getByTestId('handover-ack').click();
  await expect(dialog).toHaveCount(0, { timeout: 30_000 });
  const token = (await hub.login('chef2', ACCOUNT_PASSWORD)).token;
  expect((await hub.api<HandoverAnswer>('GET', '/api/handover', token)).body.report).toBeNull();
  // Signed in again: not shown again, still findable under Dienstrapport (read).
  await next.reload();
  await expect(next.getByTestId('connection-status')).toHaveAttribute('data-state', 'online', { timeout: 90_000 });
  await expect(next.getByTestId('handover-dialog')).toHaveCount(0);
  await closeOverview(next);
  await openHeaderTool(next, 'shift-report-open');
  await expect(next.getByTestId('shift-history')).toContainText('gelezen', { timeout: 30_000 });
  await next.close();
});

test('signals dashboard: neighbourhoods per week with the rule, and a focus area made from a row', async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, 'politie');
  // The police coordinator sees Signalen but not the shift report.
  await expect(page.getByTestId('shift-report-open')).toHaveCount(0);
  await page.getByTestId('signals-board-open').click();
  const board = page.getByTestId('signals-board');
  await expect(board).toBeVisible();
  await expect(board.getByTestId('signals-board-rule')).toContainText('1,5×', { timeout: 30_000 });
  const rows = board.getByTestId('signals-board-row');
  await expect(rows.first()).toBeVisible({ timeout: 30_000 });
  expect(await rows.count()).toBeGreaterThan(3);
  // Every row has its two small bar charts (uPlot canvases).
  await expect(rows.first().locator('.spark-bars canvas')).toHaveCount(2);
  await page.screenshot({ path: test.info().outputPath('signals-board.png') });

  // biome-ignore lint/performance/useDomNodeTextContent: the rendered first line of the row head is the neighbourhood's name
  const hood = (await rows.first().locator('th').innerText()).split('\n')[0]?.replace(/▲.*$/, '').trim() ?? '';
  await board.getByTestId('signals-board-to-focus').first().click();
  const form = board.getByTestId('focus-area-form');
  await expect(form.getByTestId('focus-area-draw-state')).toHaveAttribute('data-state', 'drawn');
  await form.getByTestId('focus-area-name').fill(`${hood}: extra toezicht`);
  // The public explanation is required, as from the map's hotspots.
  await form.getByTestId('focus-area-submit').click();
  await expect(form.getByTestId('focus-area-public')).toHaveAttribute('aria-invalid', 'true');
  await form.getByTestId('focus-area-public').fill('Hier komen veel meldingen en signalen binnen; we controleren extra.');
  await form.getByTestId('focus-area-submit').click();
  await expect(board.getByTestId('signals-board-created')).toContainText(`${hood}: extra toezicht`, { timeout: 30_000 });
  await expect(board.getByTestId('signals-board-areas').first()).toContainText(`${hood}: extra toezicht`, { timeout: 30_000 });
  await page.screenshot({ path: test.info().outputPath('signals-board-focus-area.png') });
});
