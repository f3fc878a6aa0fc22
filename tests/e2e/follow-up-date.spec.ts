/**
 * The follow-up date in the console (issue 15 point 7): on the hub clock the date of two scheduled reports comes;
 * the desk's banner shows "Vervolg vandaag" for the own follow-up back in the queue and "vraag team Groen" for the
 * other team's, and the report's timeline says "Vervolgdatum bereikt: terug in de wachtrij".
 */
import { expect, test } from '@playwright/test';
import type { Report } from '../../server/protocol/report';
import { dispatchThroughOffer } from '../support/dispatch-offer';
import { sampleReport, startTestHub, type TestHub } from '../support/hub';

test.use({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });

const WHAT = 'De tak wordt gesnoeid in de onderhoudsronde';
let hub: TestHub;
let now = Date.parse('2026-12-21T09:00:00Z');
const reports: Record<'own' | 'other', Report> = {} as never;

async function schedule(token: string, who: string): Promise<Report> {
  const created = await hub.api<Report>('POST', '/api/reports', token, sampleReport({ description: `Boomtak hangt laag (${who})` }));
  expect(created.status).toBe(201);
  const id = created.body.id;
  const move = (body: object) => hub.api<Report>('POST', `/api/reports/${id}/transition`, token, body);
  expect((await move({ to: 'triaged' })).status).toBe(200);
  await dispatchThroughOffer(hub, token, id);
  expect((await move({ to: 'in_progress' })).status).toBe(200);
  const resolution = {
    kind: 'schedule',
    found: { code: 'tak_laag', text: 'Tak hangt op 1,80 m boven de stoep' },
    action: { code: 'onderhoudsronde', text: 'Gemarkeerd voor de snoeiploeg' },
    followUp: { date: '2026-12-26', what: WHAT, who },
  };
  expect((await move({ to: 'awaiting_review', resolution })).status).toBe(200);
  const scheduled = await move({ to: 'scheduled', resolution });
  expect(scheduled.status).toBe(200);
  return scheduled.body;
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  hub = await startTestHub({ demo: true, clock: () => new Date(now) });
  const token = (await hub.login('centralist')).token;
  reports.own = await schedule(token, 'Meldkamer');
  reports.other = await schedule(token, 'team Groen');
  // Monday 28 December 2026, 07:00 in Amsterdam: the first working day on or after Saturday the 26th.
  now = Date.parse('2026-12-28T06:00:00Z');
  expect(await hub.hub.followUps.tick()).toEqual({ own: 1, other: 1 });
});
test.afterAll(async () => {
  await hub?.stop();
});

test('the desk sees both follow-ups in the banner and the date in the timeline', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(hub.hub.url);
  await page.getByTestId('login-username').fill('centralist');
  await page.getByTestId('login-password').fill('centralist');
  await page.getByTestId('login-submit').click();
  // A loaded machine: the console may take a while to catch up before it is live.
  await expect(page.getByTestId('connection-status')).toHaveAttribute('data-state', 'online', { timeout: 90_000 });
  const banner = page.getByTestId('alert-banner');
  const own = banner.locator('[data-testid="alert-item"][data-kind="follow_up_due"]');
  await expect(own).toHaveCount(1, { timeout: 15_000 });
  await expect(own).toContainText('Vervolg vandaag');
  await expect(own.getByTestId('alert-text')).toHaveText(`Vervolg vandaag: ${reports.own.number} staat weer in de wachtrij (${WHAT})`);
  const other = banner.locator('[data-testid="alert-item"][data-kind="follow_up_other"]');
  await expect(other.getByTestId('alert-text')).toHaveText(`Vervolg vandaag: vraag team Groen (${reports.other.number}: ${WHAT})`);
  await expect(other.getByTestId('alert-ack')).toHaveCount(1);

  await own.getByTestId('alert-open-report').click();
  const timeline = page.getByTestId('report-detail').getByTestId('timeline');
  await expect(timeline).toContainText('Vervolgdatum bereikt: terug in de wachtrij', { timeout: 15_000 });
  await expect(timeline).toContainText(`Alarm: Vervolg vandaag: ${reports.own.number}`);
});
