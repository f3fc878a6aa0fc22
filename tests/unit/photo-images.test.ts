import jpeg from 'jpeg-js';
import { describe, expect, it } from 'vitest';
import { jpegOrientation } from '../../server/images/exif-orientation';
import { ImagePool } from '../../server/images/image-pool';
import { applyOrientation } from '../../server/images/orient';
import { ImageRefused, reencodeImage } from '../../server/images/reencode';
import { EXIF_MARKER, fakeJpeg, hugePngHeader, jpegPhoto, jpegWithPassengers, pngPhoto, SCRIPT } from '../support/photos';

/** A 3 × 2 image whose pixels are numbered 0..5 (in the red byte), row by row. */
const numbered = { width: 3, height: 2, data: new Uint8Array([0, 1, 2, 3, 4, 5].flatMap((n) => [n, 0, 0, 255])) };
const order = (image: { data: Uint8Array }) => [...image.data].filter((_, i) => i % 4 === 0);

describe('photo images', () => {
  it('reads the EXIF orientation of a JPEG, and 1 when there is none', () => {
    expect(jpegOrientation(jpegWithPassengers({ orientation: 6 }))).toBe(6);
    expect(jpegOrientation(jpegWithPassengers({ orientation: 3 }))).toBe(3);
    expect(jpegOrientation(jpegPhoto())).toBe(1);
    expect(jpegOrientation(fakeJpeg())).toBe(1);
  });

  it('turns and mirrors the pixels as each orientation says', () => {
    // 0 1 2      orientation 6 (turn right):  3 0      orientation 8 (turn left):  2 5
    // 3 4 5                                   4 1                                  1 4
    //                                         5 2                                  0 3
    expect(order(applyOrientation(numbered, 6))).toEqual([3, 0, 4, 1, 5, 2]);
    expect(order(applyOrientation(numbered, 8))).toEqual([2, 5, 1, 4, 0, 3]);
    expect(order(applyOrientation(numbered, 3))).toEqual([5, 4, 3, 2, 1, 0]);
    expect(order(applyOrientation(numbered, 2))).toEqual([2, 1, 0, 5, 4, 3]);
    expect(order(applyOrientation(numbered, 4))).toEqual([3, 4, 5, 0, 1, 2]);
    expect(order(applyOrientation(numbered, 5))).toEqual([0, 3, 1, 4, 2, 5]);
    expect(order(applyOrientation(numbered, 7))).toEqual([5, 2, 4, 1, 3, 0]);
    expect([applyOrientation(numbered, 6).width, applyOrientation(numbered, 6).height]).toEqual([2, 3]);
  });

  it('keeps only pixels: no EXIF, no comment, no script', () => {
    const out = reencodeImage(jpegWithPassengers({ width: 30, height: 20 }), 'image/jpeg');
    const text = Buffer.from(out.bytes).toString('latin1');
    expect(text).not.toContain(SCRIPT);
    expect(text).not.toContain(EXIF_MARKER);
    expect([out.width, out.height]).toEqual([30, 20]);
    expect(jpeg.decode(out.bytes).width).toBe(30);
    expect(reencodeImage(pngPhoto(7, 5), 'image/png')).toMatchObject({ type: 'image/png', width: 7, height: 5 });
  });

  it('refuses what is no image of its type, and too many pixels before decoding them', () => {
    const reason = (f: () => unknown) => {
      try {
        f();
        return null;
      } catch (err) {
        return err instanceof ImageRefused ? err.reason : String(err);
      }
    };
    expect(reason(() => reencodeImage(fakeJpeg(), 'image/jpeg'))).toBe('unreadable');
    expect(reason(() => reencodeImage(pngPhoto(), 'image/jpeg'))).toBe('unreadable');
    expect(reason(() => reencodeImage(jpegPhoto(), 'image/png'))).toBe('unreadable');
    expect(reason(() => reencodeImage(hugePngHeader(), 'image/png'))).toBe('too_many_pixels');
    expect(reason(() => reencodeImage(jpegPhoto(64, 64), 'image/jpeg', { maxPixels: 1000 }))).toBe('too_many_pixels');
  });

  it('re-encodes on a worker thread and passes refusals back', async () => {
    const pool = new ImagePool();
    try {
      const [a, b] = await Promise.all([pool.reencode(jpegPhoto(16, 8), 'image/jpeg'), pool.reencode(pngPhoto(4, 4), 'image/png')]);
      expect([a.type, a.width, a.height, b.type, b.width]).toEqual(['image/jpeg', 16, 8, 'image/png', 4]);
      await expect(pool.reencode(fakeJpeg(), 'image/jpeg')).rejects.toBeInstanceOf(ImageRefused);
    } finally {
      await pool.close();
    }
    await expect(pool.reencode(jpegPhoto(), 'image/jpeg')).rejects.toThrow(/closed/);
  });
});
