import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import type { ReportDetail } from '../../server/protocol/detail';
import type { Report } from '../../server/protocol/report';
import {
  dateInDays,
  eventsAfter,
  latestSeq,
  offer,
  openAlerts,
  taskUnitToday,
  tinyPng,
  unitByCallsign,
  unitsOf,
} from '../support/field-helpers';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';

/**
 * The field client (`/field`) in Chromium on a phone-sized viewport against a real hub: offer with
 * countdown, accept, status, "bevinding melden" with a photo, the offline queue replayed once, live
 * positions from the browser's geolocation, and the long-press emergency button.
 */

let t: TestHub;
let desk: string;

const START = { latitude: 52.0803, longitude: 4.3121, accuracy: 12 };

test.use({
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  geolocation: START,
  permissions: ['geolocation'],
  locale: 'nl-NL',
  timezoneId: 'Europe/Amsterdam',
});

test.beforeAll(async () => {
  t = await startTestHub({ demo: true });
  desk = (await t.login('centralist')).token;
});
test.afterAll(async () => {
  await t?.stop();
});

async function login(page: Page, username: string, password = username) {
  await page.goto(`${t.hub.url}/field`);
  await page.getByTestId('field-login-username').fill(username);
  await page.getByTestId('field-login-password').fill(password);
  await page.getByTestId('field-login-submit').click();
}

async function createReport(overrides: Parameters<typeof sampleReport>[0] = {}): Promise<Report> {
  const res = await t.api<Report>('POST', '/api/reports', desk, sampleReport(overrides));
  expect(res.status).toBe(201);
  return res.body;
}

