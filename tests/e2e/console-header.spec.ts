import { expect, test } from '@playwright/test';
import { loginConsole, openHeaderTool } from '../support/console-page';
import { startTestHub, type TestHub } from '../support/hub';

// The shift lead has the most header tools; on a laptop-sized screen they scroll sideways in their own strip,
// so the name, the language switch and sign-out stay in view (they were pushed off the screen).
let hub: TestHub;
test.beforeAll(async () => {
  hub = await startTestHub({ store: 'sqlite' });
});
test.afterAll(async () => {
  await hub.stop();
});

test('on a 1280 px screen the shift lead still sees their name, the language switch and sign-out', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await loginConsole(page, hub.hub.url, 'chef');
  await expect(page.getByTestId('logout')).toBeInViewport({ ratio: 1 });
  await expect(page.getByTestId('current-user')).toBeInViewport({ ratio: 1 });
  await expect(page.locator('.locale-toggle')).toBeInViewport({ ratio: 1 });
  await openHeaderTool(page, 'access-log-open');
  await expect(page.getByTestId('access-log-panel')).toBeVisible();
  await page.screenshot({ path: 'tests/e2e/artifacts/console-header-chef.png' });
});
