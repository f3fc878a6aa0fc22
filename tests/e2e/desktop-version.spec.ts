import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { OLDEST_DESKTOP_VERSION } from '../../server/version';
import { loginConsole } from '../support/console-page';
import { startTestHub, type TestHub } from '../support/hub';
import { freePort } from '../support/hub-process';

// The desktop app loads the hub's own console; its preload bridge gives the shell's version (window.meldkamer.version).
// Without an Electron binary here, the page gets the bridge as the preload would give it, and the real hub's
// GET /api/config says which shell it needs. The check runs whenever the console has the hub's config: at start (a
// saved session too) and after each reconnect, where the hub may meanwhile have been upgraded to a release that asks
// for a newer desktop app (a hub restarted on the same port and data with a higher oldest desktop version).
let hub: TestHub;
let port = 0;
let dataDir = '';
test.beforeEach(async () => {
  port = await freePort();
  dataDir = mkdtempSync(join(tmpdir(), 'meldkamer-desktop-e2e-'));
  hub = await startTestHub({ store: 'sqlite', dataDir, config: { port } });
});
test.afterEach(async () => {
  await hub.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The hub stopped and started again on the same port and data as a later release that needs desktop app `oldest`. */
async function upgradeHub(oldest: string): Promise<void> {
  await hub.stop();
  hub = await startTestHub({ store: 'sqlite', dataDir, config: { port }, oldestDesktopVersion: oldest });
}

async function asDesktopApp(page: Page, version: string): Promise<void> {
  await page.addInitScript((v) => {
    Object.defineProperty(window, 'meldkamer', {
      value: Object.freeze({ version: v, hubUrl: window.location.origin, isDesktop: true, notify: async () => undefined }),
    });
  }, version);
}

const tooOldNl = (desktop: string, hubVersion: string, required: string) =>
  `Deze versie van Meldkamer (${desktop}) is te oud voor de hub (${hubVersion}); installeer versie ${required} of nieuwer`;
const tooOldEn = (desktop: string, hubVersion: string, required: string) =>
  `This version of Meldkamer (${desktop}) is too old for the hub (${hubVersion}); install version ${required} or newer`;

async function hubVersion(): Promise<string> {
  return (await hub.api<{ version: string }>('GET', '/api/config')).body.version;
}

test('a desktop app older than the hub supports is told which version to install and cannot sign in (nl, en)', async ({ page }) => {
  await asDesktopApp(page, '0.0.9');
  await page.goto(hub.hub.url);
  const notice = page.getByTestId('desktop-too-old');
  await expect(notice).toHaveText(tooOldNl('0.0.9', await hubVersion(), OLDEST_DESKTOP_VERSION));
  await expect(page.getByTestId('login-form')).toHaveCount(0);
  await page.getByTestId('locale-en').click();
  await expect(notice).toHaveText(tooOldEn('0.0.9', await hubVersion(), OLDEST_DESKTOP_VERSION));
});

test('a desktop app at the oldest supported version signs in as usual', async ({ page }) => {
  await asDesktopApp(page, OLDEST_DESKTOP_VERSION);
  await loginConsole(page, hub.hub.url, 'centralist');
  await expect(page.getByTestId('desktop-too-old')).toHaveCount(0);
});

test('started again with a saved session on a hub upgraded meanwhile, the desktop app is blocked before the console opens', async ({ page }) => {
  test.setTimeout(120_000);
  await asDesktopApp(page, '0.2.0');
  await loginConsole(page, hub.hub.url, 'centralist');
  // The app closes its window (the session stays in the page's storage); the hub is upgraded; the app starts again.
  await page.goto('about:blank');
  await upgradeHub('0.3.0');
  await page.goto(hub.hub.url);
  await expect(page.getByTestId('desktop-too-old')).toHaveText(tooOldNl('0.2.0', await hubVersion(), '0.3.0'));
  await expect(page.getByTestId('connection-status')).toHaveCount(0);
  await expect(page.getByTestId('login-form')).toHaveCount(0);
});

test('a console connected to a hub that is upgraded meanwhile is blocked when it reconnects (nl, en)', async ({ page }) => {
  test.setTimeout(120_000);
  await asDesktopApp(page, '0.2.0');
  await loginConsole(page, hub.hub.url, 'centralist');
  await upgradeHub('0.3.0');
  const notice = page.getByTestId('desktop-too-old');
  await expect(notice).toHaveText(tooOldNl('0.2.0', await hubVersion(), '0.3.0'), { timeout: 60_000 });
  await expect(page.getByTestId('connection-status')).toHaveCount(0);
  await page.getByTestId('locale-en').click();
  await expect(notice).toHaveText(tooOldEn('0.2.0', await hubVersion(), '0.3.0'));
});
