import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { consoleWebPreferences, isLoopbackHost, secureHubOrigin } from '../../electron/policy';

const ROOT = new URL('../../', import.meta.url);
const require = createRequire(import.meta.url);
// electron-builder's own YAML reader (a dependency of electron-builder).
const yaml = require('js-yaml') as { load(text: string): unknown };

describe('electron-builder.yml', () => {
  const config = yaml.load(readFileSync(new URL('electron-builder.yml', ROOT), 'utf8')) as { asar?: unknown; electronFuses?: Record<string, unknown> };

  it('flips the Electron fuses: no Node through the app binary, encrypted cookies, the app only from a checked app.asar', () => {
    expect(config.asar).toBe(true);
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('names only fuses electron-builder knows (its configuration schema), so none is silently ignored', () => {
    const scheme = JSON.parse(readFileSync(require.resolve('app-builder-lib/scheme.json'), 'utf8')) as {
      definitions: { FuseOptionsV1: { properties: Record<string, { type: string }> } };
    };
    const known = scheme.definitions.FuseOptionsV1.properties;
    for (const [key, value] of Object.entries(config.electronFuses ?? {})) {
      expect(known[key], key).toBeDefined();
      expect(typeof value).toBe(known[key]?.type);
    }
  });
});

describe('secureHubOrigin', () => {
  it('accepts https anywhere and http on loopback only', () => {
    expect(secureHubOrigin('https://meldkamer.denhaag.nl/console')).toBe('https://meldkamer.denhaag.nl');
    expect(secureHubOrigin('http://127.0.0.1:4800')).toBe('http://127.0.0.1:4800');
    expect(secureHubOrigin('http://127.8.0.1:4800/')).toBe('http://127.8.0.1:4800');
    expect(secureHubOrigin('http://localhost:4800')).toBe('http://localhost:4800');
    expect(secureHubOrigin('http://[::1]:4800')).toBe('http://[::1]:4800');
  });

  it('refuses plain http to another machine, and what hubOrigin refuses', () => {
    for (const url of ['http://10.0.0.5:4800', 'http://meldkamer.denhaag.nl', 'http://127.0.0.1.evil.nl', 'http://0.0.0.0:4800', 'http://[::ffff:10.0.0.5]']) {
      expect(() => secureHubOrigin(url), url).toThrow(/Insecure hub URL .*use https:\/\//);
    }
    expect(() => secureHubOrigin('file:///etc/passwd')).toThrow(/only http: and https:/);
    expect(() => secureHubOrigin('https://user:pw@hub.example')).toThrow(/credentials/);
  });

  it('isLoopbackHost knows the loopback names and addresses', () => {
    expect(['localhost', 'LOCALHOST', 'console.localhost', '127.0.0.1', '127.255.0.9', '::1', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['10.0.0.1', '0.0.0.0', 'localhost.example', '128.0.0.1', '127.0.0.1.nip.io', '::', ''].some(isLoopbackHost)).toBe(false);
  });
});

describe('consoleWebPreferences', () => {
  const base = { preload: '/app/preload.cjs', additionalArguments: ['--meldkamer-version=1'] };

  it('opens no DevTools in a packaged build, and keeps them for development', () => {
    expect(consoleWebPreferences({ ...base, packaged: true }).devTools).toBe(false);
    expect(consoleWebPreferences({ ...base, packaged: false }).devTools).toBe(true);
  });

  it('keeps the window isolated and sandboxed either way', () => {
    for (const packaged of [true, false]) {
      expect(consoleWebPreferences({ ...base, packaged })).toMatchObject({
        preload: '/app/preload.cjs',
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        webSecurity: true,
        additionalArguments: ['--meldkamer-version=1'],
      });
    }
  });
});
