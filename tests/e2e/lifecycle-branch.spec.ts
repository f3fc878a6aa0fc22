/**
 * The canonical case of issue 3 (the source article): a branch hanging low over the pavement is
 * judged not urgent and scheduled for the maintenance round. The citizen hears exactly that (what was
 * found, what will happen and when), not "afgehandeld"; on the date it is back in the queue as
 * "vervolg vandaag", is closed with a second message, and a "nee" on the status page puts it in
 * "heropen-verzoek" for the shift lead.
 *
 * A real hub (SQLite) and a real SMTP server run in-process; the console runs in Debian's Chromium.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { type Browser, expect, type Page, test } from '@playwright/test';
import { formatLongDate } from '../../server/domain/feedback';
import type { Assignment, Unit } from '../../server/protocol/dispatch';
import type { Report } from '../../server/protocol/report';
import { addDays, localDate } from '../../renderer/shared/time/calendar';
import { connectField } from '../support/field-units';
import { loginConsole } from '../support/console-page';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';
import { type CapturedMail, startTestSmtp, type TestSmtp } from '../support/smtp';

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

const REPORTER_EMAIL = 'j.devries@example.nl';
const FOUND_TEXT = 'Tak van de linde hangt laag over de stoep, doorgang nog 1,90 m';
/** "afgehandeld" as a claim (not in "nog niet afgehandeld"). */
const NOT_HANDLED_CLAIM = /(?<!niet )afgehandeld/i;
const REOPEN_COMMENT = 'De tak hangt er nog steeds, ik loop er elke dag tegenaan.';

const login = (page: Page, username: string) => loginConsole(page, hub.hub.url, username);

async function newPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

/** The messages to the reporter so far, once `n` have arrived. */
async function mailsTo(n: number): Promise<CapturedMail[]> {
  const all = await smtp.waitForMessages(n, 15_000);
  return all.filter((m) => m.envelope.to.includes(REPORTER_EMAIL));
}

