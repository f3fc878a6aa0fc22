/**
 * The report detail shows the photos the field sent: thumbnails loaded through the typed client as blob:
 * URLs under the hub's CSP, the EXIF gone, a click shows one large.
 */
import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import type { Ack } from '../../server/protocol/common';
import type { Assignment } from '../../server/protocol/dispatch';
import type { Report } from '../../server/protocol/report';
import { loginConsole } from '../support/console-page';
import { connectField, createFieldUnits } from '../support/field-units';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';
import { jpegWithPassengers } from '../support/photos';

test.use({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });

let hub: TestHub;
test.beforeAll(async () => {
  hub = await startTestHub({ demo: true });
});
test.afterAll(async () => {
  await hub?.stop();
});

test('a photo from the field shows as a thumbnail in the report detail, and large on a click', async ({ page }) => {
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) problems.push(`console: ${msg.text()}`);
  });

  const desk = (await hub.login('centralist')).token;
  const report = (await hub.api<Report>('POST', '/api/reports', desk, sampleReport({ category: 'overlast', location: { lat: 52.0705, lng: 4.2905 }, description: 'Fietswrak bij de ingang van het station' }))).body;
  const [unit] = await createFieldUnits(hub.hub, 1);
  if (!unit) throw new Error('no unit');
  const fieldToken = (await hub.login(unit.username, 'veld')).token;
  const field = connectField(hub.hub.url, fieldToken);
  await new Promise((resolve) => field.once('connect', () => resolve(undefined)));
  const offer = await hub.api<{ assignments: Assignment[] }>('POST', '/api/offers', desk, { commandId: randomUUID(), reportId: report.id, unitIds: [unit.unitId] });
  const accepted = (await field.timeout(5000).emitWithAck('offer:accept', { commandId: randomUUID(), assignmentId: offer.body.assignments[0]?.id ?? '' })) as Ack<Assignment>;
  expect(accepted.ok).toBe(true);
  const upload = await fetch(`${hub.hub.url}/api/field/reports/${report.id}/photo`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${fieldToken}`, 'content-type': 'image/jpeg' },
    body: new Uint8Array(jpegWithPassengers({ width: 40, height: 30, orientation: 6 })),
  });
  expect(upload.status).toBe(201);
  field.disconnect();

  await loginConsole(page, hub.hub.url, 'centralist');
  await page.locator(`[data-testid="queue-row"][data-report-id="${report.id}"]`).click();
  const photos = page.getByTestId('report-detail').getByTestId('report-photos');
  const photo = photos.getByTestId('report-photo');
  await expect(photo).toHaveCount(1);
  const img = photo.locator('img');
  await expect(img).toHaveAttribute('src', /^blob:/);
  // Loaded, and upright: the phone's sideways 40 × 30 is 30 × 40.
  await expect.poll(() => img.evaluate((el: HTMLImageElement) => [el.naturalWidth, el.naturalHeight])).toEqual([30, 40]);
  await photo.getByRole('button').click();
  await expect(photo).toHaveClass(/photo-large/);
  expect(problems).toEqual([]);
});
