import jpeg from 'jpeg-js';
import type { Rgba } from './orient';
import { DEFAULT_IMAGE_LIMITS, decodeImage, type ImageLimits, type ImageType, type ReencodedImage } from './reencode';

/**
 * The approved, public variant of a photo of the fix (issue 15): the dispatcher's blur rectangles (faces, number
 * plates) made unrecognisable, then the crop, then written as a new JPEG. Pure and synchronous; the hub runs it on
 * the image worker (image-pool.ts). The original is never changed.
 *
 * Rules:
 * - Rectangles are in the original's pixels (integers, inside the image; commands/photos.ts refuses anything else).
 * - A blur rectangle becomes a coarse mosaic (blocks of max(8, ⌈longest side / 6⌉) pixels, each the average of its
 *   pixels), smoothed with one box blur of half a block: no detail smaller than a block survives, so a face or a
 *   plate cannot be read back, and it still looks like a blur rather than a black box.
 * - Blurs are applied before the crop, so a blur that reaches past the crop still covers what remains.
 * - Transparent PNG pixels are laid on white (JPEG has no alpha).
 * - The variant keeps the crop's size, unless its longest side exceeds MAX_SIDE: then it is scaled down (area
 *   average) to MAX_SIDE, for a status page that loads on a phone.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface FixEdit {
  crop: Rect | null;
  blurs: Rect[];
}

export const MAX_SIDE = 1600;
const JPEG_QUALITY = 85;

export function makeFixVariant(bytes: Uint8Array, type: ImageType, edit: FixEdit, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): ReencodedImage {
  const image = decodeImage(bytes, type, limits);
  flattenAlpha(image);
  for (const rect of edit.blurs) blurRect(image, clampRect(rect, image));
  const cropped = edit.crop ? crop(image, clampRect(edit.crop, image)) : image;
  const out = scaleToFit(cropped, MAX_SIDE);
  const encoded = jpeg.encode({ width: out.width, height: out.height, data: out.data }, JPEG_QUALITY);
  return { type: 'image/jpeg', bytes: new Uint8Array(encoded.data), width: out.width, height: out.height };
}

/** Whether a rectangle lies inside an image of this size with at least one pixel. */
export function rectInside(rect: Rect, size: { width: number; height: number }): boolean {
  return (
    [rect.x, rect.y, rect.width, rect.height].every(Number.isInteger) &&
    rect.x >= 0 &&
    rect.y >= 0 &&
    rect.width >= 1 &&
    rect.height >= 1 &&
    rect.x + rect.width <= size.width &&
    rect.y + rect.height <= size.height
  );
}

function clampRect(rect: Rect, image: Rgba): Rect {
  const x = Math.max(0, Math.min(image.width - 1, Math.floor(rect.x)));
  const y = Math.max(0, Math.min(image.height - 1, Math.floor(rect.y)));
  const width = Math.max(1, Math.min(image.width - x, Math.floor(rect.width)));
  const height = Math.max(1, Math.min(image.height - y, Math.floor(rect.height)));
  return { x, y, width, height };
}

function flattenAlpha(image: Rgba): void {
  const d = image.data;
  for (let i = 0; i < d.length; i += 4) {
    const a = d[i + 3] ?? 255;
    if (a === 255) continue;
    for (let c = 0; c < 3; c++) d[i + c] = Math.round(((d[i + c] ?? 0) * a + 255 * (255 - a)) / 255);
    d[i + 3] = 255;
  }
}

/** The mosaic block size for a rectangle. */
export function blockSize(rect: Rect): number {
  return Math.max(8, Math.ceil(Math.max(rect.width, rect.height) / 6));
}

