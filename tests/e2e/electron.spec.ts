import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test } from '@playwright/test';
import type { MeldkamerBridge } from '../../electron/bridge';
import { findElectronBinary } from '../../scripts/electron-binary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

test('desktop shell loads the hub console with a sandboxed, minimal bridge', async ({ baseURL }) => {
  const binary = await findElectronBinary();
  test.skip(
    binary === null,
    'No Electron binary on this machine (only types are installed); the console is tested as a web app in Chromium',
  );
  if (binary === null) return;

  execFileSync(process.execPath, [path.join(root, 'scripts', 'build-electron.mjs')], { stdio: 'inherit' });
  const hubUrl = process.env.MELDKAMER_HUB_URL ?? baseURL ?? 'http://127.0.0.1:4800';
  const hubOrigin = new URL(hubUrl).origin;

  const app = await electron.launch({
    executablePath: binary,
    args: [path.join(root, 'dist', 'electron', 'main.cjs')],
    env: { ...process.env, MELDKAMER_HUB_URL: hubUrl },
  });
  try {
    const page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
    expect(new URL(page.url()).origin).toBe(hubOrigin);

    const title = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getTitle());
    expect(title).toMatch(/Meldkamer/);

    const exposed = await page.evaluate(() => {
      const bridge: MeldkamerBridge | undefined = window.meldkamer;
      const scope = window as unknown as Record<string, unknown>;
      return {
        isDesktop: bridge?.isDesktop,
        hubUrl: bridge?.hubUrl,
        version: bridge?.version,
        keys: bridge ? Object.keys(bridge).sort() : [],
        require: typeof scope.require,
        process: typeof scope.process,
      };
    });
    expect(exposed.isDesktop).toBe(true);
    expect(exposed.hubUrl).toBe(hubUrl);
    expect(exposed.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(exposed.keys).toEqual(['hubUrl', 'isDesktop', 'notify', 'version']);
    expect(exposed.require).toBe('undefined');
    expect(exposed.process).toBe('undefined');

    const invalidNotify = await page.evaluate(() =>
      window.meldkamer?.notify('', 'x').then(
        () => 'resolved',
        () => 'rejected',
      ),
    );
    expect(invalidNotify).toBe('rejected');

    expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    await page.evaluate(() => {
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(500);
    expect(new URL(page.url()).origin).toBe(hubOrigin);
  } finally {
    await app.close();
  }
});
