import type { Orientation } from './exif-orientation';

export interface Rgba {
  width: number;
  height: number;
  /** 4 bytes per pixel, row by row. */
  data: Uint8Array;
}

/** The pixels as they are meant to be seen: turned and mirrored by the EXIF orientation. */
export function applyOrientation(image: Rgba, orientation: Orientation): Rgba {
  if (orientation === 1) return image;
  const { width: w, height: h, data } = image;
  const swaps = orientation >= 5;
  const outW = swaps ? h : w;
  const outH = swaps ? w : h;
  const out = new Uint8Array(data.length);
  // Where the output pixel (x, y) comes from in the stored image.
  const source: (x: number, y: number) => number = {
    1: (x: number, y: number) => y * w + x,
    2: (x: number, y: number) => y * w + (w - 1 - x),
    3: (x: number, y: number) => (h - 1 - y) * w + (w - 1 - x),
    4: (x: number, y: number) => (h - 1 - y) * w + x,
    5: (x: number, y: number) => x * w + y,
    6: (x: number, y: number) => (h - 1 - x) * w + y,
    7: (x: number, y: number) => (h - 1 - x) * w + (w - 1 - y),
    8: (x: number, y: number) => x * w + (w - 1 - y),
  }[orientation];
  let target = 0;
  for (let y = 0; y < outH; y++) {
    for (let x = 0; x < outW; x++) {
      const from = source(x, y) * 4;
      out[target] = data[from] ?? 0;
      out[target + 1] = data[from + 1] ?? 0;
      out[target + 2] = data[from + 2] ?? 0;
      out[target + 3] = data[from + 3] ?? 0;
      target += 4;
    }
  }
  return { width: outW, height: outH, data: out };
}