test('a BOA takes an offer from the field: accept, on scene, finding with photo, offline queue, emergency', async ({
  page,
  context,
}) => {
  const hh11 = await unitByCallsign(t, desk, 'HH-11');
  await taskUnitToday(t, hh11.id, {
    name: 'Lange Voorhout en Kneuterdijk',
    instructions: 'Extra toezicht op afval naast containers en fout parkeren bij de ambassades.',
  });

  // The page runs under the hub's strict CSP (no inline scripts): nothing may be blocked.
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });
  const served = await fetch(`${t.hub.url}/field`);
  expect(served.headers.get('content-type')).toContain('text/html');
  expect(served.headers.get('content-security-policy')).toContain("script-src 'self'");

  await test.step('login on a phone-sized page; the unit, connection and tasking show', async () => {
    await login(page, 'boa1');
    await expect(page.getByTestId('field-callsign')).toHaveText('HH-11');
    await expect(page.getByTestId('field-connection')).toHaveAttribute('data-state', 'online', { timeout: 10_000 });
    await expect(page.getByTestId('field-unit-status')).toHaveAttribute('data-status', 'beschikbaar');
    await expect(page.getByTestId('field-queue-count')).toHaveText('0');
    await expect(page.getByTestId('field-tasking')).toContainText('Lange Voorhout en Kneuterdijk');
    await expect(page.getByTestId('field-tasking')).toContainText('vroege dienst');
    await expect(page.getByTestId('field-tasking')).toContainText('ambassades');
  });

  await test.step('the browser position reaches the hub (geolocation, not a test hook)', async () => {
    await expect(page.getByTestId('field-gps')).toHaveAttribute('data-state', 'ok');
    await expect
      .poll(async () => (await unitByCallsign(t, desk, 'HH-11')).position?.lat, { timeout: 10_000 })
      .toBeCloseTo(START.latitude, 5);
    await context.setGeolocation({ latitude: 52.0811, longitude: 4.3135, accuracy: 8 });
    await expect
      .poll(async () => (await unitByCallsign(t, desk, 'HH-11')).position?.lat, { timeout: 12_000 })
      .toBeCloseTo(52.0811, 5);
  });

  const report = await createReport({
    description: 'Boomtak hangt laag over de stoep bij de bushalte',
    address: 'Lange Voorhout 34',
    location: { lat: 52.0799, lng: 4.3113 },
    priority: 'high',
  });

  await test.step('an offer appears with a countdown in hub time', async () => {
    const [assignment] = await offer(t, desk, report.id, [hh11.id], 60);
    const card = page.locator(`[data-testid="field-offer"][data-assignment-id="${assignment!.id}"]`);
    await expect(card).toBeVisible({ timeout: 5_000 });
    await expect(card).toContainText('Lange Voorhout 34');
    await expect(card).toContainText('Boomtak hangt laag');
    await expect(card).toContainText('boomtak of groen');
    await expect(card).toContainText('Hoog');
    const countdown = card.getByTestId('field-offer-countdown');
    await expect(countdown).toHaveText(/^nog \d+ s$/);
    const first = Number(await countdown.getAttribute('data-seconds'));
    expect(first).toBeGreaterThan(50);
    expect(first).toBeLessThanOrEqual(60);
    await expect.poll(async () => Number(await countdown.getAttribute('data-seconds')), { timeout: 4_000 }).toBeLessThan(first);
    await expect(page.getByTestId('field-unit-status')).toHaveAttribute('data-status', 'aangeboden');
    await page.screenshot({ path: 'tests/e2e/artifacts/field-offer.png' });

    await card.getByTestId('field-offer-accept').click();
    await expect(card).toBeHidden();
    await expect(page.getByTestId('field-unit-status')).toHaveAttribute('data-status', 'onderweg');
  });

  const assignmentCard = page.getByTestId('field-assignment');
  await test.step('the accepted report: details, navigation link, status buttons', async () => {
    await expect(assignmentCard).toHaveAttribute('data-report-id', report.id);
    await expect(assignmentCard.getByTestId('field-assignment-address')).toHaveText('Lange Voorhout 34');
    await expect(assignmentCard.getByTestId('field-assignment-description')).toContainText('bushalte');
    await expect(assignmentCard).not.toContainText('@'); // no reporter contact details
    const nav = assignmentCard.getByTestId('field-navigate');
    await expect(nav).toHaveAttribute('href', 'https://www.openstreetmap.org/directions?to=52.079900,4.311300');
    await expect(nav).toHaveAttribute('target', '_blank');
    await expect(nav).toHaveAttribute('rel', /noopener/);

    const hub = await unitByCallsign(t, desk, 'HH-11');
    expect(hub.status).toBe('onderweg');
    expect(hub.currentReportId).toBe(report.id);

    await assignmentCard.getByTestId('field-status-ter_plaatse').click();
    await expect(page.getByTestId('field-unit-status')).toHaveAttribute('data-status', 'ter_plaatse');
    await expect(page.getByTestId('field-queue-count')).toHaveText('0');
    await expect.poll(async () => (await unitByCallsign(t, desk, 'HH-11')).status).toBe('ter_plaatse');
  });

  await test.step('bevinding melden: field errors from the hub next to the fields, typed values kept', async () => {
    await assignmentCard.getByTestId('field-finding-open').click();
    const form = page.getByTestId('field-finding-form');
    await expect(form).toBeVisible();
    await form.getByTestId('field-finding-kind-schedule').check();
    await form.getByTestId('field-finding-found-code').selectOption('tak_laag');
    await form.getByTestId('field-finding-found-text').fill('ok');
    await form.getByTestId('field-finding-submit').click();
    await expect(form.getByTestId('field-error-resolution.found.text')).toBeVisible();
    await expect(form.getByTestId('field-error-resolution.action.code')).toContainText('Kies wat er is gedaan');
    await expect(form.getByTestId('field-error-resolution.followUp.date')).toBeVisible();
    await expect(form.getByTestId('field-finding-found-code')).toHaveValue('tak_laag');
    await expect(form.getByTestId('field-finding-found-text')).toHaveValue('ok');
    await page.screenshot({ path: 'tests/e2e/artifacts/field-finding-errors.png' });

    // A photo of the wrong type is refused on the device before anything is sent.
    await form.getByTestId('field-finding-photo').setInputFiles({ name: 'notitie.txt', mimeType: 'text/plain', buffer: Buffer.from('geen foto') });
    await expect(form.getByTestId('field-error-photo')).toContainText('JPEG');
    await form.getByTestId('field-finding-photo').setInputFiles({ name: 'tak.png', mimeType: 'image/png', buffer: tinyPng() });
    await expect(form.getByTestId('field-error-photo')).toBeHidden();
    await expect(form.getByTestId('field-finding-photo-preview')).toBeVisible();

    await form.getByTestId('field-finding-found-text').fill('Tak hangt op 1,80 m boven de stoep bij de bushalte');
    await form.getByTestId('field-finding-action-code').selectOption('onderhoudsronde');
    await form.getByTestId('field-finding-action-text').fill('Plek gecontroleerd; snoei aangevraagd in de onderhoudsronde');
    await form.getByTestId('field-finding-followup-date').fill(dateInDays(14));
    await form.getByTestId('field-finding-followup-what').fill('De tak wordt gesnoeid in de onderhoudsronde');
    await form.getByTestId('field-finding-followup-who').fill('Stadsbeheer, team groen');
    await form.getByTestId('field-finding-submit').click();
    await expect(form).toBeHidden();
    await expect(assignmentCard.getByTestId('field-finding-sent')).toBeVisible();
    await expect(assignmentCard.getByTestId('field-assignment-report-status')).toHaveAttribute('data-status', 'awaiting_review');

    const detail = await t.api<ReportDetail>('GET', `/api/reports/${report.id}`, desk);
    expect(detail.status).toBe(200);
    expect(detail.body.report.status).toBe('awaiting_review');
    expect(detail.body.resolution?.state).toBe('proposed');
    expect(detail.body.resolution?.body).toMatchObject({
      kind: 'schedule',
      found: { code: 'tak_laag', text: 'Tak hangt op 1,80 m boven de stoep bij de bushalte' },
      action: { code: 'onderhoudsronde' },
      followUp: { date: dateInDays(14), who: 'Stadsbeheer, team groen' },
    });
    // Stored re-encoded (only pixels), and tied to the finding it was sent with.
    const photos = await t.hub.store.db.selectFrom('photos').select(['report_id', 'content_type', 'width', 'height', 'finding_seq']).where('report_id', '=', report.id).execute();
    expect(photos).toEqual([{ report_id: report.id, content_type: 'image/png', width: 1, height: 1, finding_seq: expect.any(Number) }]);
  });

  await test.step('offline: status changes queue in order, persist, and are applied once on reconnect', async () => {
    const before = await latestSeq(t, desk);
    await context.setOffline(true);
    await expect(page.getByTestId('field-connection')).toHaveAttribute('data-state', 'offline');

    await assignmentCard.getByTestId('field-status-bezet').click();
    await expect(page.getByTestId('field-queue-count')).toHaveText('1');
    await expect(page.getByTestId('field-unit-status')).toHaveAttribute('data-status', 'bezet');
    await expect(page.getByTestId('field-unit-status')).toContainText('in wachtrij');
    // From the queued status the next step is offered: "Terug ter plaatse".
    await assignmentCard.getByTestId('field-status-ter_plaatse').click();
    await expect(page.getByTestId('field-queue-count')).toHaveText('2');

    const stored = await page.evaluate(() =>
      Object.entries(localStorage)
        .filter(([key]) => key.startsWith('meldkamer.field.queue.'))
        .flatMap(([, value]) => JSON.parse(value) as { kind: string; status: string; commandId: string }[]),
    );
    expect(stored.map((c) => c.status)).toEqual(['bezet', 'ter_plaatse']);
    expect(stored.every((c) => /^[0-9a-f-]{36}$/.test(c.commandId))).toBe(true);
    // Nothing reached the hub while offline.
    expect((await unitByCallsign(t, desk, 'HH-11')).status).toBe('ter_plaatse');

    await context.setOffline(false);
    await expect(page.getByTestId('field-connection')).toHaveAttribute('data-state', 'online', { timeout: 10_000 });
    await expect(page.getByTestId('field-queue-count')).toHaveText('0', { timeout: 10_000 });
    await expect(page.getByTestId('field-unit-status')).toHaveAttribute('data-status', 'ter_plaatse');
    await expect(page.getByTestId('field-unit-status')).not.toContainText('in wachtrij');
    await expect(page.getByTestId('field-notice').filter({ hasText: 'wachtrij' })).toHaveCount(0);

    const statuses = (await eventsAfter(t, desk, before))
      .filter((e) => e.type === 'unit.updated' && e.unit.id === hh11.id)
      .map((e) => (e.type === 'unit.updated' ? e.unit.status : null));
    expect(statuses).toEqual(['bezet', 'ter_plaatse']);
    const { units } = await unitsOf(t, desk);
    expect(units.find((u) => u.id === hh11.id)?.status).toBe('ter_plaatse');
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('meldkamer.field.queue.')))).toEqual([]);
  });

  const emergencyButton = page.getByTestId('field-emergency');
  const emergencies = async () => (await openAlerts(t, desk)).filter((a) => a.kind === 'emergency' && a.unitId === hh11.id);

  await test.step('a short press on the emergency button does not raise an alert', async () => {
    await emergencyButton.scrollIntoViewIfNeeded();
    const box = (await emergencyButton.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.waitForTimeout(500);
    await page.mouse.up();
    await expect(page.getByTestId('field-emergency-status')).toHaveAttribute('data-state', 'too-short');
    await emergencyButton.click(); // a plain click (tap) does nothing either
    await page.waitForTimeout(1_000);
    expect(await emergencies()).toEqual([]);
  });

  await test.step('a long press (1.5 s) raises the emergency alert with the latest position', async () => {
    const box = (await emergencyButton.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.waitForTimeout(700);
    expect(Number(await emergencyButton.getAttribute('data-progress'))).toBeGreaterThan(0.2);
    await emergencyButton.screenshot({ path: 'tests/e2e/artifacts/field-emergency-hold.png' });
    await page.waitForTimeout(1_100);
    await page.mouse.up();
    await expect(page.getByTestId('field-emergency-status')).toHaveAttribute('data-state', 'sent');
    await expect(page.getByTestId('field-emergency-status')).toContainText('Noodmelding verstuurd');
    const alerts = await emergencies();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.message).toContain('HH-11');
    expect(alerts[0]!.position?.lat).toBeCloseTo(52.0811, 5);
  });

  await test.step('keyboard: holding Space on the focused button works too (a new alert once the first is acknowledged)', async () => {
    // One open emergency per unit: a press while it is open folds into it, so the console acknowledges it first.
    const [first] = await emergencies();
    const socket = t.connectConsole(desk);
    const ack = await socket.timeout(5000).emitWithAck('alert:ack', { alertId: first!.id });
    expect(ack.ok).toBe(true);
    socket.disconnect();
    await expect.poll(async () => (await emergencies()).length).toBe(0);
    await emergencyButton.focus();
    await page.keyboard.down(' ');
    await page.waitForTimeout(1_800);
    await page.keyboard.up(' ');
    await expect.poll(async () => (await emergencies()).length).toBe(1);
    expect((await emergencies())[0]!.id).not.toBe(first!.id);
  });

  expect(problems).toEqual([]);

  mkdirSync('tests/e2e/artifacts', { recursive: true });
  // A taller phone so the whole page fits (a fullPage capture mis-draws the sticky emergency bar).
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  await page.setViewportSize({ width: 390, height: Math.min(Math.max(height, 844), 2000) });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: 'tests/e2e/artifacts/field.png' });
});

