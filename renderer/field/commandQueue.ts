/**
 * Sends the offline queue (queue.ts) to the hub: strictly in order, one at a time, each with its
 * commandId. A lost ack or a dropped connection leaves the command at the head; it goes again later with
 * the same commandId and the hub applies it once. A finding's photo is uploaded just before the finding.
 */
import type { Socket } from 'socket.io-client';
import type { ApiError } from '../../server/protocol/common';
import type { Alert, Unit } from '../../server/protocol/dispatch';
import type { Report } from '../../server/protocol/report';
import type { FieldClientToServer, FieldServerToClient } from '../../server/protocol/socket';
import { resolutionBody } from '../shared/resolution/draft';
import type { CommandOutcome, SnapshotStore } from './fieldSnapshot';
import type { NoticeBoard } from './notices';
import { deletePhoto, loadPhoto, photoKey, uploadPhoto } from './photos';
import { type QueuedCommand, type QueuedPhoto, saveQueue } from './queue';

export type FieldSocket = Socket<FieldServerToClient, FieldClientToServer>;

/** How long a failed send waits before the queue is tried again. */
const RETRY_MS = 3000;

export interface CommandQueueOptions {
  store: SnapshotStore;
  socket: FieldSocket;
  notices: NoticeBoard;
  userId: string;
  origin: string;
  token: string;
  ackTimeoutMs: number;
  onSessionLost: (reason: 'unauthenticated') => void;
  /** The hub applied a status change (its unit) or a finding (its report). */
  onUnit: (unit: Unit) => void;
  onReport: (report: Report) => void;
}