function blurRect(image: Rgba, rect: Rect): void {
  const { data, width } = image;
  const block = blockSize(rect);
  // Mosaic: every block the average of its pixels.
  for (let by = rect.y; by < rect.y + rect.height; by += block) {
    for (let bx = rect.x; bx < rect.x + rect.width; bx += block) {
      const x1 = Math.min(bx + block, rect.x + rect.width);
      const y1 = Math.min(by + block, rect.y + rect.height);
      const sum = [0, 0, 0];
      let n = 0;
      for (let y = by; y < y1; y++) {
        for (let x = bx; x < x1; x++) {
          const i = (y * width + x) * 4;
          sum[0] = (sum[0] ?? 0) + (data[i] ?? 0);
          sum[1] = (sum[1] ?? 0) + (data[i + 1] ?? 0);
          sum[2] = (sum[2] ?? 0) + (data[i + 2] ?? 0);
          n++;
        }
      }
      const avg = sum.map((s) => Math.round(s / n));
      for (let y = by; y < y1; y++) {
        for (let x = bx; x < x1; x++) {
          const i = (y * width + x) * 4;
          data[i] = avg[0] ?? 0;
          data[i + 1] = avg[1] ?? 0;
          data[i + 2] = avg[2] ?? 0;
        }
      }
    }
  }
  boxBlur(image, rect, Math.max(1, Math.floor(block / 2)));
}

/** One horizontal and one vertical box blur of `radius`, inside the rectangle only (reading from inside it). */
function boxBlur(image: Rgba, rect: Rect, radius: number): void {
  const { data, width } = image;
  const pass = (horizontal: boolean) => {
    const lines = horizontal ? rect.height : rect.width;
    const length = horizontal ? rect.width : rect.height;
    const line = new Float64Array(length * 3);
    for (let l = 0; l < lines; l++) {
      const at = (k: number) => (horizontal ? ((rect.y + l) * width + rect.x + k) * 4 : ((rect.y + k) * width + rect.x + l) * 4);
      for (let k = 0; k < length; k++) {
        const i = at(k);
        line[k * 3] = data[i] ?? 0;
        line[k * 3 + 1] = data[i + 1] ?? 0;
        line[k * 3 + 2] = data[i + 2] ?? 0;
      }
      // Prefix sums: each pixel the mean of its window in constant time, whatever the radius.
      const prefix = new Float64Array((length + 1) * 3);
      for (let k = 0; k < length; k++) {
        for (let c = 0; c < 3; c++) prefix[(k + 1) * 3 + c] = (prefix[k * 3 + c] ?? 0) + (line[k * 3 + c] ?? 0);
      }
      for (let k = 0; k < length; k++) {
        const from = Math.max(0, k - radius);
        const to = Math.min(length - 1, k + radius);
        const i = at(k);
        for (let c = 0; c < 3; c++) {
          const s = (prefix[(to + 1) * 3 + c] ?? 0) - (prefix[from * 3 + c] ?? 0);
          data[i + c] = Math.round(s / (to - from + 1));
        }
      }
    }
  };
  pass(true);
  pass(false);
}

function crop(image: Rgba, rect: Rect): Rgba {
  const out = new Uint8Array(rect.width * rect.height * 4);
  for (let y = 0; y < rect.height; y++) {
    const from = ((rect.y + y) * image.width + rect.x) * 4;
    out.set(image.data.subarray(from, from + rect.width * 4), y * rect.width * 4);
  }
  return { width: rect.width, height: rect.height, data: out };
}

/** Scaled down by area average when the longest side is above `max`; otherwise as it is. */
function scaleToFit(image: Rgba, max: number): Rgba {
  const longest = Math.max(image.width, image.height);
  if (longest <= max) return image;
  const scale = max / longest;
  const w = Math.max(1, Math.round(image.width * scale));
  const h = Math.max(1, Math.round(image.height * scale));
  const out = new Uint8Array(w * h * 4);
  for (let y = 0; y < h; y++) {
    const sy0 = Math.floor((y * image.height) / h);
    const sy1 = Math.max(sy0 + 1, Math.floor(((y + 1) * image.height) / h));
    for (let x = 0; x < w; x++) {
      const sx0 = Math.floor((x * image.width) / w);
      const sx1 = Math.max(sx0 + 1, Math.floor(((x + 1) * image.width) / w));
      let r = 0;
      let g = 0;
      let b = 0;
      let n = 0;
      for (let sy = sy0; sy < sy1; sy++) {
        for (let sx = sx0; sx < sx1; sx++) {
          const i = (sy * image.width + sx) * 4;
          r += image.data[i] ?? 0;
          g += image.data[i + 1] ?? 0;
          b += image.data[i + 2] ?? 0;
          n++;
        }
      }
      const o = (y * w + x) * 4;
      out[o] = Math.round(r / n);
      out[o + 1] = Math.round(g / n);
      out[o + 2] = Math.round(b / n);
      out[o + 3] = 255;
    }
  }
  return { width: w, height: h, data: out };
}