test('the countdown runs on hub time even when the phone clock is 10 minutes behind; an expired offer disappears', async ({
  page,
}) => {
  // The phone's clock is wrong: without the skew measured at field:state the countdown would show ~610 s.
  await page.clock.install({ time: new Date(Date.now() - 10 * 60_000) });
  const hh12 = await unitByCallsign(t, desk, 'HH-12');
  const report = await createReport({ description: 'Fiets tegen lantaarnpaal', category: 'zwerffiets', address: 'Spui 70' });
  await login(page, 'boa2');
  await expect(page.getByTestId('field-connection')).toHaveAttribute('data-state', 'online', { timeout: 10_000 });
  const skewMs = await page.evaluate(
    () => (window as unknown as { __meldkamerField: { snapshot(): { skewMs: number } } }).__meldkamerField.snapshot().skewMs,
  );
  expect(Math.abs(skewMs - 10 * 60_000)).toBeLessThan(5_000);
  const [assignment] = await offer(t, desk, report.id, [hh12.id], 10);
  const card = page.locator(`[data-testid="field-offer"][data-assignment-id="${assignment!.id}"]`);
  const countdown = card.getByTestId('field-offer-countdown');
  await expect(countdown).toHaveText(/^nog \d+ s$/);
  const seconds = Number(await countdown.getAttribute('data-seconds'));
  expect(seconds).toBeGreaterThan(0);
  expect(seconds).toBeLessThanOrEqual(10);
  // The hub's sweeper expires it at expiresAt and tells the unit; the card goes, with a notice.
  await expect(card).toBeHidden({ timeout: 15_000 });
  await expect(page.getByTestId('field-notice').filter({ hasText: 'verlopen' })).toBeVisible();
  await expect(page.getByTestId('field-unit-status')).toHaveAttribute('data-status', 'beschikbaar');
});

