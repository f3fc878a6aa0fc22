import { parentPort } from 'node:worker_threads';
import { type FixEdit, makeFixVariant } from './fix-variant';
import { ImageRefused, type ImageLimits, type ImageType, reencodeImage } from './reencode';

/**
 * The worker side of image-pool.ts: one job at a time, bytes in and out as transferred buffers. A job re-encodes an
 * upload, or (with `fix`) makes the approved public variant of a photo of the fix (fix-variant.ts).
 */
export interface ImageJob {
  id: number;
  bytes: Uint8Array;
  type: ImageType;
  limits: ImageLimits;
  fix?: FixEdit;
}

export type ImageJobResult =
  | { id: number; ok: true; type: ImageType; bytes: Uint8Array; width: number; height: number }
  | { id: number; ok: false; refused: ImageRefused['reason'] | null; message: string };

parentPort?.on('message', (job: ImageJob) => {
  try {
    const image = job.fix ? makeFixVariant(job.bytes, job.type, job.fix, job.limits) : reencodeImage(job.bytes, job.type, job.limits);
    const result: ImageJobResult = { id: job.id, ok: true, ...image };
    parentPort?.postMessage(result, [image.bytes.buffer as ArrayBuffer]);
  } catch (err) {
    const result: ImageJobResult = { id: job.id, ok: false, refused: err instanceof ImageRefused ? err.reason : null, message: (err as Error).message };
    parentPort?.postMessage(result);
  }
});
