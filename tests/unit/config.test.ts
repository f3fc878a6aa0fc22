import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';

describe('configuration', () => {
  it('has working defaults and reads the environment', () => {
    const config = loadConfig({ MELDKAMER_PORT: '5000', MELDKAMER_DEMO: '1', MELDKAMER_DATA_DIR: '/tmp/x' });
    expect(config).toMatchObject({ port: 5000, demo: true, dataDir: '/tmp/x', host: '127.0.0.1', defaultLocale: 'nl' });
    expect(loadConfig({}).dataDir).toMatch(/meldkamer/);
  });

  it('names the bad environment variable', () => {
    expect(() => loadConfig({ MELDKAMER_PORT: 'negentig' })).toThrow(/MELDKAMER_PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a postgres/);
    expect(() => loadConfig({ MELDKAMER_DEMO: 'misschien' })).toThrow(ConfigError);
  });

  it('reads an optional JSON file, lets the environment override it, and rejects unknown keys', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meldkamer-cfg-'));
    const file = join(dir, 'config.json');
    writeFileSync(file, JSON.stringify({ port: 4900, mapZoom: 14 }));
    expect(loadConfig({ MELDKAMER_CONFIG: file })).toMatchObject({ port: 4900, mapZoom: 14 });
    expect(loadConfig({ MELDKAMER_CONFIG: file, MELDKAMER_PORT: '4901' }).port).toBe(4901);
    writeFileSync(file, JSON.stringify({ prot: 1 }));
    expect(() => loadConfig({ MELDKAMER_CONFIG: file })).toThrow(/Unknown key in config file .*: prot/);
    writeFileSync(file, JSON.stringify({ mapZoom: 99 }));
    expect(() => loadConfig({ MELDKAMER_CONFIG: file })).toThrow(/mapZoom/);
    expect(() => loadConfig({ MELDKAMER_CONFIG: join(dir, 'missing.json') })).toThrow(/Cannot read config file/);
  });
});
