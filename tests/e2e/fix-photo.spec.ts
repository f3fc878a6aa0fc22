/**
 * The branch case with a photo of the fix (issue 15, point 4): the field unit attaches an after photo to its proposal
 * in the field client, the dispatcher approves it with a blur over a number plate, closes with "foto meesturen", and
 * the citizen's e-mail links the photo and the status page shows it.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import jpeg from 'jpeg-js';
import type { Ack } from '../../server/protocol/common';
import type { Assignment } from '../../server/protocol/dispatch';
import type { Report } from '../../server/protocol/report';
import { connectField, createFieldUnits } from '../support/field-units';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';
import { startTestSmtp, type TestSmtp } from '../support/smtp';

test.use({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });

const REPORTER_EMAIL = 'melder.foto@example.nl';

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

/** A 240×160 JPEG: a green "tree" gradient with a black-and-white "number plate" on the right. */
function photoOfTheFix(): Buffer {
  const width = 240;
  const height = 160;
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const plate = x >= 150 && x < 210 && y >= 100 && y < 130;
      const i = (y * width + x) * 4;
      const v = plate ? (((x >> 2) + (y >> 2)) % 2 === 0 ? 0 : 255) : 0;
      data[i] = plate ? v : 40;
      data[i + 1] = plate ? v : 100 + (x % 100);
      data[i + 2] = plate ? v : 40;
      data[i + 3] = 255;
    }
  }
  return Buffer.from(jpeg.encode({ width, height, data }, 92).data);
}

