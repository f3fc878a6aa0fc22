/**
 * Issue 15, points 1 and 2 in the browser: the branch case's field proposal ("tak hangt laag") reaches the desk; the
 * review form shows the field's words as the citizen reads them, marked "ongewijzigd uit het veld", the message
 * preview shows its readability score; "Netjes maken" frames the words per code and the marking goes.
 * A real hub (SQLite, demo data) and SMTP server in-process; the console in Debian's Chromium.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { addDays, localDate } from '../../renderer/shared/time/calendar';
import type { Assignment, Unit } from '../../server/protocol/dispatch';
import type { Report } from '../../server/protocol/report';
import { loginConsole } from '../support/console-page';
import { connectField } from '../support/field-units';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';
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

// "tak hangt laag" only repeats the tak_laag frame: the frame alone (resolution-frames.ts rule 2a).
const FRAMED = 'We zagen dat de tak te laag hangt.';

test('field text "tak hangt laag" → Netjes maken → framed sentence in the preview, score shown, unedited marking gone', async ({ page }) => {
  test.setTimeout(120_000);
  const desk = await hub.login('centralist');
  const created = await hub.api<Report>(
    'POST',
    '/api/reports',
    desk.token,
    sampleReport({
      description: 'boomtak hangt laag over de stoep',
      category: 'groen',
      source: 'web',
      reporter: { name: 'Jan Jansen', email: 'jan@example.nl' },
      consent: { contact: true },
    }),
  );
  expect(created.status).toBe(201);
  const report = created.body;
  expect((await hub.api('POST', `/api/reports/${report.id}/transition`, desk.token, { to: 'triaged' })).status).toBe(200);

  // The field unit accepts, is on scene and proposes from its own client.
  const units = (await hub.api<{ units: Unit[] }>('GET', '/api/units', desk.token)).body.units;
  const hh11 = units.find((u) => u.callsign === 'HH-11');
  if (!hh11) throw new Error('demo unit HH-11 missing');
  const offered = await hub.api<{ assignments: Assignment[] }>('POST', '/api/offers', desk.token, {
    commandId: randomUUID(),
    reportId: report.id,
    unitIds: [hh11.id],
  });
  expect(offered.status).toBe(201);
  const boa = connectField(hub.hub.url, (await hub.login('boa1')).token);
  try {
    await new Promise((resolve, reject) => {
      boa.once('connect', () => resolve(undefined));
      boa.once('connect_error', reject);
    });
    const accepted = await boa.timeout(5000).emitWithAck('offer:accept', { commandId: randomUUID(), assignmentId: offered.body.assignments[0]?.id ?? '' });
    expect(accepted.ok).toBe(true);
    expect((await boa.timeout(5000).emitWithAck('unit:status', { commandId: randomUUID(), status: 'ter_plaatse' })).ok).toBe(true);
    const proposal = await boa.timeout(5000).emitWithAck('finding:submit', {
      commandId: randomUUID(),
      reportId: report.id,
      resolution: {
        kind: 'schedule',
        found: { code: 'tak_laag', text: 'tak hangt laag' },
        action: { code: 'onderhoudsronde', text: 'gemarkeerd voor snoeiploeg' },
        followUp: { date: addDays(localDate(Date.now()), 14), what: 'de tak wordt gesnoeid', who: 'Team Groen' },
      },
    });
    expect(proposal.ok, JSON.stringify(proposal)).toBe(true);
  } finally {
    boa.disconnect();
  }

  // The desk sees the proposal: the field's words as the citizen reads them, marked unedited.
  await loginConsole(page, hub.hub.url, 'centralist');
  await page.locator(`[data-testid="queue-row"][data-report-id="${report.id}"]`).click();
  const detail = page.getByTestId('report-detail');
  await expect(detail).toHaveAttribute('data-status', 'awaiting_review');
  const form = detail.getByTestId('resolution-form');
  await expect(form.getByTestId('resolution-found-text')).toHaveValue('tak hangt laag');
  await expect(form.getByTestId('citizen-reads-found')).toHaveAttribute('data-unedited', 'true');
  await expect(form.getByTestId('citizen-reads-found')).toContainText('Tak hangt laag.');
  const preview = form.getByTestId('message-preview');
  await expect(preview).toHaveAttribute('data-current', 'true', { timeout: 15_000 });
  await expect(form.getByTestId('unedited-field-note')).toBeVisible();
  await expect(form.locator('[data-testid="message-preview-marked"] mark.mark-field').first()).toBeVisible();
  const check = form.getByTestId('readability');
  await expect(check).toHaveAttribute('data-score', /\d/, { timeout: 15_000 });
  await expect(check).toContainText('benadering van taalniveau B1');
  // "gemarkeerd" is officialese: hinted with its plain word.
  await expect(form.getByTestId('readability-hints')).toContainText('aangewezen');
  // The two bare fragments are no whole sentences: a tip says so (the score alone read 82 and "Geen tips").
  await expect(form.locator('[data-testid="readability-hints"] [data-kind="fragment"]')).toHaveCount(2);
  await expect(form.locator('[data-testid="readability-hints"] [data-kind="fragment"]').first()).toContainText('schrijf hele zinnen');

  // One click: framed sentences, the marking goes, the preview follows and is scored again.
  await form.getByTestId('tidy-up').click();
  await expect(form.getByTestId('resolution-found-text')).toHaveValue(FRAMED);
  await expect(form.getByTestId('resolution-action-text')).toHaveValue('We hebben het werk aangemeld voor de vaste ronde: gemarkeerd voor snoeiploeg.');
  // The follow-up's "wat" and "wie" too: sentences the citizen reads in the scheduled message.
  await expect(form.getByTestId('resolution-followup-what')).toHaveValue('Wat we nog doen: de tak wordt gesnoeid.');
  await expect(form.getByTestId('resolution-followup-who')).toHaveValue('Team Groen');
  await expect(form.getByTestId('tidy-up')).toBeDisabled();
  await expect(form.getByTestId('citizen-reads-found')).toHaveAttribute('data-unedited', 'false');
  await expect(preview).toHaveValue(new RegExp(FRAMED.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), { timeout: 15_000 });
  await expect(preview).toHaveAttribute('data-current', 'true', { timeout: 15_000 });
  await expect(form.getByTestId('unedited-field-note')).toHaveCount(0);
  await expect(form.locator('[data-testid="readability-hints"] [data-kind="fragment"]')).toHaveCount(0);
  await expect(check).toHaveAttribute('data-score', /\d/);
  await expect(form.getByTestId('readability-level')).not.toBeEmpty();

  // The dispatcher edits further by hand: the text stays theirs.
  await form.getByTestId('resolution-found-text').fill(`${FRAMED} De doorgang is nog 1,90 m.`);
  await expect(form.getByTestId('citizen-reads-found')).toContainText('De doorgang is nog 1,90 m.');
});
