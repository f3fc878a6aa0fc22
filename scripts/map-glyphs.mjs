// SDF glyph ranges (MapLibre's `glyphs` PBFs) from a TrueType font, in plain JavaScript: opentype.js gives the
// outlines, the signed distance is measured to the flattened outline itself (no canvas, no native fontnik).
// Same encoding as fontnik and tiny-sdf: 24 px em, 3 px buffer, radius 8, cutoff 0.25 (edge at 192).
import { readFileSync } from 'node:fs';
import opentype from 'opentype.js';
import { PbfWriter } from 'pbf';

const SIZE = 24;
const BUFFER = 3;
const RADIUS = 8;
const CUTOFF = 0.25;

/** Outline of a glyph at SIZE px as closed polylines, y pointing down, baseline at y = 0. */
function outline(glyph) {
  const rings = [];
  let ring = [];
  let x = 0;
  let y = 0;
  const close = () => {
    if (ring.length > 2) rings.push(ring);
    ring = [];
  };
  for (const c of glyph.getPath(0, 0, SIZE).commands) {
    if (c.type === 'M') {
      close();
      ring.push([c.x, c.y]);
    } else if (c.type === 'L') {
      ring.push([c.x, c.y]);
    } else if (c.type === 'Q') {
      for (let i = 1; i <= 8; i++) {
        const t = i / 8;
        const u = 1 - t;
        ring.push([u * u * x + 2 * u * t * c.x1 + t * t * c.x, u * u * y + 2 * u * t * c.y1 + t * t * c.y]);
      }
    } else if (c.type === 'C') {
      for (let i = 1; i <= 10; i++) {
        const t = i / 10;
        const u = 1 - t;
        ring.push([
          u * u * u * x + 3 * u * u * t * c.x1 + 3 * u * t * t * c.x2 + t * t * t * c.x,
          u * u * u * y + 3 * u * u * t * c.y1 + 3 * u * t * t * c.y2 + t * t * t * c.y,
        ]);
      }
    } else if (c.type === 'Z') {
      close();
    }
    if (c.x !== undefined) [x, y] = [c.x, c.y];
  }
  close();
  return rings;
}

function segmentDistance(px, py, ax, ay, bx, by) {
  const dx = bx - ax;
  const dy = by - ay;
  const length = dx * dx + dy * dy;
  const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length));
  const ex = ax + t * dx - px;
  const ey = ay + t * dy - py;
  return Math.sqrt(ex * ex + ey * ey);
}

/** Non-zero winding: TrueType outlines wind one way for ink and the other for holes. */
function winding(px, py, rings) {
  let w = 0;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [ax, ay] = ring[j];
      const [bx, by] = ring[i];
      if (ay <= py) {
        if (by > py && (bx - ax) * (py - ay) - (px - ax) * (by - ay) > 0) w++;
      } else if (by <= py && (bx - ax) * (py - ay) - (px - ax) * (by - ay) < 0) w--;
    }
  }
  return w;
}

/** One glyph's metrics and SDF bitmap, or null when the font has no glyph for the code point. */
export function sdfGlyph(font, codePoint) {
  const glyph = font.charToGlyph(String.fromCodePoint(codePoint));
  if (!glyph || glyph.index === 0) return null;
  const advance = Math.round(((glyph.advanceWidth ?? 0) * SIZE) / font.unitsPerEm);
  const rings = outline(glyph);
  const ascender = Math.round((font.ascender * SIZE) / font.unitsPerEm);
  if (rings.length === 0) return { id: codePoint, width: 0, height: 0, left: 0, top: -ascender, advance, bitmap: null };
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of rings) {
    for (const [x, y] of ring) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  }
  const left = Math.floor(minX);
  const upper = Math.floor(minY);
  const width = Math.ceil(maxX) - left;
  const height = Math.ceil(maxY) - upper;
  const w = width + 2 * BUFFER;
  const h = height + 2 * BUFFER;
  const bitmap = new Uint8Array(w * h);
  for (let j = 0; j < h; j++) {
    const py = upper - BUFFER + j + 0.5;
    for (let i = 0; i < w; i++) {
      const px = left - BUFFER + i + 0.5;
      let d = Infinity;
      for (const ring of rings) {
        for (let k = 0, m = ring.length - 1; k < ring.length; m = k++) {
          d = Math.min(d, segmentDistance(px, py, ring[m][0], ring[m][1], ring[k][0], ring[k][1]));
        }
      }
      const signed = winding(px, py, rings) !== 0 ? -d : d;
      bitmap[j * w + i] = Math.max(0, Math.min(255, Math.round(255 - 255 * (signed / RADIUS + CUTOFF))));
    }
  }
  // fontnik's `top` counts from the ascender line, not the baseline; MapLibre's shaping expects that.
  return { id: codePoint, width, height, left, top: -upper - ascender, advance, bitmap };
}

/** The glyphs PBF of one 256-code-point range (`start` a multiple of 256) for a font stack name. */
export function glyphRangePbf(font, fontstack, start) {
  const glyphs = [];
  for (let cp = start; cp < start + 256; cp++) {
    const g = sdfGlyph(font, cp);
    if (g) glyphs.push(g);
  }
  const pbf = new PbfWriter();
  pbf.writeMessage(1, (_, p) => {
    p.writeStringField(1, fontstack);
    p.writeStringField(2, `${start}-${start + 255}`);
    for (const g of glyphs) {
      p.writeMessage(3, (__, q) => {
        q.writeVarintField(1, g.id);
        if (g.bitmap) q.writeBytesField(2, g.bitmap);
        q.writeVarintField(3, g.width);
        q.writeVarintField(4, g.height);
        q.writeSVarintField(5, g.left);
        q.writeSVarintField(6, g.top);
        q.writeVarintField(7, g.advance);
      });
    }
  });
  return { bytes: pbf.finish(), count: glyphs.length };
}

export function loadFont(path) {
  const bytes = readFileSync(path);
  return opentype.parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
}
