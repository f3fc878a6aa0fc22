import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config';
import { intakeConfigOf } from '../../server/http/intake-config';
import { DEMO_NEIGHBOURHOODS_FILE, loadNeighbourhoods } from '../../server/http/neighbourhoods-config';

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

  it('takes the intake and neighbourhood settings from the JSON file too, the environment winning', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meldkamer-cfg-'));
    const file = join(dir, 'config.json');
    const key = 'sleutel-uit-het-bestand-0123456789';
    writeFileSync(file, JSON.stringify({ duplicateRadiusMeters: 75, duplicateWeeks: 4, webhookKey: key, neighbourhoodsFile: DEMO_NEIGHBOURHOODS_FILE }));
    const config = loadConfig({ MELDKAMER_CONFIG: file });
    expect(intakeConfigOf(config)).toEqual({ duplicateRadiusMeters: 75, duplicatePeriodDays: 28, webhookKey: key });
    expect(loadNeighbourhoods(config)?.length).toBeGreaterThan(0);
    expect(intakeConfigOf(loadConfig({ MELDKAMER_CONFIG: file, MELDKAMER_DUPLICATE_RADIUS_M: '120' })).duplicateRadiusMeters).toBe(120);
    expect(intakeConfigOf(loadConfig({}))).toEqual({ duplicateRadiusMeters: 50, duplicatePeriodDays: 84, webhookKey: null });
    expect(loadNeighbourhoods(loadConfig({}))).toBeNull();

    writeFileSync(file, JSON.stringify({ webhookKey: 'kort' }));
    expect(() => loadConfig({ MELDKAMER_CONFIG: file })).toThrow(/webhookKey \(MELDKAMER_WEBHOOK_KEY\): must be at least 16/);
    expect(() => loadConfig({ MELDKAMER_DUPLICATE_WEEKS: 'twaalf' })).toThrow(/MELDKAMER_DUPLICATE_WEEKS/);
    writeFileSync(file, JSON.stringify({ neighbourhoodsFile: join(dir, 'missing.geojson') }));
    expect(() => loadNeighbourhoods(loadConfig({ MELDKAMER_CONFIG: file }))).toThrow(/cannot read neighbourhoodsFile/);
  });
});
