import { validateStyleMin } from '@maplibre/maplibre-gl-style-spec';
import { describe, expect, it } from 'vitest';
import { BASEMAP_LABEL_LAYERS, basemapStyle } from '../../server/map/basemap-style';
import { basemapFallback, basemapStyle as consoleBasemap, hasNightBasemap, offlineStyle } from '../../renderer/shared/map/basemapStyle';

const PDOK = 'https://api.pdok.nl/kadaster/brt-achtergrondkaart/ogc/v1/styles/standaard__webmercatorquad?f=mapbox';
const PDOK_DARK = 'https://api.pdok.nl/kadaster/brt-achtergrondkaart/ogc/v1/styles/darkmode__webmercatorquad?f=mapbox';
const none = { mapStyleUrl: null, mapNightStyleUrl: null, mapTilesStyleUrl: null };

describe("the hub's offline basemap style", () => {
  it('is a valid MapLibre style in both palettes, with its label layers', () => {
    for (const mode of ['day', 'night'] as const) {
      const style = basemapStyle({ origin: 'https://meldkamer.example.nl', mode, maxzoom: 14 });
      expect(validateStyleMin(style)).toEqual([]);
      expect(style.layers.map((l) => l.id)).toEqual(expect.arrayContaining([...BASEMAP_LABEL_LAYERS]));
    }
    expect(validateStyleMin(offlineStyle())).toEqual([]);
  });
});

describe('which basemap the console draws', () => {
  it('PDOK by day and its darkmode by night, with the hub basemap (or the bundled outline) when PDOK cannot be reached', () => {
    const config = { mapStyleUrl: PDOK, mapNightStyleUrl: PDOK_DARK, mapTilesStyleUrl: '/map/style.json' };
    expect(consoleBasemap(config, 'day')).toBe(PDOK);
    expect(consoleBasemap(config, 'night')).toBe(PDOK_DARK);
    expect(basemapFallback(config, 'night')).toBe('/map/style.json?mode=night');
    expect(basemapFallback({ ...config, mapTilesStyleUrl: null }, 'day')).toEqual(offlineStyle());
    expect(hasNightBasemap(config)).toBe(true);
  });

  it('one online style serves day and night; the offline basemap has both palettes; the bundled outline only one', () => {
    expect(consoleBasemap({ ...none, mapStyleUrl: PDOK }, 'night')).toBe(PDOK);
    expect(hasNightBasemap({ ...none, mapStyleUrl: PDOK })).toBe(false);
    const offline = { ...none, mapTilesStyleUrl: '/map/style.json' };
    expect(consoleBasemap(offline, 'day')).toBe('/map/style.json?mode=day');
    expect(basemapFallback(offline, 'day')).toBeNull();
    expect(hasNightBasemap(offline)).toBe(true);
    expect(consoleBasemap(none, 'night')).toEqual(offlineStyle());
    expect(hasNightBasemap(none)).toBe(false);
  });
});
