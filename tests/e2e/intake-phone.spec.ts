/**
 * Phone intake (issue 5): a caller reports a branch that is already known and scheduled. The call-taker
 * sees the existing report with its date while typing, tells the caller, and links the call instead of
 * creating a second report; when the report is closed, the original reporter AND the linked caller get
 * the closing message. Also: a survey CSV import in the browser, the hotspots list turned into a focus
 * area, and the shift lead merging a duplicate.
 *
 * A real hub (SQLite, demo data) and a real SMTP server run in-process; the console runs in Chromium.
 */
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { formatLongDate } from '../../server/domain/feedback';
import type { FocusArea } from '../../server/protocol/dispatch';
import type { HotspotsResponse } from '../../server/protocol/intake';
import type { Report } from '../../server/protocol/report';
import { addDays, localDate } from '../../renderer/shared/time/calendar';
import { dispatchThroughOffer } from '../support/dispatch-offer';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';
import { openHeaderTool } from '../support/console-page';
import { loginConsole, sourceFeatureIds, surveyCsv, transition } from '../support/intake-helpers';
import { type CapturedMail, startTestSmtp, type TestSmtp } from '../support/smtp';

test.use({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });

let hub: TestHub;
let smtp: TestSmtp;

test.beforeAll(async () => {
  smtp = await startTestSmtp();
  hub = await startTestHub({ demo: true, smtp: { host: smtp.host, port: smtp.port } });
  mkdirSync('tests/e2e/artifacts', { recursive: true });
});
test.afterAll(async () => {
  await hub?.stop();
  await smtp?.stop();
});

const ORIGINAL_EMAIL = 'a.jansen@example.nl';
const CALLER_EMAIL = 'p.bakker@example.nl';
const CLOSING_ACTION = 'De laaghangende tak is weggezaagd door het team Groenonderhoud';

