/** Photos for the photo and retention tests: real JPEGs and PNGs, with and without things riding along. */
import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';

export const SCRIPT = '<script>alert(document.cookie)</script>';
/** Text that stands for the GPS position and camera in the photo's EXIF block. */
export const EXIF_MARKER = 'GPS 52.0799N 4.3113E Camera: Pixel';

function rgba(width: number, height: number): Buffer {
  const data = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    data[i * 4] = (i * 13) % 256;
    data[i * 4 + 1] = (i * 7) % 256;
    data[i * 4 + 2] = 128;
    data[i * 4 + 3] = 255;
  }
  return data;
}

export function jpegPhoto(width = 32, height = 24): Buffer {
  return Buffer.from(jpeg.encode({ width, height, data: rgba(width, height) }, 90).data);
}

export function pngPhoto(width = 20, height = 10): Buffer {
  const png = new PNG({ width, height });
  png.data = rgba(width, height);
  return PNG.sync.write(png);
}

function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.alloc(4);
  head[0] = 0xff;
  head[1] = marker;
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

/**
 * A JPEG that decodes, with a script in a comment segment and an EXIF block (orientation `orientation`,
 * plus the GPS marker text) after its start: what a polyglot or a phone photo carries along.
 */
export function jpegWithPassengers(options: { width?: number; height?: number; orientation?: number } = {}): Buffer {
  const clean = jpegPhoto(options.width, options.height);
  // TIFF, little-endian, one IFD entry: Orientation (0x0112) SHORT 1 = value; then the marker text.
  const tiff = Buffer.alloc(26);
  tiff.write('II', 0, 'latin1');
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(1, 8);
  tiff.writeUInt16LE(0x0112, 10);
  tiff.writeUInt16LE(3, 12);
  tiff.writeUInt32LE(1, 14);
  tiff.writeUInt16LE(options.orientation ?? 1, 18);
  tiff.writeUInt32LE(0, 22);
  const exif = segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), tiff, Buffer.from(EXIF_MARKER, 'latin1')]));
  const comment = segment(0xfe, Buffer.from(SCRIPT, 'latin1'));
  return Buffer.concat([clean.subarray(0, 2), exif, comment, clean.subarray(2)]);
}

/** Starts like a JPEG, is HTML: no image at all. */
export function fakeJpeg(): Buffer {
  return Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from(`<html><body>${SCRIPT}</body></html>`, 'latin1')]);
}

/** A PNG whose header claims 20000 × 20000 pixels (400 MP): a decompression bomb's first bytes. */
export function hugePngHeader(): Buffer {
  const png = pngPhoto(1, 1);
  const bomb = Buffer.from(png);
  bomb.writeUInt32BE(20_000, 16);
  bomb.writeUInt32BE(20_000, 20);
  return bomb;
}