test('branch case: after photo on the proposal, approved with a blur, sent with the closing, shown on the status page', async ({ browser }) => {
  test.setTimeout(180_000);
  const desk = (await hub.login('centralist')).token;
  const report = (
    await hub.api<Report>('POST', '/api/reports', desk, {
      ...sampleReport({ description: 'Boomtak hangt laag over de stoep' }),
      reporter: { name: 'Jan Jansen', email: REPORTER_EMAIL },
      consent: { contact: true },
    })
  ).body;
  const [unit] = await createFieldUnits(hub.hub, 1);
  if (!unit) throw new Error('no unit');
  const socket = connectField(hub.hub.url, (await hub.login(unit.username, 'veld')).token);
  await new Promise((resolve) => socket.once('connect', () => resolve(undefined)));
  const offer = await hub.api<{ assignments: Assignment[] }>('POST', '/api/offers', desk, { commandId: randomUUID(), reportId: report.id, unitIds: [unit.unitId] });
  const accepted = (await socket.timeout(5000).emitWithAck('offer:accept', { commandId: randomUUID(), assignmentId: offer.body.assignments[0]?.id ?? '' })) as Ack<Assignment>;
  expect(accepted.ok).toBe(true);
  socket.disconnect();

  // ---- the field unit: a proposal with an after photo, through the field client ----
  const fieldContext = await browser.newContext();
  const field = await fieldContext.newPage();
  await field.goto(`${hub.hub.url}/field`);
  await field.getByTestId('field-login-username').fill(unit.username);
  await field.getByTestId('field-login-password').fill('veld');
  await field.getByTestId('field-login-submit').click();
  const card = field.getByTestId('field-assignment');
  await card.getByTestId('field-finding-open').click();
  const form = field.getByTestId('field-finding-form');
  await form.getByTestId('field-finding-kind-close').check();
  await form.getByTestId('field-finding-outcome').selectOption('resolved');
  await form.getByTestId('field-finding-found-code').selectOption('tak_laag');
  await form.getByTestId('field-finding-found-text').fill('De tak hing op 1,80 meter boven de stoep');
  await form.getByTestId('field-finding-action-code').selectOption('tak_verwijderd');
  await form.getByTestId('field-finding-action-text').fill('We hebben de tak weggezaagd; de stoep is weer vrij');
  await form.getByTestId('field-finding-photo').setInputFiles({ name: 'na.jpg', mimeType: 'image/jpeg', buffer: photoOfTheFix() });
  await expect(form.locator('[data-testid="field-finding-photo-preview"][data-kind="after"]')).toBeVisible();
  await form.getByTestId('field-finding-submit').click();
  await expect(card.getByTestId('field-assignment-report-status')).toHaveAttribute('data-status', 'awaiting_review', { timeout: 20_000 });

  await fieldContext.close();

  // ---- the desk: sees the after photo, approves it with a blur over the plate ----
  const page = await (await browser.newContext()).newPage();
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`);
  });
  // As loginConsole (tests/support/console-page.ts), with more time to go live on a loaded machine.
  await page.goto(hub.hub.url);
  await page.getByTestId('login-username').fill('centralist');
  await page.getByTestId('login-password').fill('centralist');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'online', { timeout: 60_000 });
  await page.locator(`[data-testid="queue-row"][data-report-id="${report.id}"]`).click();
  const detail = page.getByTestId('report-detail');
  const photo = detail.locator('[data-testid="report-photo"][data-kind="after"]');
  await expect(photo).toHaveCount(1, { timeout: 20_000 });
  await expect(photo.locator('img')).toHaveAttribute('src', /^blob:/);
  await photo.getByTestId('photo-approve').click();
  const dialog = page.getByTestId('photo-approval');
  await expect(dialog.getByTestId('photo-approval-responsibility')).toContainText('verantwoordelijkheid');
  const canvas = dialog.getByTestId('photo-approval-canvas');
  const box = await canvas.boundingBox();
  if (!box) throw new Error('no canvas');
  // The plate is at 150–210 × 100–130 of 240 × 160: drag a rectangle a little larger than it.
  const at = (x: number, y: number) => ({ x: box.x + (x / 240) * box.width, y: box.y + (y / 160) * box.height });
  const from = at(145, 95);
  const to = at(215, 135);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.up();
  await expect(dialog.getByTestId('photo-approval-blur')).toHaveCount(1);
  await expect(dialog.getByTestId('photo-approval-submit')).toBeDisabled();
  await expect(dialog.getByTestId('photo-approval-send')).toBeChecked();
  await dialog.getByTestId('photo-approval-confirm').check();
  await dialog.getByTestId('photo-approval-submit').click();
  await expect(dialog).toHaveCount(0);
  await expect(photo).toHaveAttribute('data-approved', 'true');
  await expect(photo.getByTestId('photo-approved')).toContainText('afsluitbericht');

  // ---- closing the proposal: the message links the photo ----
  const resolution = detail.getByTestId('resolution-form');
  await expect(resolution).toHaveAttribute('data-target', 'closed');
  const preview = resolution.getByTestId('message-preview');
  // The form previewed the message when it opened, before the approval: ask for it again.
  await resolution.getByTestId('resolution-preview').click();
  await expect(preview).toHaveAttribute('data-current', 'true', { timeout: 15_000 });
  await expect(preview).toHaveValue(/\/status\/[A-Za-z0-9_-]+\/foto/);
  await resolution.getByTestId('resolution-submit').click();
  await expect(detail).toHaveAttribute('data-status', 'closed', { timeout: 15_000 });

  const mails = (await smtp.waitForMessages(2, 20_000)).filter((m) => m.envelope.to.includes(REPORTER_EMAIL));
  const closing = mails.at(-1);
  const link = /https?:\/\/[^\s"<>]+\/status\/[A-Za-z0-9_-]{20,64}\/foto/.exec(closing?.text ?? '')?.[0];
  expect(link, closing?.text).toBeTruthy();

  // ---- the citizen's status page shows the approved photo (the variant, never the original) ----
  const citizen = await (await browser.newContext()).newPage();
  await citizen.goto((link ?? '').replace(/\/foto$/, ''));
  const img = citizen.getByRole('img', { name: 'Foto na afhandeling' });
  await expect(img).toBeVisible();
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(240);
  expect(problems.filter((p) => /pageerror|Content Security Policy/.test(p))).toEqual([]);
});