async function mailsMatching(predicate: (m: CapturedMail) => boolean, n: number, what: string): Promise<CapturedMail[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const found = smtp.messages.filter(predicate);
    if (found.length >= n) return found;
    if (Date.now() > deadline) {
      const seen = smtp.messages.map((m) => `${m.envelope.to.join(',')}: ${m.subject}`).join('\n');
      throw new Error(`expected ${n} mail(s) ${what}; got ${found.length}. All mails:\n${seen}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('phone intake: the caller hears "al gemeld, ingepland voor <date>", is linked, and gets the closing mail too', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const desk = await hub.login('centralist');

  // ---- an existing report near the Lange Voorhout, with a reporter, brought to "scheduled" over the API ----
  const created = await hub.api<Report>(
    'POST',
    '/api/reports',
    desk.token,
    sampleReport({
      category: 'groen',
      location: { lat: 52.08025, lng: 4.31175 },
      address: 'Lange Voorhout 40',
      description: 'Tak van de linde hangt laag over het trottoir',
      source: 'web',
      reporter: { name: 'A. Jansen', email: ORIGINAL_EMAIL },
      consent: { contact: true },
    }),
  );
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const report = created.body;
  const followUpDate = addDays(localDate(Date.now()), 14);
  const longDate = formatLongDate(followUpDate, 'nl');
  const schedule = {
    kind: 'schedule',
    found: { code: 'tak_laag', text: 'Tak hangt laag boven het trottoir, doorgang 1,90 m' },
    action: { code: 'onderhoudsronde', text: `Mee in de onderhoudsronde van ${longDate}` },
    followUp: { date: followUpDate, what: 'de tak wordt gesnoeid', who: 'het team Groenonderhoud' },
  };
  await transition(hub, desk.token, report.id, { to: 'triaged' });
  // Only an accepted offer dispatches a report: a unit takes it.
  await dispatchThroughOffer(hub, desk.token, report.id);
  await transition(hub, desk.token, report.id, { to: 'in_progress' });
  await transition(hub, desk.token, report.id, { to: 'awaiting_review', resolution: schedule });
  const scheduled = await transition(hub, desk.token, report.id, { to: 'scheduled', resolution: schedule });
  expect(scheduled.status).toBe('scheduled');
  expect(scheduled.followUpDate).toBe(followUpDate);
  // Receipt and "ingepland" to the original reporter.
  await mailsMatching((m) => m.envelope.to.includes(ORIGINAL_EMAIL), 2, `to ${ORIGINAL_EMAIL}`);

  // ---- the call-taker takes a call about the same branch ----
  await loginConsole(page, hub.hub.url, 'centralist');
  await page.getByTestId('new-report-open').click();
  const form = page.getByTestId('new-report-form');
  await expect(form.getByTestId('report-category')).toBeFocused();
  await form.getByTestId('report-category').selectOption('groen');
  // Nothing yet: the location is missing.
  await expect(form.getByTestId('intake-duplicates')).toHaveCount(0);
  await form.getByTestId('report-lat').fill('52.0802');
  await form.getByTestId('report-lng').fill('4.3116');

  const duplicates = form.getByTestId('intake-duplicates');
  await expect(duplicates).toBeVisible();
  const row = duplicates.locator(`[data-testid="intake-duplicate"][data-report-id="${report.id}"]`);
  await expect(row).toBeVisible();
  await expect(row).toContainText(report.number);
  await expect(row.getByTestId('intake-duplicate-status')).toHaveText('ingepland');
  await expect(row.getByTestId('intake-duplicate-scheduled')).toHaveText(`Ingepland voor ${longDate}`);
  await expect(row.getByTestId('intake-duplicate-distance')).toHaveText(/^\d+ m verderop$/);
  // Nearest first: ours (about 12 m) before the demo report at Lange Voorhout 34 (about 40 m).
  await expect(duplicates.getByTestId('intake-duplicate').first()).toHaveAttribute('data-report-id', report.id);

  // Linking needs the caller's contact details and consent.
  await row.getByTestId('intake-link').click();
  await expect(row.getByTestId('intake-link-error')).toBeVisible();
  await expect(form.getByTestId('field-error-consent')).toBeVisible();
  await expect(form.getByTestId('report-reporter-email')).toBeFocused();

  await form.getByTestId('report-reporter-name').fill('P. Bakker');
  await form.getByTestId('report-reporter-email').fill(CALLER_EMAIL);
  await form.getByTestId('report-consent').check();
  await expect(row.getByTestId('intake-link-error')).toHaveCount(0);
  await page.screenshot({ path: 'tests/e2e/artifacts/intake.png' });

  await row.getByTestId('intake-link').click();
  const linked = form.getByTestId('intake-linked');
  await expect(linked).toBeVisible();
  await expect(linked).toHaveAttribute('data-report-id', report.id);
  await expect(linked).toContainText(report.number);
  await expect(linked).toContainText(`ingepland voor ${longDate}`, { ignoreCase: true });
  // No second report was made; the detail shows two reporters.
  const detail = page.getByTestId('report-detail');
  await expect(detail).toHaveAttribute('data-report-id', report.id);
  await expect(detail.getByTestId('detail-reporters')).toHaveAttribute('data-count', '2');
  // Masked until "toon contactgegevens" (a logged view).
  await expect(detail.getByTestId('detail-reporter-masked')).toHaveCount(2);
  await expect(detail.getByTestId('detail-reporters')).not.toContainText(CALLER_EMAIL);
  await detail.getByTestId('contacts-show').click();
  await expect(detail.getByTestId('detail-reporter')).toHaveCount(2);
  await expect(detail.getByTestId('detail-reporters')).toContainText(CALLER_EMAIL);
  await page.screenshot({ path: 'tests/e2e/artifacts/intake-linked.png' });
  const open = await hub.api<{ reports: Report[] }>('GET', '/api/reports?scope=open', desk.token);
  expect(open.body.reports.filter((r) => r.description.includes('linde'))).toHaveLength(1);
  expect(open.body.reports.find((r) => r.id === report.id)?.reporterCount).toBe(2);
  // The caller gets a receipt of the existing report.
  const callerReceipt = (await mailsMatching((m) => m.envelope.to.includes(CALLER_EMAIL), 1, `to ${CALLER_EMAIL}`))[0]!;
  expect(callerReceipt.text).toContain(report.number);

  // A second link of the same caller is refused (409) and says so.
  await form.getByTestId('intake-new-call').click();
  await expect(linked).toHaveCount(0);

  // ---- the branch is cut: the report is closed as resolved (API) ----
  await transition(hub, desk.token, report.id, {
    to: 'closed',
    resolution: {
      kind: 'close',
      outcome: 'resolved',
      found: { code: 'tak_laag', text: 'Tak hing laag boven het trottoir' },
      action: { code: 'tak_verwijderd', text: CLOSING_ACTION },
    },
  });
  const closing = await mailsMatching((m) => m.text.includes(CLOSING_ACTION), 2, 'with the closing action');
  const recipients = closing.flatMap((m) => m.envelope.to).sort();
  expect(recipients).toEqual([CALLER_EMAIL, ORIGINAL_EMAIL].sort());
  for (const mail of closing) expect(mail.text).toContain(report.number);
  await expect(detail).toHaveAttribute('data-status', 'closed');
});

test('survey CSV import: mapping, preview with a bad row, progress, result, signals layer', async ({ page }) => {
  await loginConsole(page, hub.hub.url, 'centralist');
  await page.getByTestId('signals-import-open').click();
  const dialog = page.getByTestId('signals-import-dialog');
  await expect(dialog).toBeVisible();
  await dialog.getByTestId('signals-file').setInputFiles({
    name: 'bewonerspeiling.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(surveyCsv(), 'utf8'),
  });
  // The columns come from the header; the first guess is shown and can be changed.
  await expect(dialog.getByTestId('signals-map-text')).toHaveValue('Opmerking');
  await expect(dialog.getByTestId('signals-map-lat')).toHaveValue('Breedte');
  await expect(dialog.getByTestId('signals-map-lng')).toHaveValue('Lengte');
  await dialog.getByTestId('signals-map-occurredAt').selectOption('Datum');
  await dialog.getByTestId('signals-map-place').selectOption('Wijk');
  await dialog.getByTestId('signals-map-externalId').selectOption('Nr');

  await expect(dialog.getByTestId('signals-preview-row')).toHaveCount(2);
  const bad = dialog.getByTestId('signals-row-error');
  await expect(bad).toHaveCount(1);
  await expect(bad).toHaveAttribute('data-row', '3');
  await expect(bad).toContainText('Tekst ontbreekt');
  await expect(dialog.getByTestId('signals-preview-row').first()).toContainText('Veel afval; vooral na het weekend');

  await dialog.getByTestId('signals-import-submit').click();
  const result = dialog.getByTestId('signals-import-result');
  await expect(result).toHaveAttribute('data-imported', '2');
  await expect(result).toHaveAttribute('data-rejected', '1');
  await expect(dialog.getByTestId('signals-progress')).toHaveAttribute('data-phase', 'done');
  await page.screenshot({ path: 'tests/e2e/artifacts/intake-signals.png' });

  await dialog.getByTestId('signals-show-on-map').click();
  await expect(dialog).toHaveCount(0);
  await expect(page.getByTestId('layer-toggle-signals')).toBeChecked();
  await expect.poll(async () => (await sourceFeatureIds(page, 'signals')).length, { timeout: 5_000 }).toBe(2);

  // The same file again: the ids are known, nothing is stored twice.
  const token = (await hub.login('centralist')).token;
  const again = await hub.api<{ imported: number; rejectedCount: number }>('POST', '/api/signals/import', token, {
    csv: surveyCsv(),
    mapping: { text: 'Opmerking', lat: 'Breedte', lng: 'Lengte', occurredAt: 'Datum', externalId: 'Nr' },
  });
  expect(again.body.imported).toBe(0);
});

test('hotspots: ranked cells with trend for the shift lead, turned into a focus area with a public text', async ({ page }) => {
  await loginConsole(page, hub.hub.url, 'chef');
  await openHeaderTool(page, 'hotspots-open');
  const panel = page.getByTestId('hotspots-panel');
  await expect(panel).toBeVisible();
  const rows = panel.getByTestId('hotspot-row');
  await expect(rows.first()).toBeVisible();
  const first = rows.first();
  await expect(first.getByTestId('hotspot-count')).toHaveText(/^\d+$/);
  await expect(first.getByTestId('hotspot-trend')).toHaveText(/[↑↓→]/);
  await expect(first.getByTestId('hotspot-previous')).toHaveText(/^was \d+$/);
  // The list matches the hub; the cells are on the map in their own source.
  const token = (await hub.login('chef')).token;
  const api = await hub.api<HotspotsResponse>('GET', '/api/hotspots?days=30&resolution=8', token);
  expect(api.status).toBe(200);
  await expect(rows).toHaveCount(api.body.cells.length);
  const top = api.body.cells[0]!;
  await expect(first).toHaveAttribute('data-cell', top.cell);
  await expect(first.getByTestId('hotspot-count')).toHaveText(String(top.count));
  await expect.poll(async () => (await sourceFeatureIds(page, 'hotspots')).sort()).toEqual(api.body.cells.map((c) => c.cell).sort());
  await expect(page.getByTestId('layer-toggle-hotspots')).toBeChecked();

  // Another window asks again.
  await panel.getByTestId('hotspots-days').selectOption('7');
  await expect(rows.first()).toBeVisible();

  // The top cell becomes a focus area: its boundary is the polygon; a public text is asked for.
  await first.getByTestId('hotspot-to-focus').click();
  const focus = first.getByTestId('hotspot-focus-form');
  await expect(focus.getByTestId('focus-area-draw-state')).toHaveAttribute('data-state', 'drawn');
  await expect(focus.getByTestId('focus-area-name')).toBeFocused();
  await focus.getByTestId('focus-area-name').fill('Hotspot Voorhout');
  await focus.getByTestId('focus-area-submit').click();
  await expect(focus.getByTestId('field-error-publicText')).toBeVisible();
  const publicText = 'Hier komen veel meldingen over overhangend groen binnen; daarom kijken we hier deze maand vaker.';
  await focus.getByTestId('focus-area-public').fill(publicText);
  await focus.getByTestId('focus-area-submit').click();
  await expect(panel.getByTestId('hotspot-focus-created')).toContainText('Hotspot Voorhout');
  await page.screenshot({ path: 'tests/e2e/artifacts/intake-hotspots.png' });

  const tasking = await hub.api<{ areas: FocusArea[] }>('GET', `/api/tasking?date=${localDate(Date.now())}`, token);
  const area = tasking.body.areas.find((a) => a.name === 'Hotspot Voorhout');
  expect(area?.publicText).toBe(publicText);
  const cells7 = await hub.api<HotspotsResponse>('GET', '/api/hotspots?days=7&resolution=8', token);
  expect(area?.polygon[0]).toEqual(cells7.body.cells[0]!.boundary);
});

test('the shift lead marks a report as a duplicate of a nearby one; its reporter follows the original', async ({ page }) => {
  const chef = await hub.login('chef');
  const make = async (description: string, email: string, lat: number) => {
    const res = await hub.api<Report>(
      'POST',
      '/api/reports',
      chef.token,
      sampleReport({
        category: 'afval',
        location: { lat, lng: 4.2921 },
        address: 'Statenlaan 12',
        description,
        reporter: { email },
        consent: { contact: true },
      }),
    );
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  };
  const original = await make('Vuilniszakken naast de container', 'eerste@example.nl', 52.0911);
  const duplicate = await make('Zakken afval bij de container', 'tweede@example.nl', 52.0912);

  await loginConsole(page, hub.hub.url, 'chef');
  await page.locator(`[data-testid="queue-row"][data-report-id="${duplicate.id}"]`).click();
  const detail = page.getByTestId('report-detail');
  await expect(detail).toHaveAttribute('data-report-id', duplicate.id);
  await detail.getByTestId('merge-open').click();
  const merge = detail.getByTestId('merge-form');
  const candidate = merge.locator(`[data-testid="merge-candidate"][data-report-id="${original.id}"]`);
  await candidate.check();
  await expect(merge.getByTestId('merge-choice')).toContainText(original.number);
  // By number works too.
  await merge.getByTestId('merge-number').fill(original.number);
  await expect(merge.getByTestId('merge-choice')).toHaveAttribute('data-report-id', original.id);
  await page.screenshot({ path: 'tests/e2e/artifacts/intake-merge.png' });
  await merge.getByTestId('merge-submit').click();
  await expect(detail.getByTestId('merge-done')).toContainText(original.number);
  await expect(detail).toHaveAttribute('data-status', 'closed');
  await expect(detail.getByTestId('detail-outcome')).toHaveText('dubbele melding');

  await detail.getByTestId('merge-open-original').click();
  await expect(detail).toHaveAttribute('data-report-id', original.id);
  await expect(detail.getByTestId('detail-reporters')).toHaveAttribute('data-count', '2');
});
