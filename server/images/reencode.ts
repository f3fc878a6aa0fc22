import jpeg from 'jpeg-js';
import { PNG } from 'pngjs';
import { jpegOrientation } from './exif-orientation';
import { applyOrientation, type Rgba } from './orient';

/**
 * Photos are decoded and written anew: what comes out is only pixels (no EXIF, GPS, comments,
 * text chunks or whatever else rode along, such as a script in a polyglot), in the type it came in.
 * Pure and synchronous (seconds for a 12 MP photo): the hub runs it in a worker (image-pool.ts).
 */
export type ImageType = 'image/jpeg' | 'image/png';

export const IMAGE_TYPES: readonly ImageType[] = ['image/jpeg', 'image/png'];

export interface ImageLimits {
  /** Refused above this many pixels (width × height): a small file must not decode to gigabytes. */
  maxPixels: number;
}

/** 40 megapixels: any phone camera's full-size photo, far below what would exhaust the hub's memory. */
export const DEFAULT_IMAGE_LIMITS: ImageLimits = { maxPixels: 40_000_000 };

export interface ReencodedImage {
  type: ImageType;
  bytes: Uint8Array;
  width: number;
  height: number;
}

export type ImageRefusal = 'unreadable' | 'too_many_pixels';

export class ImageRefused extends Error {
  constructor(readonly reason: ImageRefusal) {
    super(`image refused: ${reason}`);
  }
}

const JPEG_QUALITY = 85;

export function isImageType(type: string): type is ImageType {
  return (IMAGE_TYPES as readonly string[]).includes(type);
}

/** Decodes `bytes` as `type` and encodes the pixels again; throws ImageRefused for anything else. */
export function reencodeImage(bytes: Uint8Array, type: ImageType, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): ReencodedImage {
  return type === 'image/jpeg' ? reencodeJpeg(bytes, limits) : reencodePng(bytes, limits);
}

/** The pixels of `bytes` as RGBA (a JPEG turned upright by its EXIF orientation); throws ImageRefused. */
export function decodeImage(bytes: Uint8Array, type: ImageType, limits: ImageLimits = DEFAULT_IMAGE_LIMITS): Rgba {
  if (type === 'image/jpeg') return decodeJpeg(bytes, limits);
  const png = decodePng(bytes, limits);
  return { width: png.width, height: png.height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
}

function reencodeJpeg(bytes: Uint8Array, limits: ImageLimits): ReencodedImage {
  const upright = decodeJpeg(bytes, limits);
  const encoded = jpeg.encode({ width: upright.width, height: upright.height, data: upright.data }, JPEG_QUALITY);
  return { type: 'image/jpeg', bytes: new Uint8Array(encoded.data), width: upright.width, height: upright.height };
}

function decodeJpeg(bytes: Uint8Array, limits: ImageLimits): Rgba {
  if (!(bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff)) throw new ImageRefused('unreadable');
  let decoded: Rgba;
  try {
    decoded = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: true,
      // jpeg-js checks the frame header against these before it allocates the pixels.
      maxResolutionInMP: limits.maxPixels / 1_000_000,
      maxMemoryUsageInMB: Math.ceil((limits.maxPixels * 4 * 2) / 1_000_000) + 64,
    });
  } catch (err) {
    throw new ImageRefused(/maxResolutionInMP|maxMemoryUsage/i.test((err as Error).message ?? '') ? 'too_many_pixels' : 'unreadable');
  }
  checkPixels(decoded, limits);
  return applyOrientation(decoded, jpegOrientation(bytes));
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function reencodePng(bytes: Uint8Array, limits: ImageLimits): ReencodedImage {
  const decoded = decodePng(bytes, limits);
  const out = new PNG({ width: decoded.width, height: decoded.height });
  out.data = decoded.data;
  const encoded = PNG.sync.write(out, { colorType: 6 });
  return { type: 'image/png', bytes: new Uint8Array(encoded), width: decoded.width, height: decoded.height };
}

function decodePng(bytes: Uint8Array, limits: ImageLimits): PNG {
  if (!PNG_SIGNATURE.every((b, i) => bytes[i] === b) || bytes.length < 33) throw new ImageRefused('unreadable');
  // The IHDR chunk comes first: its size is known before anything is inflated.
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  checkPixels({ width: view.getUint32(16), height: view.getUint32(20) }, limits);
  let decoded: PNG;
  try {
    decoded = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  } catch {
    throw new ImageRefused('unreadable');
  }
  checkPixels(decoded, limits);
  return decoded;
}

function checkPixels(size: { width: number; height: number }, limits: ImageLimits): void {
  if (size.width < 1 || size.height < 1) throw new ImageRefused('unreadable');
  if (size.width * size.height > limits.maxPixels) throw new ImageRefused('too_many_pixels');
}
