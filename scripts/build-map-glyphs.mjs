// Builds the offline basemap's label glyphs into resources/map/glyphs/{fontstack}/{range}.pbf from Debian's
// DejaVu fonts (fonts-dejavu-core, /usr/share/fonts/truetype/dejavu; Bitstream Vera licence, free to redistribute).
// Run: node scripts/build-map-glyphs.mjs [font directory]. The output is committed, so the hub needs no font.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { glyphRangePbf, loadFont } from './map-glyphs.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const fontDir = process.argv[2] ?? '/usr/share/fonts/truetype/dejavu';
const FONTS = { 'DejaVu Sans': 'DejaVuSans.ttf' };
// Latin-1, Latin Extended-A/B, general punctuation (dashes, quotes): Dutch names and more.
const RANGES = [0, 256, 512, 8192];

for (const [fontstack, file] of Object.entries(FONTS)) {
  const font = loadFont(join(fontDir, file));
  const out = join(root, 'resources/map/glyphs', fontstack);
  mkdirSync(out, { recursive: true });
  for (const start of RANGES) {
    const { bytes, count } = glyphRangePbf(font, fontstack, start);
    writeFileSync(join(out, `${start}-${start + 255}.pbf`), bytes);
    console.log(`${fontstack} ${start}-${start + 255}: ${count} glyphs, ${bytes.length} bytes`);
  }
}
