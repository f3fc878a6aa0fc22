import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PbfReader } from 'pbf';
import { describe, expect, it } from 'vitest';
import { GLYPHS_DIR } from '../../server/map/basemap-config';
import { glyphStore } from '../../server/map/glyphs';

interface Glyph {
  id: number;
  bitmap: Uint8Array | null;
  width: number;
  height: number;
  left: number;
  top: number;
  advance: number;
}

/** Reads a glyphs PBF (MapLibre's glyphs.proto: fontstack { name, range, glyph* }). */
function readGlyphs(bytes: Uint8Array): { name: string; range: string; glyphs: Glyph[] } {
  const stack = { name: '', range: '', glyphs: [] as Glyph[] };
  new PbfReader(bytes).readFields((tag, _, pbf) => {
    if (tag !== 1 || !pbf) return;
    pbf.readMessage((t, __, p) => {
      if (!p) return;
      if (t === 1) stack.name = p.readString();
      else if (t === 2) stack.range = p.readString();
      else if (t === 3) {
        const g: Glyph = { id: 0, bitmap: null, width: 0, height: 0, left: 0, top: 0, advance: 0 };
        p.readMessage((f, ___, q) => {
          if (!q) return;
          if (f === 1) g.id = q.readVarint();
          else if (f === 2) g.bitmap = q.readBytes();
          else if (f === 3) g.width = q.readVarint();
          else if (f === 4) g.height = q.readVarint();
          else if (f === 5) g.left = q.readSVarint();
          else if (f === 6) g.top = q.readSVarint();
          else if (f === 7) g.advance = q.readVarint();
        }, g);
        stack.glyphs.push(g);
      }
    }, stack);
  }, stack);
  return stack;
}

describe('the offline basemap glyphs (DejaVu Sans, built by scripts/build-map-glyphs.mjs)', () => {
  const latin = readGlyphs(readFileSync(join(GLYPHS_DIR, 'DejaVu Sans', '0-255.pbf')));
  const glyph = (ch: string) => latin.glyphs.find((g) => g.id === ch.codePointAt(0));

  it('names its font and range and holds the letters of Dutch street names', () => {
    expect([latin.name, latin.range]).toEqual(['DejaVu Sans', '0-255']);
    for (const ch of 'AZaz09éëïöü-\'') expect(glyph(ch), ch).toBeDefined();
  });

  it('has 24 px metrics and an SDF bitmap with a 3 px border, the edge at 192 as MapLibre reads it', () => {
    const a = glyph('H') as Glyph;
    expect(a.width).toBeGreaterThan(10);
    expect(a.height).toBeGreaterThan(14);
    expect(a.advance).toBeGreaterThanOrEqual(15);
    expect(a.advance).toBeLessThanOrEqual(20);
    expect(a.bitmap?.length).toBe((a.width + 6) * (a.height + 6));
    const w = a.width + 6;
    // A corner of the border is outside the glyph (below the edge at 192, falling with the distance: radius 8 px),
    // a point on H's left stem inside (above it).
    expect(a.bitmap?.[0]).toBeLessThan(100);
    expect(a.bitmap?.[Math.floor((a.height + 6) / 2) * w + 5]).toBeGreaterThan(192);
    const space = glyph(' ') as Glyph;
    expect([space.width, space.height, space.bitmap]).toEqual([0, 0, null]);
    expect(space.advance).toBeGreaterThan(5);
  });

  it('answers per font stack and range', () => {
    const store = glyphStore(GLYPHS_DIR);
    expect(store.range('DejaVu Sans', '0-255')).toBeInstanceOf(Buffer);
    expect(store.range('Open Sans Regular,DejaVu Sans', '8192-8447')).toBeInstanceOf(Buffer);
    expect(store.range('DejaVu Sans', '19968-20223')).toBe('missing-range');
    expect(store.range('Open Sans Regular', '0-255')).toBe('missing-font');
    expect(store.range('..', '0-255')).toBe('missing-font');
    expect(store.range('DejaVu Sans', '0-511')).toBe('bad-range');
  });
});
