import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { tinyPng } from '../support/field-helpers';
import { startTestHub, type TestHub } from '../support/hub';

/** The municipality's logo on the public pages (MELDKAMER_MUNICIPALITY_LOGO): served when set, the name as text when not. */
describe('municipality logo setting', () => {
  let t: TestHub | undefined;
  afterEach(async () => {
    await t?.stop();
    t = undefined;
  });

  it('serves the logo at /gemeente/logo and shows it in the header; unset, the name alone and no route', async () => {
    const logo = join(mkdtempSync(join(tmpdir(), 'meldkamer-logo-')), 'logo.png');
    writeFileSync(logo, tinyPng());
    t = await startTestHub({ env: { MELDKAMER_MUNICIPALITY_LOGO: logo, MELDKAMER_MUNICIPALITY_NAME: 'Gemeente Leiden' } });
    const served = await fetch(`${t.hub.url}/gemeente/logo`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await served.arrayBuffer())).toEqual(tinyPng());
    const page = await (await fetch(`${t.hub.url}/status`)).text();
    expect(page).toContain('<img src="/gemeente/logo" alt="" data-testid="municipality-logo">');
    expect(page).toContain('Gemeente Leiden');
    expect(page).toContain('href="/toegankelijkheid"');
    await t.stop();

    t = await startTestHub();
    expect((await fetch(`${t.hub.url}/gemeente/logo`)).status).toBe(404);
    const plain = await (await fetch(`${t.hub.url}/status`)).text();
    expect(plain).not.toContain('municipality-logo');
    expect(plain).toContain('data-testid="municipality-name">Gemeente Den Haag<');
    const statement = await fetch(`${t.hub.url}/toegankelijkheid`);
    expect(statement.status).toBe(200);
    expect(await statement.text()).toContain('Toegankelijkheidsverklaring');
  });

  it('refuses a logo that is not an image file by name, and one that cannot be read, with what to fix', async () => {
    expect(() => loadConfig({ MELDKAMER_MUNICIPALITY_LOGO: '/etc/passwd' }, {})).toThrow(/PNG, JPEG, SVG or WebP/);
    await expect(startTestHub({ env: { MELDKAMER_MUNICIPALITY_LOGO: '/bestaat/niet/logo.png' } })).rejects.toThrow(/MELDKAMER_MUNICIPALITY_LOGO: cannot read \/bestaat\/niet\/logo.png/);
  });
});
