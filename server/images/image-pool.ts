import { Worker } from 'node:worker_threads';
import type { FixEdit } from './fix-variant';
import type { ImageJob, ImageJobResult } from './image-worker';
import { DEFAULT_IMAGE_LIMITS, type ImageLimits, ImageRefused, type ImageType, type ReencodedImage } from './reencode';

/** The hub's worker bootstrap (tsx for TypeScript entries) and this pool's entry. */
const BOOT = new URL('../workers/boot.mjs', import.meta.url);
const ENTRY = new URL(`./image-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

/** How long an idle worker is kept before it is ended (its memory given back). */
const IDLE_MS = 30_000;

/**
 * Re-encodes photos on a worker thread, so a photo's seconds of decoding never hold up the hub's
 * event loop (alerts, positions, other requests). One worker, started on demand, jobs one after another.
 */
export class ImagePool {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (image: ReencodedImage) => void; reject: (err: Error) => void }>();
  private idleTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly limits: ImageLimits = DEFAULT_IMAGE_LIMITS) {}

  /** Resolves to the re-encoded image; rejects with ImageRefused when it is no image of its type or too large. */
  reencode(bytes: Uint8Array, type: ImageType): Promise<ReencodedImage> {
    return this.run(bytes, type);
  }

  /** The approved public variant of a stored photo: blurred, cropped, a new JPEG (fix-variant.ts). */
  fixVariant(bytes: Uint8Array, type: ImageType, fix: FixEdit): Promise<ReencodedImage> {
    return this.run(bytes, type, fix);
  }

  private run(bytes: Uint8Array, type: ImageType, fix?: FixEdit): Promise<ReencodedImage> {
    if (this.closed) return Promise.reject(new Error('image pool closed'));
    const worker = this.ensureWorker();
    const id = this.nextId++;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // A copy is transferred: the caller's buffer (the request body) stays usable.
      const copy = new Uint8Array(bytes);
      const job: ImageJob = { id, bytes: copy, type, limits: this.limits, ...(fix ? { fix } : {}) };
      worker.postMessage(job, [copy.buffer]);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.stopWorker(new Error('image pool closed'));
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(BOOT, { workerData: { entry: ENTRY.href } });
    worker.unref();
    worker.on('message', (result: ImageJobResult) => this.settle(result));
    worker.on('error', (err) => void this.stopWorker(err));
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = undefined;
      this.failAll(new Error('image worker stopped'));
    });
    this.worker = worker;
    return worker;
  }

  private settle(result: ImageJobResult): void {
    const job = this.pending.get(result.id);
    this.pending.delete(result.id);
    if (job) {
      if (result.ok) job.resolve({ type: result.type, bytes: result.bytes, width: result.width, height: result.height });
      else job.reject(result.refused ? new ImageRefused(result.refused) : new Error(result.message));
    }
    if (this.pending.size === 0 && !this.idleTimer) {
      this.idleTimer = setTimeout(() => void this.stopWorker(new Error('image worker idle')), IDLE_MS);
      this.idleTimer.unref();
    }
  }

  private failAll(err: Error): void {
    for (const job of this.pending.values()) job.reject(err);
    this.pending.clear();
  }

  private async stopWorker(err: Error): Promise<void> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const worker = this.worker;
    this.worker = undefined;
    this.failAll(err);
    if (worker) await worker.terminate();
  }
}
