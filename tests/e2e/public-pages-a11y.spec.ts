/**
 * Issue 17 point 4: the public pages meet WCAG 2.1 AA in Chromium. Every page and state a citizen or an external party
 * sees is checked with axe (WCAG 2.0/2.1 A and AA rules) and for reflow (320 px wide, text at 200 %): the lookup form
 * and its error, the status page open, with a question, answered, scheduled, closed with the satisfaction question,
 * the satisfaction answered, with the photo of the fix; the external party's page open, refused, answered and expired;
 * the accessibility statement. The answer form is walked with the keyboard only (Tab order, a visible focus ring,
 * no trap); errors are tied to their fields. The municipality's name, logo and contact details head the pages.
 *
 * A real hub (SQLite) with a configured municipality and logo; every state made through the hub's own routes.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import type { Ack } from '../../server/protocol/common';
import type { Assignment } from '../../server/protocol/dispatch';
import type { CreatedReferral } from '../../server/protocol/external';
import type { Report } from '../../server/protocol/report';
import { expectAccessible, focusRingOfActive } from '../support/a11y';
import { dispatchThroughOffer } from '../support/dispatch-offer';
import { dateInDays, tinyPng } from '../support/field-helpers';
import { connectField, createFieldUnits } from '../support/field-units';
import { startTestHub, type TestHub } from '../support/hub';
import { transition } from '../support/intake-helpers';
import { jpegPhoto } from '../support/photos';
import { CLOSE_NO_ACTION, reportWithCitizen } from '../support/privacy-fixtures';

test.use({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });

const MUNICIPALITY = { name: 'Gemeente Leiden', phone: '14 071', website: 'https://www.leiden.nl' };
const DAY = 86_400_000;

let t: TestHub;
let desk: string;
let offset = 0;
test.beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'meldkamer-logo-'));
  const logo = join(dir, 'logo.png');
  writeFileSync(logo, tinyPng());
  t = await startTestHub({
    demo: true,
    clock: () => new Date(Date.now() + offset),
    config: { municipalityName: MUNICIPALITY.name, municipalityPhone: MUNICIPALITY.phone, municipalityWebsite: MUNICIPALITY.website, municipalityLogo: logo },
  });
  desk = (await t.login('centralist')).token;
});
test.afterAll(async () => {
  await t?.stop();
});

async function expectMunicipality(page: Page) {
  await expect(page.locator('html')).toHaveAttribute('lang', 'nl');
  await expect(page.getByTestId('municipality-name')).toHaveText(MUNICIPALITY.name);
  const logo = page.getByTestId('municipality-logo');
  await expect(logo).toHaveAttribute('src', '/gemeente/logo');
  expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  const footer = page.getByTestId('public-footer');
  await expect(footer).toContainText(MUNICIPALITY.phone);
  await expect(footer.getByRole('link', { name: 'www.leiden.nl' })).toHaveAttribute('href', MUNICIPALITY.website);
  await expect(footer.getByTestId('accessibility-link')).toHaveAttribute('href', '/toegankelijkheid');
}

/** Through the accepting unit's own socket: the report dispatched, a finding with an after photo, approved, closed with it. */
async function closedWithPhoto(reportId: string): Promise<void> {
  const [unit] = await createFieldUnits(t.hub, 1);
  if (!unit) throw new Error('no unit');
  const fieldToken = (await t.login(unit.username, 'veld')).token;
  const field = connectField(t.hub.url, fieldToken);
  try {
    await new Promise((resolve, reject) => {
      field.once('connect', () => resolve(undefined));
      field.once('connect_error', reject);
    });
    const offer = await t.api<{ assignments: Assignment[] }>('POST', '/api/offers', desk, { commandId: randomUUID(), reportId, unitIds: [unit.unitId] });
    expect(offer.status).toBe(201);
    const accepted = (await field.timeout(10_000).emitWithAck('offer:accept', { commandId: randomUUID(), assignmentId: offer.body.assignments[0]?.id ?? '' })) as Ack<Assignment>;
    expect(accepted.ok).toBe(true);
    const uploaded = await fetch(`${t.hub.url}/api/field/reports/${reportId}/photo`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${fieldToken}`, 'content-type': 'image/jpeg' },
      body: new Uint8Array(jpegPhoto(80, 60)),
    });
    expect(uploaded.status).toBe(201);
    const photoId = ((await uploaded.json()) as { photoId: string }).photoId;
    const finding = {
      kind: 'close',
      outcome: 'resolved',
      found: { code: 'tak_laag', text: 'De tak hing laag over de stoep' },
      action: { code: 'tak_verwijderd', text: 'We hebben de tak weggezaagd' },
    };
    const submitted = (await field
      .timeout(10_000)
      .emitWithAck('finding:submit', { commandId: randomUUID(), reportId, resolution: finding, photos: [{ photoId, kind: 'after' }] } as never)) as Ack<Report>;
    expect(submitted.ok, JSON.stringify(submitted)).toBe(true);
    const approved = await t.api('POST', `/api/photos/${photoId}/approval`, desk, { blurs: [], send: true, responsible: true });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    await transition(t, desk, reportId, { to: 'closed', resolution: finding, includePhoto: true, confirmLowReadability: true });
  } finally {
    field.disconnect();
  }
}

test('status lookup, status page in every state, answer forms by keyboard: no axe violations, reflow at 320 px', async ({ page }) => {
  test.setTimeout(300_000);

  await test.step('lookup form and its error, tied to the fields', async () => {
    await page.goto(`${t.hub.url}/status`);
    await expectMunicipality(page);
    await expectAccessible(page, 'lookup form');
    await page.getByLabel('Meldingnummer').fill('M-999999');
    await page.getByLabel('Code').fill('ABCD12');
    await page.getByLabel('Code').press('Enter');
    const error = page.getByTestId('citizen-error');
    await expect(error).toContainText('Geen melding gevonden');
    await expect(page.getByLabel('Meldingnummer')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Meldingnummer')).toHaveValue('M-999999');
    await expect(page.getByLabel('Code')).toHaveAccessibleDescription(/Geen melding gevonden/);
    await expectAccessible(page, 'lookup error');
  });

  const citizen = await reportWithCitizen(t, desk, { description: 'Tak hangt laag over het fietspad' });
  const status = `${t.hub.url}/status/${citizen.token}`;

  await test.step('lookup by number and code finds the open status page', async () => {
    await page.goto(`${t.hub.url}/status`);
    await page.getByLabel('Meldingnummer').fill(citizen.report.number);
    await page.getByLabel('Code').fill(citizen.code);
    await page.getByRole('button', { name: 'Bekijk status' }).click();
    await expect(page.getByTestId('citizen-status')).toHaveAttribute('data-state', 'open');
    await expectMunicipality(page);
    await expectAccessible(page, 'status page, open');
  });

  await test.step('a question to answer, answered with the keyboard only', async () => {
    const asked = await t.api('POST', `/api/reports/${citizen.report.id}/question`, desk, { question: 'Aan welke kant van het fietspad hangt de tak?' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(201);
    await page.goto(status);
    await expect(page.getByTestId('citizen-question')).toBeVisible();
    await expectAccessible(page, 'status page with a question');

    // From the top of the page, Tab only: every stop has a focus ring, the skip link comes first, the answer field is reached.
    await page.locator('body').focus();
    const stops: string[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const ring = await focusRingOfActive(page);
      stops.push(`${ring.tag}#${ring.id}`);
      expect(ring.visible, `focus ring on ${ring.tag}#${ring.id}`).toBe(true);
      if (ring.id === 'antwoord') break;
    }
    expect(stops[0]).toContain('Naar de inhoud');
    expect(stops.at(-1)).toBe('textarea#antwoord');
    await page.keyboard.type('Aan de kant van het water, bij de brug.');
    await page.keyboard.press('Tab');
    expect((await focusRingOfActive(page)).id).toBe('foto');
    await page.keyboard.press('Tab');
    const button = await focusRingOfActive(page);
    expect(button).toMatchObject({ tag: 'button', visible: true });
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('citizen-notice')).toContainText('Bedankt voor uw antwoord');
    await expect(page.getByTestId('citizen-question')).toHaveCount(0);
    await expectAccessible(page, 'status page, question answered');

    // No trap: Tab goes on through the page to the footer's links and out of the document.
    const seen = new Set<string>();
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const ring = await focusRingOfActive(page);
      if (ring.tag === 'body') break;
      seen.add(ring.id);
    }
    expect([...seen]).toContain('Toegankelijkheid');
  });

  await test.step('an answer refused: the error is in the form and describes its fields', async () => {
    const again = await t.api('POST', `/api/reports/${citizen.report.id}/question`, desk, { question: 'Kunt u een foto sturen?' });
    expect(again.status, JSON.stringify(again.body)).toBe(201);
    await page.goto(status);
    await page.getByLabel('Uw antwoord').fill('Hier is de foto');
    await page.getByLabel(/Foto/).setInputFiles({ name: 'niet.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('geen foto') });
    await page.getByRole('button', { name: 'Antwoord versturen' }).click();
    const error = page.getByTestId('question-form').getByTestId('citizen-error');
    await expect(error).toContainText('Deze foto kunnen we niet gebruiken');
    await expect(page.getByLabel('Uw antwoord')).toHaveAccessibleDescription(/Deze foto kunnen we niet gebruiken/);
    await expect(page.getByLabel(/Foto/)).toHaveAttribute('aria-invalid', 'true');
    await expectAccessible(page, 'status page, answer refused');
  });

  await test.step('closed: what happened in words, Ja/Nee first and then only that answer\'s reasons, by keyboard', async () => {
    await transition(t, desk, citizen.report.id, { to: 'closed', resolution: CLOSE_NO_ACTION, confirmLowReadability: true });
    await page.goto(status);
    const header = page.getByTestId('citizen-status');
    await expect(header).toHaveAttribute('data-state', 'closed');
    // What happened, not "Afgesloten: geen actie nodig" over an "Afgehandeld" step: the same words in both.
    await expect(header).toHaveText('Bekeken: er hoefde niets te gebeuren');
    await expect(page.getByTestId('citizen-timeline').locator('li').last().locator('strong')).toHaveText('Bekeken: er hoefde niets te gebeuren');
    // The category as the citizen's messages say it (its phrase), not the internal label.
    await expect(page.getByTestId('citizen-subject')).toHaveText(/^Wat u meldde: een boomtak of ander groen/);
    const form = page.getByTestId('satisfaction-form');
    await expect(form).toBeVisible();
    await expect(form.locator('input[type=radio]')).toHaveCount(0);
    await expectAccessible(page, 'status page, closed with the satisfaction question');

    // Nee: only the "nee" reasons, a group of their own with one "Anders". On a phone the next page opens at them
    // (not at its top, the reasons out of sight), and the keyboard goes on from there.
    const wide = page.viewportSize();
    await page.setViewportSize({ width: 320, height: 640 });
    await page.getByRole('button', { name: 'Nee' }).focus();
    await page.keyboard.press('Enter');
    await expect(form).toHaveAttribute('data-answer', 'nee');
    await expect(page).toHaveURL(/\?tevreden=nee#tevredenheid$/);
    await expect(form.getByRole('group', { name: /Wat ging er mis/ })).toBeInViewport();
    await page.keyboard.press('Tab');
    await expect(form.getByRole('link', { name: 'Ander antwoord kiezen' })).toBeFocused();
    if (wide) await page.setViewportSize(wide);
    await expect(form.locator('input[type=radio][name="reden_nee"]')).toHaveCount(5);
    await expect(form.locator('input[type=radio]:not([name="reden_nee"])')).toHaveCount(0);
    await expect(form.getByLabel('Anders')).toHaveCount(1);
    await expect(form.getByLabel('Het probleem is niet opgelost')).toBeVisible();
    await expectAccessible(page, 'status page, the reasons after "Nee"');

    // Back to the first question, then Ja, all by keyboard.
    await form.getByRole('link', { name: 'Ander antwoord kiezen' }).focus();
    await page.keyboard.press('Enter');
    await expect(form).not.toHaveAttribute('data-answer', /./);
    await page.getByRole('button', { name: 'Ja' }).focus();
    await page.keyboard.press('Enter');
    await expect(form).toHaveAttribute('data-answer', 'ja');
    await expect(form.locator('input[type=radio][name="reden_ja"]')).toHaveCount(5);
    await expect(form.getByLabel('Anders')).toHaveCount(1);
    await expectAccessible(page, 'status page, the reasons after "Ja"');
    await form.getByRole('link', { name: 'Ander antwoord kiezen' }).focus();
    await page.keyboard.press('Tab');
    expect(await focusRingOfActive(page)).toMatchObject({ tag: 'input', id: 'reden_ja', visible: true });
    await page.keyboard.press('Space');
    await expect(form.getByLabel('Snel opgepakt')).toBeChecked();
    await page.keyboard.press('Tab');
    await page.keyboard.type('Snel opgelost.');
    await page.keyboard.press('Tab');
    expect(await focusRingOfActive(page)).toMatchObject({ tag: 'button', id: 'versturen', visible: true });
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('citizen-notice')).toContainText('Bedankt voor uw reactie');
    await expect(page.getByTestId('satisfaction-form')).toHaveCount(0);
    // The reason from the answer's own group is what the hub recorded.
    const answered = await t.hub.store.db.selectFrom('citizen_responses').select(['satisfied', 'reason']).where('report_id', '=', citizen.report.id).execute();
    expect(answered.map((a) => [Boolean(a.satisfied), a.reason])).toEqual([[true, 'snel']]);
    await expectAccessible(page, 'status page, satisfaction answered');
  });

  await test.step('scheduled', async () => {
    const scheduled = await reportWithCitizen(t, desk, { description: 'Losliggende stoeptegels bij de school' });
    await dispatchThroughOffer(t, desk, scheduled.report.id);
    await transition(t, desk, scheduled.report.id, { to: 'in_progress' });
    const schedule = {
      kind: 'schedule',
      found: { code: 'tak_laag', text: 'De tak hangt laag over de stoep' },
      action: { code: 'onderhoudsronde', text: 'De tak gaat mee in de onderhoudsronde' },
      followUp: { date: dateInDays(30), what: 'De tak wordt gesnoeid', who: 'Groenploeg Centrum' },
    };
    await transition(t, desk, scheduled.report.id, { to: 'awaiting_review', resolution: schedule });
    await transition(t, desk, scheduled.report.id, { to: 'scheduled', resolution: schedule, confirmLowReadability: true });
    await page.goto(`${t.hub.url}/status/${scheduled.token}`);
    await expect(page.getByTestId('citizen-status')).toHaveAttribute('data-state', 'scheduled');
    await expectAccessible(page, 'status page, scheduled');
  });

  await test.step('closed with the photo of the fix', async () => {
    const withPhoto = await reportWithCitizen(t, desk, { description: 'Tak hangt over de stoep bij de bushalte' });
    await closedWithPhoto(withPhoto.report.id);
    await page.goto(`${t.hub.url}/status/${withPhoto.token}`);
    const photo = page.getByTestId('citizen-fix-photo');
    await expect(photo).toBeVisible();
    expect(await photo.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await expectAccessible(page, 'status page with the photo of the fix');
  });

  await test.step('the accessibility statement, from the footer link', async () => {
    await page.getByTestId('accessibility-link').click();
    await expect(page).toHaveURL(/\/toegankelijkheid$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Toegankelijkheidsverklaring');
    for (const part of ['statement-scope', 'statement-status', 'statement-date']) await expect(page.getByTestId(part)).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Een probleem melden' })).toBeVisible();
    await expectMunicipality(page);
    await expectAccessible(page, 'accessibility statement');
  });
});

test('the external party page open, refused, answered and expired: no axe violations, reflow at 320 px', async ({ page }) => {
  test.setTimeout(180_000);
  const citizen = await reportWithCitizen(t, desk, { description: 'Lamp in het portiek is kapot' });
  const made = await t.api<CreatedReferral>('POST', `/api/reports/${citizen.report.id}/external`, desk, { party: 'Woningcorporatie Ons Huis', question: 'Wilt u de lamp vervangen?' });
  expect(made.status, JSON.stringify(made.body)).toBe(201);

  await page.goto(made.body.link);
  await expect(page.getByTestId('external-form')).toBeVisible();
  await expectMunicipality(page);
  await expectAccessible(page, 'external page, open');

  // Empty answer: refused, the error describes the field.
  await page.getByLabel('Uw antwoord aan de meldkamer').fill('   ');
  await page.getByRole('button', { name: 'Antwoord versturen' }).click();
  await expect(page.getByTestId('external-error')).toBeVisible();
  await expect(page.getByLabel('Uw antwoord aan de meldkamer')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Uw antwoord aan de meldkamer')).toHaveAccessibleDescription(/Vul in wat u heeft gedaan/);
  await expectAccessible(page, 'external page, answer refused');

  await page.getByLabel('Uw antwoord aan de meldkamer').fill('Lamp vervangen op dinsdag.');
  await page.getByRole('button', { name: 'Antwoord versturen' }).click();
  await expect(page.getByTestId('external-answer')).toContainText('Lamp vervangen');
  await expectAccessible(page, 'external page, answered');

  const later = await t.api<CreatedReferral>('POST', `/api/reports/${citizen.report.id}/external`, desk, { party: 'Rijkswaterstaat', question: 'Graag de berm maaien.' });
  expect(later.status).toBe(201);
  offset = 15 * DAY;
  try {
    const res = await page.goto(later.body.link);
    expect(res?.status()).toBe(410);
    await expect(page.getByTestId('external-message')).toBeVisible();
    await expectAccessible(page, 'external page, expired');
  } finally {
    offset = 0;
  }
});
