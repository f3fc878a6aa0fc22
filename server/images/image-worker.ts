import { parentPort } from 'node:worker_threads';
import { ImageRefused, type ImageLimits, type ImageType, reencodeImage } from './reencode';

/** The worker side of image-pool.ts: one job at a time, bytes in and out as transferred buffers. */
export interface ImageJob {
  id: number;
  bytes: Uint8Array;
  type: ImageType;
  limits: ImageLimits;
}

export type ImageJobResult =
  | { id: number; ok: true; type: ImageType; bytes: Uint8Array; width: number; height: number }
  | { id: number; ok: false; refused: ImageRefused['reason'] | null; message: string };

parentPort?.on('message', (job: ImageJob) => {
  try {
    const image = reencodeImage(job.bytes, job.type, job.limits);
    const result: ImageJobResult = { id: job.id, ok: true, ...image };
    parentPort?.postMessage(result, [image.bytes.buffer as ArrayBuffer]);
  } catch (err) {
    const result: ImageJobResult = { id: job.id, ok: false, refused: err instanceof ImageRefused ? err.reason : null, message: (err as Error).message };
    parentPort?.postMessage(result);
  }
});
