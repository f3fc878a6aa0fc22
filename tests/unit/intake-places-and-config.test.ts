import { describe, expect, it } from 'vitest';
import { DEN_HAAG_GAZETTEER } from '../../server/commands/signals';
import { ConfigError, loadConfig } from '../../server/config';
import { explainFocusArea, focusAreaTextFor } from '../../server/domain/focus-explanation';
import { lookupPlace, normalizePlaceName } from '../../server/domain/gazetteer';
import { intakeConfigOf } from '../../server/http/intake-config';
import { webhookKeyMatches } from '../../server/http/routes-intake';

describe('gazetteer (built-in Den Haag neighbourhoods)', () => {
  it('matches names and aliases regardless of case, accents, punctuation and the city name', () => {
    expect(lookupPlace(DEN_HAAG_GAZETTEER, 'Schilderswijk')?.name).toBe('Schilderswijk');
    expect(lookupPlace(DEN_HAAG_GAZETTEER, 'schilderswijk, Den Haag')?.name).toBe('Schilderswijk');
    expect(lookupPlace(DEN_HAAG_GAZETTEER, "'s-Gravenhage Transvaal")?.name).toBe('Transvaal');
    expect(lookupPlace(DEN_HAAG_GAZETTEER, 'SCHEVENINGEN-BAD')?.name).toBe('Scheveningen');
    expect(lookupPlace(DEN_HAAG_GAZETTEER, 'Den Haag')).toBeUndefined();
    expect(lookupPlace(DEN_HAAG_GAZETTEER, 'Utrecht')).toBeUndefined();
    expect(normalizePlaceName('  Wateringse  Veld! ')).toBe('wateringse veld');
  });

  it('has 10 or more places, all inside the municipality', () => {
    expect(DEN_HAAG_GAZETTEER.places.length).toBeGreaterThanOrEqual(10);
    for (const p of DEN_HAAG_GAZETTEER.places) {
      expect(p.lat).toBeGreaterThan(52.0);
      expect(p.lat).toBeLessThan(52.13);
      expect(p.lng).toBeGreaterThan(4.2);
      expect(p.lng).toBeLessThan(4.42);
    }
  });
});

describe('focus-area explanation', () => {
  const square = [
    [
      [4.3, 52.07],
      [4.32, 52.07],
      [4.32, 52.09],
      [4.3, 52.09],
    ],
  ] as [number, number][][];

  it('takes the first area containing the point that has a public text', () => {
    const areas = [
      { polygon: square, publicText: null },
      { polygon: square, publicText: '  Veel meldingen over afval bij de containers.  ' },
      { polygon: square, publicText: 'Tweede' },
    ];
    expect(focusAreaTextFor({ lat: 52.08, lng: 4.31 }, areas)).toBe('Veel meldingen over afval bij de containers.');
    expect(focusAreaTextFor({ lat: 52.1, lng: 4.31 }, areas)).toBeUndefined();
    expect(explainFocusArea('Veel afval.', 'nl')).toBe('Waarom we hier extra handhaven: Veel afval.');
  });
});

/** The intake settings the hub takes from the configuration `env` gives (loadConfig: environment, then MELDKAMER_CONFIG). */
const intakeConfigFor = (env: NodeJS.ProcessEnv) => intakeConfigOf(loadConfig(env));

describe('intake configuration', () => {
  it('defaults to 50 m and 12 weeks and no webhook key', () => {
    expect(intakeConfigFor({})).toEqual({ duplicateRadiusMeters: 50, duplicatePeriodDays: 84, webhookKey: null });
  });

  it('reads the environment and names a bad key', () => {
    expect(intakeConfigFor({ MELDKAMER_DUPLICATE_RADIUS_M: '75', MELDKAMER_DUPLICATE_WEEKS: '4', MELDKAMER_WEBHOOK_KEY: 'x'.repeat(32) })).toEqual({
      duplicateRadiusMeters: 75,
      duplicatePeriodDays: 28,
      webhookKey: 'x'.repeat(32),
    });
    expect(() => intakeConfigFor({ MELDKAMER_DUPLICATE_RADIUS_M: 'vijftig' })).toThrow(ConfigError);
    expect(() => intakeConfigFor({ MELDKAMER_DUPLICATE_RADIUS_M: 'vijftig' })).toThrow(/MELDKAMER_DUPLICATE_RADIUS_M/);
    expect(() => intakeConfigFor({ MELDKAMER_WEBHOOK_KEY: 'kort' })).toThrow(/MELDKAMER_WEBHOOK_KEY: must be at least 16/);
  });

  it('compares webhook keys exactly', () => {
    const key = 'geheime-sleutel-1234567890';
    expect(webhookKeyMatches(key, key)).toBe(true);
    expect(webhookKeyMatches(`${key}x`, key)).toBe(false);
    expect(webhookKeyMatches('', key)).toBe(false);
    expect(webhookKeyMatches(undefined, key)).toBe(false);
    expect(webhookKeyMatches([key], key)).toBe(false);
  });
});