test('a finding with a photo and a status change made offline survive a reload and are applied once, in order', async ({
  page,
}) => {
  const hh12 = await unitByCallsign(t, desk, 'HH-12');
  const report = await createReport({
    category: 'zwerffiets',
    description: 'Fietswrak zonder wielen tegen het hek',
    address: 'Prinsegracht 12',
    location: { lat: 52.0741, lng: 4.3059 },
  });
  await login(page, 'boa2');
  await expect(page.getByTestId('field-connection')).toHaveAttribute('data-state', 'online', { timeout: 10_000 });
  const [assignment] = await offer(t, desk, report.id, [hh12.id], 60);
  await page.locator(`[data-testid="field-offer"][data-assignment-id="${assignment!.id}"]`).getByTestId('field-offer-accept').click();
  const card = page.getByTestId('field-assignment');
  await expect(card).toHaveAttribute('data-report-id', report.id);
  const before = await latestSeq(t, desk);

  // The socket drops (test hook: the page stays loadable, unlike context.setOffline).
  await page.evaluate(() => (window as unknown as { __meldkamerField: { goOffline(): void } }).__meldkamerField.goOffline());
  await expect(page.getByTestId('field-connection')).toHaveAttribute('data-state', 'offline');
  await card.getByTestId('field-status-ter_plaatse').click();
  await expect(page.getByTestId('field-queue-count')).toHaveText('1');

  await card.getByTestId('field-finding-open').click();
  const form = page.getByTestId('field-finding-form');
  await form.getByTestId('field-finding-kind-close').check();
  await form.getByTestId('field-finding-outcome').selectOption('resolved');
  await form.getByTestId('field-finding-found-code').selectOption('fietswrak');
  await form.getByTestId('field-finding-found-text').fill('Fietswrak zonder wielen, met ketting aan het hek');
  await form.getByTestId('field-finding-action-code').selectOption('label_aangebracht');
  // Offline the device checks with the hub's own rules, so the queue does not fill with a proposal it would refuse.
  await form.getByTestId('field-finding-submit').click();
  await expect(form.getByTestId('field-error-resolution.action.text')).toContainText('Beschrijf wat er is gedaan');
  await expect(page.getByTestId('field-queue-count')).toHaveText('1');
  await form.getByTestId('field-finding-action-text').fill('Label aangebracht; na vier weken verwijdert team fietsen het wrak');
  await form.getByTestId('field-finding-photo').setInputFiles({ name: 'wrak.png', mimeType: 'image/png', buffer: tinyPng() });
  await form.getByTestId('field-finding-submit').click();
  await expect(form).toBeHidden();
  await expect(page.getByTestId('field-queue-count')).toHaveText('2');
  await expect(page.getByTestId('field-notice').filter({ hasText: 'wachtrij' })).toHaveCount(2);

  // A reload (phone restarts the browser tab): the queue comes back from localStorage, the photo from IndexedDB.
  await page.reload();
  await expect(page.getByTestId('field-connection')).toHaveAttribute('data-state', 'online', { timeout: 10_000 });
  await expect(page.getByTestId('field-queue-count')).toHaveText('0', { timeout: 10_000 });
  await expect(card.getByTestId('field-assignment-report-status')).toHaveAttribute('data-status', 'awaiting_review');

  const detail = await t.api<ReportDetail>('GET', `/api/reports/${report.id}`, desk);
  expect(detail.body.report.status).toBe('awaiting_review');
  expect(detail.body.resolution?.body).toMatchObject({
    kind: 'close',
    outcome: 'resolved',
    found: { code: 'fietswrak' },
    action: { code: 'label_aangebracht', text: 'Label aangebracht; na vier weken verwijdert team fietsen het wrak' },
  });
  const photos = await t.hub.store.db.selectFrom('photos').select('id').where('report_id', '=', report.id).execute();
  expect(photos).toHaveLength(1);

  // In order and once: the unit went on scene (report in behandeling) before the proposal.
  const steps = (await eventsAfter(t, desk, before)).flatMap((e) => {
    if (e.type === 'unit.updated' && e.unit.id === hh12.id) return [`unit:${e.unit.status}`];
    if (e.type === 'report.transitioned' && e.report.id === report.id) return [`report:${e.to}`];
    return [];
  });
  expect(steps).toEqual(['unit:ter_plaatse', 'report:in_progress', 'report:awaiting_review']);
});

test('only field users get in: a dispatcher and a wrong password are refused with a Dutch message', async ({ page }) => {
  await login(page, 'centralist');
  await expect(page.getByTestId('field-login-error')).toContainText('veldeenheid');
  await expect(page.getByTestId('field-login-submit')).toBeVisible();
  await page.getByTestId('field-login-username').fill('boa1');
  await page.getByTestId('field-login-password').fill('fout');
  await page.getByTestId('field-login-submit').click();
  await expect(page.getByTestId('field-login-error')).toContainText(/wachtwoord/i);
});
