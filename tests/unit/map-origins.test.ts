import { describe, expect, it } from 'vitest';
import { consoleCsp, mapOriginsOf } from '../../server/http/security-headers';

const PDOK = 'https://api.pdok.nl/kadaster/brt-achtergrondkaart/ogc/v1/styles/standaard__webmercatorquad?f=mapbox';
const PDOK_DARK = 'https://api.pdok.nl/kadaster/brt-achtergrondkaart/ogc/v1/styles/darkmode__webmercatorquad?f=mapbox';

/** The hub's CSP follows the configured basemap (issue 12, point 4). */
describe('mapOriginsOf', () => {
  it('derives one origin from PDOK day and night styles on the same host', () => {
    expect(mapOriginsOf([PDOK, PDOK_DARK])).toEqual(['https://api.pdok.nl']);
  });

  it('adds the extra origins, and none for an unset style or one on the hub itself', () => {
    expect(mapOriginsOf([undefined, null], [])).toEqual([]);
    expect(mapOriginsOf(['https://tiles.example.nl/style.json'], ['https://fonts.example.nl/'])).toEqual([
      'https://tiles.example.nl',
      'https://fonts.example.nl',
    ]);
  });

  it('leaves out plain http to another machine, credentials, other schemes and what is no URL', () => {
    expect(
      mapOriginsOf(['http://tiles.example.nl/style.json', 'https://user:pw@tiles.example.nl/', 'ftp://x.example/'], ['*', "'unsafe-eval'", 'http://127.0.0.1:8080/']),
    ).toEqual(['http://127.0.0.1:8080']);
  });
});

describe('consoleCsp with a basemap', () => {
  it('lets MapLibre fetch the style, tiles and glyphs (connect-src) and sprites (img-src) from the basemap origins only', () => {
    const csp = consoleCsp('https://meldkamer.denhaag.nl', mapOriginsOf([PDOK]));
    expect(csp).toContain("connect-src 'self' wss://meldkamer.denhaag.nl https://api.pdok.nl;");
    expect(csp).toContain("img-src 'self' data: blob: https://api.pdok.nl;");
    expect(csp).toContain("worker-src 'self' blob:;");
    expect(csp).toContain("script-src 'self';");
  });
});
