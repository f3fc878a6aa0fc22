import { expect, type Page, test } from '@playwright/test';
import { OLDEST_DESKTOP_VERSION } from '../../server/version';
import { loginConsole } from '../support/console-page';
import { startTestHub, type TestHub } from '../support/hub';

// The desktop app loads the hub's own console; its preload bridge gives the shell's version (window.meldkamer.version).
// Without an Electron binary here, the page gets the bridge as the preload would give it, and the real hub's
// GET /api/config says which shell it needs.
let hub: TestHub;
test.beforeAll(async () => {
  hub = await startTestHub({ store: 'sqlite' });
});
test.afterAll(async () => {
  await hub.stop();
});

async function asDesktopApp(page: Page, version: string): Promise<void> {
  await page.addInitScript((v) => {
    Object.defineProperty(window, 'meldkamer', {
      value: Object.freeze({ version: v, hubUrl: window.location.origin, isDesktop: true, notify: async () => undefined }),
    });
  }, version);
}

test('a desktop app older than the hub supports is told which version to install and does not sign in (nl, en)', async ({ page }) => {
  await asDesktopApp(page, '0.0.9');
  await page.goto(hub.hub.url);
  const hubVersion = (await hub.api<{ version: string }>('GET', '/api/config')).body.version;
  const notice = page.getByTestId('login-desktop-too-old');
  await expect(notice).toHaveText(`Deze versie van Meldkamer (0.0.9) is te oud voor de hub (${hubVersion}); installeer versie ${OLDEST_DESKTOP_VERSION} of nieuwer`);
  await expect(page.getByTestId('login-submit')).toBeDisabled();
  await page.getByTestId('login-username').fill('centralist');
  await page.getByTestId('login-password').fill('centralist');
  await page.getByTestId('login-password').press('Enter');
  await expect(page.getByTestId('connection-status')).toHaveCount(0);
  await page.getByTestId('locale-en').click();
  await expect(notice).toHaveText(`This version of Meldkamer (0.0.9) is too old for the hub (${hubVersion}); install version ${OLDEST_DESKTOP_VERSION} or newer`);
});

test('a desktop app at the oldest supported version signs in as usual', async ({ page }) => {
  await asDesktopApp(page, OLDEST_DESKTOP_VERSION);
  await loginConsole(page, hub.hub.url, 'centralist');
  await expect(page.getByTestId('login-desktop-too-old')).toHaveCount(0);
});
