import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { loadBasemap } from '../../server/map/basemap-config';
import type { ClientConfig } from '../../server/protocol/api';
import { buildTestBasemap, TEST_STREET, tileOf } from '../support/basemap';
import { startTestHub, type TestHub } from '../support/hub';

interface Style {
  glyphs: string;
  sources: { basemap: { tiles: string[]; maxzoom: number; attribution?: string } };
  layers: { id: string; paint?: Record<string, unknown> }[];
}

/** The hub's offline basemap: style, tiles and glyphs from a configured MBTiles file (issue 12, point 4). */
describe('the offline basemap routes', () => {
  let t: TestHub;
  const street = tileOf(...TEST_STREET.from, 14);
  const get = (url: string, headers: Record<string, string> = {}) => t.hub.app.inject({ method: 'GET', url, headers });

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meldkamer-basemap-'));
    t = await startTestHub({ demo: false, config: { mapTiles: buildTestBasemap(dir) } });
  });
  afterAll(async () => {
    await t.stop();
  });

  it('tells the console where the offline style is, and serves it with absolute tile and glyph URLs of the origin asked', async () => {
    const config = (await t.api<ClientConfig>('GET', '/api/config')).body;
    expect(config).toMatchObject({ mapStyleUrl: null, mapNightStyleUrl: null, mapTilesStyleUrl: '/map/style.json' });
    const res = await get('/map/style.json', { host: 'meldkamer.example:4800' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/application\/json/);
    const style = res.json<Style>();
    expect(style.sources.basemap.tiles).toEqual(['http://meldkamer.example:4800/tiles/{z}/{x}/{y}.pbf']);
    expect(style.glyphs).toBe('http://meldkamer.example:4800/map/glyphs/{fontstack}/{range}.pbf');
    expect(style.sources.basemap).toMatchObject({ maxzoom: 14, attribution: 'test basemap' });
    expect(style.layers.map((l) => l.id)).toEqual(expect.arrayContaining(['road-minor', 'street-names', 'place-names']));
  });

  it('has a night palette over the same tiles', async () => {
    const day = (await get('/map/style.json')).json<Style>();
    const night = (await get('/map/style.json?mode=night')).json<Style>();
    expect(night.sources).toEqual(day.sources);
    const background = (s: Style) => s.layers.find((l) => l.id === 'background')?.paint?.['background-color'];
    expect(background(night)).not.toBe(background(day));
  });

  it('serves a gzipped tile as stored with Content-Encoding: gzip, and unpacked to a client that does not take gzip', async () => {
    const url = `/tiles/14/${street.x}/${street.y}.pbf`;
    const zipped = await get(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(zipped.statusCode).toBe(200);
    expect(zipped.headers['content-encoding']).toBe('gzip');
    expect(zipped.headers['content-type']).toBe('application/x-protobuf');
    expect([...zipped.rawPayload.subarray(0, 2)]).toEqual([0x1f, 0x8b]);
    const plain = await get(url, { 'accept-encoding': 'identity' });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.includes(Buffer.from(TEST_STREET.name))).toBe(true);
  });

  it('serves a tile stored uncompressed without Content-Encoding', async () => {
    const res = await get('/tiles/0/0/0.pbf', { 'accept-encoding': 'gzip' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.rawPayload.length).toBeGreaterThan(0);
  });

  it('answers 204 for a tile the file does not have, 404 for coordinates that are no tile', async () => {
    expect((await get(`/tiles/14/${street.x + 50}/${street.y}.pbf`)).statusCode).toBe(204);
    expect((await get('/tiles/3/8/0.pbf')).statusCode).toBe(404);
    expect((await get('/tiles/30/0/0.pbf')).statusCode).toBe(404);
    expect((await get('/tiles/a/0/0.pbf')).statusCode).toBe(404);
  });

  it('serves the label glyphs of DejaVu Sans, the first font of a list it has, and nothing outside its folder', async () => {
    const res = await get('/map/glyphs/DejaVu%20Sans/0-255.pbf');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/x-protobuf');
    expect(res.rawPayload.length).toBeGreaterThan(10_000);
    expect(res.rawPayload.includes(Buffer.from('DejaVu Sans'))).toBe(true);
    expect((await get('/map/glyphs/Noto%20Sans,DejaVu%20Sans/256-511.pbf')).statusCode).toBe(200);
    expect((await get('/map/glyphs/DejaVu%20Sans/65280-65535.pbf')).statusCode).toBe(204);
    expect((await get('/map/glyphs/Comic%20Sans/0-255.pbf')).statusCode).toBe(404);
    expect((await get('/map/glyphs/DejaVu%20Sans/1-5.pbf')).statusCode).toBe(404);
    expect((await get('/map/glyphs/..%2F..%2Fmbtiles/0-255.pbf')).statusCode).toBe(404);
  });

  it('serves the basemap to signed-out callers too: public map data, like the console files (the login screen and the field client draw it)', async () => {
    const res = await get(`/tiles/14/${street.x}/${street.y}.pbf`);
    expect(res.statusCode).toBe(200);
    const api = await get('/api/reports');
    expect(api.statusCode).toBe(401);
  });
});

describe('a hub without an offline basemap', () => {
  it('has no style, tiles or basemap in its client config; a PDOK style puts its origin in the CSP', async () => {
    const t = await startTestHub({
      demo: false,
      config: {
        mapStyleUrl: 'https://api.pdok.nl/kadaster/brt-achtergrondkaart/ogc/v1/styles/standaard__webmercatorquad?f=mapbox',
        mapNightStyleUrl: 'https://api.pdok.nl/kadaster/brt-achtergrondkaart/ogc/v1/styles/darkmode__webmercatorquad?f=mapbox',
      },
    });
    try {
      const config = (await t.api<ClientConfig>('GET', '/api/config')).body;
      expect(config.mapTilesStyleUrl).toBeNull();
      expect(config.mapNightStyleUrl).toContain('darkmode__webmercatorquad');
      expect((await t.hub.app.inject({ method: 'GET', url: '/map/style.json' })).statusCode).toBe(404);
      const tile = await t.hub.app.inject({ method: 'GET', url: '/tiles/14/8000/5000.pbf' });
      expect(tile.statusCode).toBe(404);
      const csp = String(tile.headers['content-security-policy']);
      expect(csp).toContain("connect-src 'self' ws://127.0.0.1:");
      expect(csp).toMatch(/connect-src [^;]*https:\/\/api\.pdok\.nl/);
      expect(csp).toMatch(/img-src [^;]*https:\/\/api\.pdok\.nl/);
    } finally {
      await t.stop();
    }
  });

  it('refuses to start with a file that is no MBTiles, naming the setting', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meldkamer-basemap-'));
    const file = join(dir, 'not-tiles.mbtiles');
    writeFileSync(file, 'this is not SQLite');
    const config = loadConfig({ MELDKAMER_MAP_TILES: file }, { dataDir: dir });
    expect(() => loadBasemap(config)).toThrow(/MELDKAMER_MAP_TILES=.*not-tiles\.mbtiles/);
  });
});
