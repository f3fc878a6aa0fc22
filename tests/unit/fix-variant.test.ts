import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { blockSize, MAX_SIDE, makeFixVariant, rectInside } from '../../server/images/fix-variant';

/** A 120×80 PNG: a smooth gradient on the left half, a 1-pixel black-and-white checkerboard (the "face") on the right. */
function testImage(width = 120, height = 80): Uint8Array {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const v = x < width / 2 ? Math.round((x / width) * 200) + 20 : (x + y) % 2 === 0 ? 0 : 255;
      png.data[i] = v;
      png.data[i + 1] = v;
      png.data[i + 2] = v;
      png.data[i + 3] = 255;
    }
  }
  return new Uint8Array(PNG.sync.write(png));
}

function stats(image: { width: number; data: Uint8Array }, rect: { x: number; y: number; width: number; height: number }) {
  const values: number[] = [];
  for (let y = rect.y; y < rect.y + rect.height; y++) for (let x = rect.x; x < rect.x + rect.width; x++) values.push(image.data[(y * image.width + x) * 4] ?? 0);
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const sd = Math.sqrt(values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length);
  return { mean, sd };
}

describe('the approved variant of a photo of the fix', () => {
  it('makes a blur rectangle unreadable (no fine detail left) and leaves the rest as it was', () => {
    const out = makeFixVariant(testImage(), 'image/png', { crop: null, blurs: [{ x: 70, y: 10, width: 40, height: 40 }] });
    expect(out.type).toBe('image/jpeg');
    expect([out.width, out.height]).toEqual([120, 80]);
    const decoded = jpeg.decode(out.bytes, { useTArray: true });
    // The checkerboard has a standard deviation of 127.5; inside the blur (away from its edge) almost nothing is left.
    expect(stats(decoded, { x: 74, y: 14, width: 32, height: 32 }).sd).toBeLessThan(12);
    // Outside the blur the checkerboard is still there.
    expect(stats(decoded, { x: 64, y: 60, width: 50, height: 15 }).sd).toBeGreaterThan(60);
    // The gradient on the left keeps its values (JPEG within a few levels).
    const left = stats(decoded, { x: 10, y: 10, width: 1, height: 60 });
    expect(Math.abs(left.mean - (Math.round((10 / 120) * 200) + 20))).toBeLessThan(6);
  });

  it('crops to the rectangle after blurring, so a blur reaching past the crop still covers what remains', () => {
    const out = makeFixVariant(testImage(), 'image/png', { crop: { x: 50, y: 20, width: 40, height: 30 }, blurs: [{ x: 70, y: 0, width: 50, height: 80 }] });
    expect([out.width, out.height]).toEqual([40, 30]);
    const decoded = jpeg.decode(out.bytes, { useTArray: true });
    expect(stats(decoded, { x: 24, y: 4, width: 14, height: 22 }).sd).toBeLessThan(15);
  });

  it('scales a variant larger than MAX_SIDE down, keeping its proportions', () => {
    const out = makeFixVariant(testImage(2000, 100), 'image/png', { crop: null, blurs: [] });
    expect([out.width, out.height]).toEqual([MAX_SIDE, 80]);
  });

  it('blocks grow with the rectangle; rectangles must lie inside the image in whole pixels', () => {
    expect(blockSize({ x: 0, y: 0, width: 20, height: 20 })).toBe(8);
    expect(blockSize({ x: 0, y: 0, width: 600, height: 120 })).toBe(100);
    const size = { width: 100, height: 50 };
    expect(rectInside({ x: 0, y: 0, width: 100, height: 50 }, size)).toBe(true);
    expect(rectInside({ x: 1, y: 0, width: 100, height: 50 }, size)).toBe(false);
    expect(rectInside({ x: 0, y: 0, width: 0, height: 5 }, size)).toBe(false);
    expect(rectInside({ x: 0.5, y: 0, width: 5, height: 5 }, size)).toBe(false);
    expect(rectInside({ x: -1, y: 0, width: 5, height: 5 }, size)).toBe(false);
  });
});
