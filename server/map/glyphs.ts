import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * SDF glyph ranges of the offline basemap, built from DejaVu Sans by scripts/build-map-glyphs.mjs into
 * resources/map/glyphs/{fontstack}/{start}-{end}.pbf and read from there once, then kept in memory.
 */
export interface GlyphStore {
  /** The PBF of a range; `missing-font` for a font stack none of whose fonts is here, `missing-range` for a range not built. */
  range(fontstack: string, range: string): Buffer | 'missing-font' | 'missing-range' | 'bad-range';
}

const RANGE = /^(\d{1,5})-(\d{1,5})$/;

export function glyphStore(dir: string): GlyphStore {
  const cache = new Map<string, Buffer | null>();
  const fonts = (fontstack: string) =>
    fontstack
      .split(',')
      .map((f) => f.trim())
      // A font name is a folder name: nothing that climbs out of the glyph folder.
      .filter((f) => f !== '' && !/[/\\]|^\.\.?$/.test(f) && existsSync(join(dir, f)));
  return {
    range(fontstack, range) {
      const match = RANGE.exec(range);
      const start = Number(match?.[1]);
      if (!match || start % 256 !== 0 || Number(match[2]) !== start + 255 || start > 65280) return 'bad-range';
      // MapLibre asks for the whole `text-font` list; the first font of it that is here answers (no compositing).
      const font = fonts(fontstack)[0];
      if (!font) return 'missing-font';
      const key = `${font}/${range}`;
      if (!cache.has(key)) {
        const file = join(dir, font, `${range}.pbf`);
        cache.set(key, existsSync(file) ? readFileSync(file) : null);
      }
      return cache.get(key) ?? 'missing-range';
    },
  };
}