type Ack = { ok: true; data: unknown } | { ok: false; error: ApiError };

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class CommandQueue {
  private flushing = false;
  private stopped = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly opts: CommandQueueOptions) {}

  private get queue(): readonly QueuedCommand[] {
    return this.opts.store.get().queue;
  }

  private setQueue(queue: QueuedCommand[]): void {
    saveQueue(this.opts.userId, queue);
    this.opts.store.update({ queue });
  }

  enqueue(item: QueuedCommand): void {
    this.setQueue([...this.queue, item]);
    void this.flush();
  }

  /** The emergency alert jumps the queue: it goes right after a command already in flight. */
  enqueueFirst(item: QueuedCommand): void {
    const queue = [...this.queue];
    queue.splice(this.flushing && queue.length > 0 ? 1 : 0, 0, item);
    this.setQueue(queue);
    void this.flush();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retryTimer);
  }

  /** Sends the queue in order while connected; stops at the first command that must be retried. */
  async flush(): Promise<void> {
    const { store, socket } = this.opts;
    if (this.flushing || this.stopped || !store.get().loaded) return;
    this.flushing = true;
    store.update({ sending: true });
    try {
      while (socket.connected && !this.stopped) {
        const item = this.queue[0];
        if (!item) break;
        if (!(await this.send(item))) {
          clearTimeout(this.retryTimer);
          this.retryTimer = setTimeout(() => void this.flush(), RETRY_MS);
          break;
        }
      }
    } finally {
      this.flushing = false;
      if (!this.stopped) store.update({ sending: false });
    }
  }

  private finish(item: QueuedCommand, outcome: CommandOutcome): void {
    this.opts.notices.dismissFor(item.commandId);
    this.setQueue(this.queue.filter((q) => q.commandId !== item.commandId));
    const { outcomes } = this.opts.store.get();
    this.opts.store.update({ outcomes: { ...outcomes, [item.commandId]: outcome } });
  }

  /** One queued command; false when it has to be sent again later (no answer, no network). */
  private async send(item: QueuedCommand): Promise<boolean> {
    let ack: Ack;
    try {
      if (item.kind === 'finding') {
        const photos = await this.uploadPhotosOf(item);
        if (photos === 'retry') return false;
        if (photos === 'refused') return true;
        ack = await this.emit(item, photos);
      } else {
        ack = await this.emit(item);
      }
    } catch (err) {
      // Ack timeout or disconnect: the hub may or may not have applied it; the same commandId settles that.
      console.warn(`queued ${item.kind} not acknowledged, will retry`, messageOf(err));
      return false;
    }
    const at = new Date().toISOString();
    const { notices } = this.opts;
    if (!ack.ok) {
      this.finish(item, { status: 'refused', at, error: ack.error });
      if (item.kind === 'finding') {
        // Field errors are shown in the form (reopened with the typed values); anything else needs a notice.
        if (!ack.error.fields || Object.keys(ack.error.fields).length === 0) {
          notices.notify('error', 'finding.refused', { number: item.reportNumber, message: ack.error.text ?? ack.error.message });
        }
      } else if (item.kind === 'status') {
        notices.notify('error', 'queue.refused', { message: ack.error.text ?? ack.error.message });
      } else if (item.kind === 'take') {
        notices.notify('error', 'worklist.refused', { number: item.reportNumber, message: ack.error.text ?? ack.error.message });
      }
      return true;
    }
    if (item.kind === 'status') this.opts.onUnit(ack.data as Unit);
    if (item.kind === 'take') notices.notify('info', 'worklist.taken', { number: item.reportNumber });
    if (item.kind === 'finding') {
      this.opts.onReport(ack.data as Report);
      for (let i = 0; i < Math.max(1, findingPhotos(item).length); i++) void deletePhoto(photoKey(item.commandId, i));
      notices.notify('info', 'finding.sent', { number: item.reportNumber });
    }
    this.finish(item, { status: 'applied', at, result: ack.data as Unit | Report | Alert });
    return true;
  }

  private emit(item: QueuedCommand, photos: SentPhoto[] = []): Promise<Ack> {
    const socket = this.opts.socket.timeout(this.opts.ackTimeoutMs);
    const position = 'position' in item && item.position ? { position: item.position } : {};
    switch (item.kind) {
      case 'status':
        return socket.emitWithAck('unit:status', { commandId: item.commandId, status: item.status, ...position });
      case 'emergency':
        return socket.emitWithAck('emergency', { commandId: item.commandId, ...position });
      case 'take':
        return socket.emitWithAck('worklist:take', { commandId: item.commandId, reportId: item.reportId });
      case 'finding': {
        // Marked photos as `photos`; an unmarked one (queued by an older version) as `photoId`.
        const marked = photos.flatMap((p) => (p.kind ? [{ photoId: p.photoId, kind: p.kind }] : []));
        const unmarked = photos.find((p) => !p.kind);
        return socket.emitWithAck('finding:submit', {
          commandId: item.commandId,
          reportId: item.reportId,
          resolution: resolutionBody(item.draft),
          ...(marked.length > 0 ? { photos: marked } : {}),
          ...(unmarked ? { photoId: unmarked.photoId } : {}),
        });
      }
    }
  }

  /**
   * The finding's photos with their ids: each uploaded first if needed (one after another; an uploaded one keeps its id
   * in the queue, so a replay does not upload it again). 'retry' on network trouble, 'refused' when the hub refused one.
   */
  private async uploadPhotosOf(item: Extract<QueuedCommand, { kind: 'finding' }>): Promise<SentPhoto[] | 'retry' | 'refused'> {
    const sent: SentPhoto[] = [];
    const photos = findingPhotos(item);
    for (const [index, photo] of photos.entries()) {
      if (photo.photoId) {
        sent.push({ photoId: photo.photoId, kind: photo.kind });
        continue;
      }
      const blob = await loadPhoto(photoKey(item.commandId, index));
      if (!blob) {
        // The bytes are gone (storage cleared): send the finding without this photo rather than not at all.
        console.warn('photo for queued finding is no longer stored; sending the finding without it');
        continue;
      }
      const result = await uploadPhoto(this.opts.origin, this.opts.token, item.reportId, blob);
      if (result.ok) {
        const uploaded = photos.map((p, i) => (i === index ? { ...p, photoId: result.photoId } : p));
        const current = this.queue.find((q) => q.commandId === item.commandId);
        if (current?.kind === 'finding') {
          const updated = item.photos ? { ...current, photos: uploaded } : { ...current, ...(uploaded[0] ? { photo: uploaded[0] } : {}) };
          this.setQueue(this.queue.map((q) => (q.commandId === item.commandId ? updated : q)));
        }
        sent.push({ photoId: result.photoId, kind: photo.kind });
        continue;
      }
      if (result.retry) return 'retry';
      if (result.status === 401) {
        this.opts.onSessionLost('unauthenticated');
        return 'retry';
      }
      const photoText = result.error.fieldTexts?.photo ?? result.error.text;
      const error: ApiError = {
        ...result.error,
        fields: { photo: result.error.fields?.photo ?? result.error.message, ...result.error.fields },
        ...(photoText ? { fieldTexts: { photo: photoText, ...result.error.fieldTexts } } : {}),
      };
      // Shown next to the photo field in the form, which reopens with the typed values.
      this.finish(item, { status: 'refused', at: new Date().toISOString(), error });
      return 'refused';
    }
    return sent;
  }
}

/** A photo as sent with the finding: its id from the upload and its mark (none: queued by an older version). */
interface SentPhoto {
  photoId: string;
  kind: QueuedPhoto['kind'];
}

/** A queued finding's photos: `photos`, or the one `photo` an older version queued. */
function findingPhotos(item: Extract<QueuedCommand, { kind: 'finding' }>): QueuedPhoto[] {
  return item.photos ?? (item.photo ? [item.photo] : []);
}