function statusLink(mail: CapturedMail): string {
  const match = /https?:\/\/[^\s"<>]+\/status\/[A-Za-z0-9_-]{20,64}/.exec(mail.text);
  if (!match) throw new Error(`no status link in:\n${mail.text}`);
  return match[0];
}

test('branch over the pavement: proposal → scheduled → vervolg vandaag → resolved → heropen-verzoek', async ({
  page,
  browser,
}) => {
  test.setTimeout(150_000);

  // ---- 1. a citizen reports the branch, with an e-mail address (API, as the web form would) ----
  const desk = await hub.login('centralist');
  const created = await hub.api<Report>(
    'POST',
    '/api/reports',
    desk.token,
    sampleReport({
      description: 'boomtak hangt laag over de stoep',
      source: 'web',
      address: 'Lange Voorhout 34',
      reporter: { name: 'J. de Vries', email: REPORTER_EMAIL },
      consent: { contact: true },
    }),
  );
  expect(created.status).toBe(201);
  const report = created.body;
  const receipt = (await mailsTo(1))[0]!;
  expect(receipt.text).toContain(report.number);
  const link = statusLink(receipt);

  // ---- 2. the dispatcher opens it in the console and moves it to the field ----
  // A controllable clock from the start (it runs in real time until we move it in step 7).
  await page.clock.install();
  await login(page, 'centralist');
  const row = page.locator(`[data-testid="queue-row"][data-report-id="${report.id}"]`);
  await row.click();
  const detail = page.getByTestId('report-detail');
  await expect(detail).toHaveAttribute('data-report-id', report.id);
  await expect(detail.getByTestId('detail-description')).toHaveText('boomtak hangt laag over de stoep');
  await detail.getByTestId('contacts-show').click();
  await expect(detail.getByTestId('detail-reporter')).toContainText(REPORTER_EMAIL);
  await expect(detail.getByTestId('sla-badge')).toHaveAttribute('data-sla', 'on_time');
  await expect(detail.locator('[data-testid="message-row"][data-status="sent"]')).toHaveCount(1);
  await expect(detail.getByTestId('detail-citizen-code')).not.toBeEmpty();

  await detail.getByTestId('transition-triaged').click();
  await expect(detail).toHaveAttribute('data-status', 'triaged');

  // ---- 3. the dispatcher assigns it; field unit HH-11 (boa1) accepts, is on scene and proposes
  //         "not urgent, in the maintenance round of <date>" from its own field client ----
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
    const assignmentId = offered.body.assignments[0]?.id ?? '';
    const accepted = await boa.timeout(5000).emitWithAck('offer:accept', { commandId: randomUUID(), assignmentId });
    expect(accepted.ok).toBe(true);
    await expect(detail).toHaveAttribute('data-status', 'dispatched');
    const onScene = await boa.timeout(5000).emitWithAck('unit:status', { commandId: randomUUID(), status: 'ter_plaatse' });
    expect(onScene.ok).toBe(true);
    await expect(detail).toHaveAttribute('data-status', 'in_progress');
    await expect(row).toHaveAttribute('data-status', 'in_progress');
  } catch (err) {
    boa.disconnect();
    throw err;
  }
  const followUpDate = addDays(localDate(Date.now()), 14);
  const longDate = formatLongDate(followUpDate, 'nl');
  const proposalAction = `Niet urgent, mee in de onderhoudsronde van ${longDate}`;
  const proposal = await boa.timeout(5000).emitWithAck('finding:submit', {
    commandId: randomUUID(),
    reportId: report.id,
    resolution: {
      kind: 'schedule',
      found: { code: 'tak_laag', text: FOUND_TEXT },
      action: { code: 'onderhoudsronde', text: proposalAction },
      followUp: { date: followUpDate, what: 'de tak wordt gesnoeid', who: 'het team Groenonderhoud' },
    },
  });
  boa.disconnect();
  expect(proposal.ok, JSON.stringify(proposal)).toBe(true);

  // ---- 4. the dispatcher sees the proposal pre-filled, previews the message and confirms as scheduled ----
  await expect(detail).toHaveAttribute('data-status', 'awaiting_review');
  const form = detail.getByTestId('resolution-form');
  await expect(form).toBeVisible();
  await expect(form).toHaveAttribute('data-target', 'scheduled');
  await expect(detail.getByTestId('proposal-note')).toBeVisible();
  await expect(form.getByTestId('resolution-found-code')).toHaveValue('tak_laag');
  await expect(form.getByTestId('resolution-found-text')).toHaveValue(FOUND_TEXT);
  await expect(form.getByTestId('resolution-action-code')).toHaveValue('onderhoudsronde');
  await expect(form.getByTestId('resolution-action-text')).toHaveValue(proposalAction);
  await expect(form.getByTestId('resolution-followup-date')).toHaveValue(followUpDate);
  await expect(detail.getByTestId('timeline')).toContainText(FOUND_TEXT);

  // The hub refuses a generic text; the error shows next to the field and nothing typed is lost.
  await form.getByTestId('resolution-found-text').fill('afgehandeld');
  await form.getByTestId('resolution-submit').click();
  await expect(form.getByTestId('field-error-resolution.found.text')).toBeVisible();
  await expect(form.getByTestId('resolution-action-text')).toHaveValue(proposalAction);
  await expect(form.getByTestId('resolution-followup-date')).toHaveValue(followUpDate);
  await expect(detail).toHaveAttribute('data-status', 'awaiting_review');
  await form.getByTestId('resolution-found-text').fill(FOUND_TEXT);
  await expect(form.getByTestId('field-error-resolution.found.text')).toHaveCount(0);

  // The composed message (debounced preview from the hub) says what was found, what will happen and when.
  const preview = form.getByTestId('message-preview');
  await expect(preview).toHaveAttribute('data-current', 'true', { timeout: 10_000 });
  await expect(preview).toHaveValue(new RegExp(FOUND_TEXT.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  await expect(preview).toHaveValue(new RegExp(longDate));
  await expect(form.getByTestId('message-preview-recipients')).toContainText('1');
  const extra = 'U hoeft hiervoor zelf niets te doen.';
  await preview.fill(`${await preview.inputValue()}\n\n${extra}`);
  mkdirSync('tests/e2e/artifacts', { recursive: true });
  await page.screenshot({ path: 'tests/e2e/artifacts/lifecycle-branch-preview.png' });
  await form.getByTestId('resolution-submit').click();
  await expect(detail).toHaveAttribute('data-status', 'scheduled');
  await expect(detail.getByTestId('detail-follow-up')).toHaveText(longDate);
  await expect(detail.getByTestId('resolution-form')).toHaveCount(0);

  // ---- 5. the e-mail: found, what will happen, the date (and the dispatcher's edit) ----
  const scheduledMail = (await mailsTo(2))[1]!;
  expect(scheduledMail.subject).toContain(longDate);
  expect(scheduledMail.text).toContain(FOUND_TEXT);
  // The officer's fragment as a sentence in the message (capital letter, full stop; feedback-values.ts asSentence).
  expect(scheduledMail.text).toContain('De tak wordt gesnoeid.');
  expect(scheduledMail.text).toContain(longDate);
  expect(scheduledMail.text).toContain(extra);
  // It may say "nog niet afgehandeld", never that the report is handled.
  expect(scheduledMail.text).not.toMatch(NOT_HANDLED_CLAIM);
  expect(statusLink(scheduledMail)).toBe(link);
  await expect(detail.locator('[data-testid="message-row"][data-status="sent"]')).toHaveCount(2);

  // ---- 6. the citizen's status page: "Ingepland voor <date>", not "afgehandeld" ----
  const citizen = await newPage(browser);
  await citizen.goto(link);
  await expect(citizen.getByTestId('citizen-status')).toHaveText(`Ingepland voor ${longDate}`);
  await expect(citizen.locator('body')).not.toContainText(NOT_HANDLED_CLAIM);
  await expect(citizen.getByTestId('satisfaction-form')).toHaveCount(0);

  // ---- 7. not due yet; on the follow-up date it is in "vervolg vandaag" ----
  const statusFilter = page.getByTestId('queue-status-filter');
  await statusFilter.selectOption('follow_up_due');
  await expect(row).toHaveCount(0);
  await statusFilter.selectOption('scheduled');
  await expect(row).toBeVisible();
  await expect(row.getByTestId('follow-up-due')).toHaveCount(0);

  await page.clock.setSystemTime(new Date(`${followUpDate}T07:30:00Z`));
  // Days passed without a touch: the console locks itself (issue 10); the password opens it as it was.
  const lock = page.getByTestId('idle-lock');
  await expect(lock).toBeVisible({ timeout: 15_000 });
  await lock.getByTestId('unlock-password').fill('centralist');
  await lock.getByTestId('unlock-submit').click();
  await expect(lock).toHaveCount(0);
  await statusFilter.selectOption('follow_up_due');
  await expect(row).toBeVisible();
  await expect(row.getByTestId('follow-up-due')).toBeVisible();
  await expect(page.locator('[data-testid="queue-row"]')).toHaveCount(1);

  // ---- 8. closed as resolved in the console: the second (closing) message goes out ----
  await row.click();
  await expect(detail.getByTestId('detail-follow-up-due')).toBeVisible();
  await detail.getByTestId('transition-closed').click();
  await expect(form).toHaveAttribute('data-kind', 'close');
  await expect(form.getByTestId('resolution-found-code')).toHaveValue('tak_laag');
  await form.getByTestId('resolution-outcome').selectOption('resolved');
  await form.getByTestId('resolution-action-code').selectOption('tak_verwijderd');
  const closingAction = 'De tak is gesnoeid in de onderhoudsronde; de stoep is weer vrij';
  await form.getByTestId('resolution-action-text').fill(closingAction);
  await form.getByTestId('resolution-preview').click();
  await expect(preview).toHaveAttribute('data-current', 'true');
  await expect(preview).toHaveValue(new RegExp(closingAction));
  await form.getByTestId('resolution-submit').click();
  // Closed reports leave the open queue; the panel stays, loaded by id.
  await expect(detail).toHaveAttribute('data-status', 'closed');
  await expect(detail.getByTestId('detail-outcome')).toBeVisible();
  await expect(row).toHaveCount(0);
  await expect(detail.getByTestId('timeline').locator('[data-testid="timeline-entry"][data-to="closed"]')).toContainText(
    closingAction,
  );

  const closingMail = (await mailsTo(3))[2]!;
  expect(closingMail.text).toContain(closingAction);
  expect(closingMail.text).toContain(FOUND_TEXT);
  await expect(detail.locator('[data-testid="message-row"][data-status="sent"]')).toHaveCount(3);

  // ---- 9. the status page asks whether it is solved; the citizen says no (a real form POST) ----
  await citizen.goto(link);
  await expect(citizen.getByText('Is uw melding naar tevredenheid opgelost?')).toBeVisible();
  // What happened, in words ("Opgelost"), not "Afgesloten: opgelost".
  await expect(citizen.getByTestId('citizen-status')).toHaveText('Opgelost');
  // Ja/Nee first; "Nee" then asks what went wrong.
  await citizen.getByRole('button', { name: /^Nee/ }).click();
  await citizen.getByLabel('Het probleem is niet opgelost').check();
  await citizen.locator('#toelichting').fill(REOPEN_COMMENT);
  await citizen.getByRole('button', { name: 'Antwoord versturen' }).click();
  await expect(citizen.getByTestId('citizen-notice')).toBeVisible();
  await expect(citizen.getByTestId('citizen-status')).toHaveAttribute('data-state', 'reopen_requested');

  // ---- 10. the console shows it under "heropen-verzoek" ----
  await statusFilter.selectOption('reopen_requested');
  await expect(row).toBeVisible();
  await expect(row).toHaveAttribute('data-status', 'reopen_requested');
  // The handling time runs again while a reopen request waits, and 14 days later it has run out.
  await expect(row.getByTestId('sla-badge')).toHaveAttribute('data-sla', 'overdue');
  await expect(detail).toHaveAttribute('data-status', 'reopen_requested');
  await expect(detail.getByTestId('timeline')).toContainText(REOPEN_COMMENT);
  // Only the shift lead decides: the dispatcher has no reply form.
  await expect(detail.getByTestId('reopen-reply')).toHaveCount(0);
  await page.screenshot({ path: 'tests/e2e/artifacts/lifecycle-branch.png' });

  // ---- 11. the shift lead reopens it with a reply to the citizen ----
  const chef = await newPage(browser);
  await login(chef, 'chef');
  await chef.getByTestId('queue-status-filter').selectOption('reopen_requested');
  await chef.locator(`[data-testid="queue-row"][data-report-id="${report.id}"]`).click();
  const chefDetail = chef.getByTestId('report-detail');
  await expect(chefDetail.getByTestId('reopen-decision')).toContainText(REOPEN_COMMENT);
  await chef.screenshot({ path: 'tests/e2e/artifacts/lifecycle-branch-chef.png' });
  await chefDetail.getByTestId('reopen-reply').fill('kort');
  await chefDetail.getByTestId('transition-triaged').click();
  await expect(chefDetail.getByTestId('field-error-reply')).toBeVisible();
  const reply = 'We sturen opnieuw iemand langs om de tak te bekijken.';
  await chefDetail.getByTestId('reopen-reply').fill(reply);
  await chefDetail.getByTestId('transition-triaged').click();
  await expect(chefDetail).toHaveAttribute('data-status', 'triaged');
  const reopenMail = (await mailsTo(4))[3]!;
  expect(reopenMail.text).toContain(reply);
  await expect(row).toHaveCount(0); // the dispatcher's filter: no longer a reopen request
  await chef.context().close();
  await citizen.context().close();
});
