/**
 * The field client's connection to the hub (`/field` namespace) and its local state: the unit, its
 * offers and assignment, the day's tasking, the offline queue, the latest position. No React: the UI
 * subscribes with useSyncExternalStore (see useFieldClient.ts).
 *
 * Rules:
 * - On every (re)connect: `field:state` first (snapshot + clock skew), then the queue is replayed.
 * - State-changing commands other than offer answers go through the queue (queue.ts): persisted, sent
 *   in order one at a time, each with its commandId; a lost ack or a dropped connection leaves the
 *   command at the head and it is sent again later with the same commandId (the hub applies it once).
 *   The emergency alert jumps the queue (it goes right after a command already in flight).
 * - Offer answers are time-bound, so they are never queued: they need a live connection.
 * - Nothing is emitted while disconnected, so socket.io's own send buffer never replays anything.
 * - The browser's offline/online events drop and restore the socket at once instead of waiting for
 *   a ping timeout (and make Playwright's `context.setOffline` behave like a lost network).
 */
import { io, type Socket } from 'socket.io-client';
import type { ApiError } from '../../server/protocol/common';
import type { Alert, Assignment, FieldReport, PositionFix, Unit, UnitStatus } from '../../server/protocol/dispatch';
import type { Report } from '../../server/protocol/report';
import {
  FIELD_NAMESPACE,
  type FieldAssignment,
  type FieldClientToServer,
  type FieldEvent,
  type FieldServerToClient,
  type FieldState,
} from '../../server/protocol/socket';
import type { FieldMessageKey } from './messages';
import { deletePhoto, loadPhoto, uploadPhoto } from './photos';
import { type FindingDraft, loadQueue, type QueuedCommand, type QueuedPhoto, resolutionFromDraft, saveQueue } from './queue';

type FieldSocket = Socket<FieldServerToClient, FieldClientToServer>;

export type ConnectionState = 'online' | 'offline' | 'reconnecting';
export type GeoState = 'off' | 'waiting' | 'ok' | 'denied' | 'unavailable';

export type CommandOutcome =
  | { status: 'applied'; at: string; result: unknown }
  | { status: 'refused'; at: string; error: ApiError };

export interface Notice {
  id: number;
  tone: 'info' | 'error';
  key: FieldMessageKey;
  params?: Record<string, string | number>;
}

export interface FieldSnapshot {
  connection: ConnectionState;
  /** The first `field:state` has arrived. */
  loaded: boolean;
  unit: Unit | null;
  /** Open offers and accepted assignments, oldest first. */
  assignments: readonly FieldAssignment[];
  tasking: FieldState['tasking'];
  /** Hub clock minus device clock (ms), measured at the last `field:state`. */
  skewMs: number;
  queue: readonly QueuedCommand[];
  /** The queue's head is being sent. */
  sending: boolean;
  /** What became of each command sent through the queue this session, by commandId. */
  outcomes: Readonly<Record<string, CommandOutcome>>;
  notices: readonly Notice[];
  position: PositionFix | null;
  geo: GeoState;
}

export type SessionLossReason = 'unauthenticated' | 'forbidden';

export interface FieldClientOptions {
  origin: string;
  token: string;
  userId: string;
  onSessionLost: (reason: SessionLossReason) => void;
  ackTimeoutMs?: number;
  /** How often the latest fix goes to the hub (it rate-limits to 1/s). */
  positionIntervalMs?: number;
  /** A fix is re-sent after this long even when unchanged, so the desk sees the unit is still there. */
  positionKeepaliveMs?: number;
}

export type OfferAnswerResult = { ok: true } | { ok: false; error: ApiError };

const ACTIVE_ASSIGNMENT_STATES: ReadonlySet<Assignment['state']> = new Set(['offered', 'accepted']);
const NOTICE_LIMIT = 4;

function uuid(): string {
  return crypto.randomUUID();
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class FieldClient {
  private readonly opts: Required<FieldClientOptions>;
  private readonly socket: FieldSocket;
  private snapshot: FieldSnapshot;
  private readonly listeners = new Set<() => void>();
  private networkDown = false;
  private started = false;
  private stopped = false;
  private flushing = false;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private positionTimer: ReturnType<typeof setInterval> | undefined;
  private lastSent: { at: string; sentAt: number } | null = null;
  private noticeSeq = 0;
  private readonly noticeFor = new Map<string, number>();
  /** One commandId per (offer, answer): pressing again after a lost ack is the same command. */
  private readonly offerCommandIds = new Map<string, string>();

  constructor(options: FieldClientOptions) {
    this.opts = { ackTimeoutMs: 8000, positionIntervalMs: 5000, positionKeepaliveMs: 30_000, ...options };
    this.socket = io(`${options.origin}${FIELD_NAMESPACE}`, {
      auth: { token: options.token },
      transports: ['websocket'],
      autoConnect: false,
      forceNew: true,
      reconnectionDelay: 1000,
      reconnectionDelayMax: 5000,
    });
    this.snapshot = {
      connection: 'reconnecting',
      loaded: false,
      unit: null,
      assignments: [],
      tasking: [],
      skewMs: 0,
      queue: loadQueue(options.userId),
      sending: false,
      outcomes: {},
      notices: [],
      position: null,
      geo: 'off',
    };
  }

  // ---- store interface ----

  getSnapshot = (): FieldSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private update(patch: Partial<FieldSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }

  /** The hub's clock now, as far as this device can tell. */
  serverNow(): number {
    return Date.now() + this.snapshot.skewMs;
  }

  // ---- lifecycle ----

  start(): void {
    if (this.started) return;
    this.started = true;
    const { socket } = this;
    socket.on('connect', this.onConnect);
    socket.on('disconnect', this.onDisconnect);
    socket.on('connect_error', this.onConnectError);
    socket.on('field:event', this.onFieldEvent);
    window.addEventListener('online', this.onBrowserOnline);
    window.addEventListener('offline', this.onBrowserOffline);
    this.networkDown = navigator.onLine === false;
    if (this.networkDown) this.update({ connection: 'offline' });
    else socket.connect();
    this.positionTimer = setInterval(() => this.sendPosition(), this.opts.positionIntervalMs);
  }

  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    const { socket } = this;
    socket.off('connect', this.onConnect);
    socket.off('disconnect', this.onDisconnect);
    socket.off('connect_error', this.onConnectError);
    socket.off('field:event', this.onFieldEvent);
    window.removeEventListener('online', this.onBrowserOnline);
    window.removeEventListener('offline', this.onBrowserOffline);
    clearTimeout(this.retryTimer);
    clearTimeout(this.refreshTimer);
    clearInterval(this.positionTimer);
    socket.disconnect();
    this.listeners.clear();
  }

  /** Drop the connection as if the network were gone (test hook and the browser's offline event). */
  goOffline(): void {
    this.networkDown = true;
    this.socket.disconnect();
    this.update({ connection: 'offline' });
  }

  /** Reconnect at once (test hook and the browser's online event). */
  goOnline(): void {
    this.networkDown = false;
    if (this.stopped) return;
    if (!this.socket.connected) {
      this.update({ connection: 'reconnecting' });
      this.socket.connect();
    }
  }

  private readonly onBrowserOffline = (): void => this.goOffline();
  private readonly onBrowserOnline = (): void => this.goOnline();

  private readonly onConnect = (): void => {
    this.update({ connection: 'online' });
    // The hub knows the unit is back: give it the latest fix at once rather than at the next tick.
    this.lastSent = null;
    this.sendPosition();
    void this.refreshState().then((ok) => {
      if (ok) void this.flush();
    });
  };

  private readonly onDisconnect = (reason: Socket.DisconnectReason): void => {
    if (this.stopped) return;
    this.update({ connection: this.networkDown ? 'offline' : 'reconnecting' });
    // The hub closed the socket (e.g. a restart): socket.io does not retry that by itself.
    if (reason === 'io server disconnect' && !this.networkDown) this.socket.connect();
  };

  private readonly onConnectError = (err: Error): void => {
    if (this.stopped) return;
    if (err.message === 'unauthenticated' || err.message === 'forbidden') {
      this.opts.onSessionLost(err.message);
      return;
    }
    this.update({ connection: this.networkDown ? 'offline' : 'reconnecting' });
  };

  // ---- state from the hub ----

  /** Fetches `field:state`; false when it could not (it is retried while connected). */
  async refreshState(): Promise<boolean> {
    if (!this.socket.connected) return false;
    const sentAt = Date.now();
    let ack: Awaited<ReturnType<FieldSocket['emitWithAck']>> | undefined;
    try {
      ack = await this.socket.timeout(this.opts.ackTimeoutMs).emitWithAck('field:state', {});
    } catch {
      ack = undefined;
    }
    if (!ack?.ok) {
      if (ack && !ack.ok) console.warn('field:state refused', ack.error);
      clearTimeout(this.refreshTimer);
      this.refreshTimer = setTimeout(() => {
        if (!this.socket.connected) return;
        void this.refreshState().then((ok) => {
          if (ok) void this.flush();
        });
      }, 3000);
      return false;
    }
    const state = ack.data as FieldState;
    const receivedAt = Date.now();
    const serverTime = Date.parse(state.serverTime);
    const skewMs = Number.isFinite(serverTime) ? Math.round(serverTime - (sentAt + receivedAt) / 2) : 0;
    const current = this.snapshot.unit;
    const unit = current && current.id === state.unit.id && current.version > state.unit.version ? current : state.unit;
    this.update({
      loaded: true,
      unit,
      assignments: state.assignments.filter((a) => ACTIVE_ASSIGNMENT_STATES.has(a.assignment.state)),
      tasking: state.tasking,
      skewMs,
    });
    return true;
  }

  private readonly onFieldEvent = (event: FieldEvent): void => {
    if (event.type === 'unit') this.applyUnit(event.unit);
    else if (event.type === 'assignment') this.applyAssignment(event.assignment, event.report);
    else if (event.type === 'tasking') void this.refreshState();
  };

  private applyUnit(unit: Unit): void {
    const current = this.snapshot.unit;
    if (current && current.id === unit.id && unit.version < current.version) return;
    this.update({ unit });
  }

  private applyAssignment(assignment: Assignment, report: FieldReport): void {
    const list = this.snapshot.assignments;
    const before = list.find((a) => a.assignment.id === assignment.id);
    if (ACTIVE_ASSIGNMENT_STATES.has(assignment.state)) {
      const next = before
        ? list.map((a) => (a.assignment.id === assignment.id ? { assignment, report } : a))
        : [...list, { assignment, report }];
      this.update({ assignments: next });
      if (!before && assignment.state === 'offered') this.buzz([200, 100, 200]);
      return;
    }
    if (!before) return;
    this.update({ assignments: list.filter((a) => a.assignment.id !== assignment.id) });
    if (before.assignment.state === 'offered' && (assignment.state === 'expired' || assignment.state === 'withdrawn')) {
      this.notify('error', assignment.state === 'expired' ? 'offer.gone.expired' : 'offer.gone.withdrawn', { number: report.number });
    }
  }

  private updateReport(report: Pick<Report, 'id' | 'status'>): void {
    this.update({
      assignments: this.snapshot.assignments.map((a) =>
        a.report.id === report.id ? { ...a, report: { ...a.report, status: report.status } } : a,
      ),
    });
  }

  // ---- notices ----

  /** `commandId`: a notice about a queued command ("staat in de wachtrij") goes away once the command is sent. */
  notify(tone: Notice['tone'], key: FieldMessageKey, params?: Record<string, string | number>, commandId?: string): void {
    this.noticeSeq += 1;
    const notice: Notice = { id: this.noticeSeq, tone, key, ...(params ? { params } : {}) };
    this.update({ notices: [...this.snapshot.notices, notice].slice(-NOTICE_LIMIT) });
    if (commandId) this.noticeFor.set(commandId, notice.id);
    else if (tone === 'info') setTimeout(() => this.dismiss(notice.id), 6000);
  }

  dismiss(id: number): void {
    if (!this.snapshot.notices.some((n) => n.id === id)) return;
    this.update({ notices: this.snapshot.notices.filter((n) => n.id !== id) });
  }

  private buzz(pattern: number[]): void {
    try {
      navigator.vibrate?.(pattern);
    } catch {
      // no vibration motor or not allowed yet
    }
  }

  // ---- offers (live only) ----

  async answerOffer(assignmentId: string, answer: 'accept' | 'decline'): Promise<OfferAnswerResult> {
    if (!this.socket.connected) {
      return { ok: false, error: { code: 'offline', message: 'Geen verbinding met de meldkamer.' } };
    }
    const key = `${assignmentId}:${answer}`;
    const commandId = this.offerCommandIds.get(key) ?? uuid();
    this.offerCommandIds.set(key, commandId);
    const event = answer === 'accept' ? 'offer:accept' : 'offer:decline';
    let ack: Awaited<ReturnType<FieldSocket['emitWithAck']>>;
    try {
      ack = await this.socket.timeout(this.opts.ackTimeoutMs).emitWithAck(event, { commandId, assignmentId });
    } catch {
      return { ok: false, error: { code: 'timeout', message: 'timeout' } };
    }
    if (!ack.ok) return { ok: false, error: ack.error };
    const assignment = ack.data as Assignment;
    const entry = this.snapshot.assignments.find((a) => a.assignment.id === assignmentId);
    if (entry) this.applyAssignment({ ...entry.assignment, ...assignment }, entry.report);
    if (entry) this.notify('info', answer === 'accept' ? 'offer.accepted' : 'offer.declined', { number: entry.report.number });
    // The hub pushes assignment and unit changes to the field, not report transitions (dispatched): re-read.
    if (answer === 'accept') void this.refreshState();
    return { ok: true };
  }

  // ---- queued commands ----

  setStatus(status: UnitStatus, label: string): string {
    const commandId = uuid();
    const position = this.snapshot.position;
    this.enqueue({ kind: 'status', commandId, queuedAt: new Date().toISOString(), status, label, ...(position ? { position } : {}) });
    if (!this.socket.connected) this.notify('info', 'status.queuedNotice', { label }, commandId);
    return commandId;
  }

  /** The photo's bytes must already be in the photo store under the returned commandId (see photos.ts). */
  submitFinding(commandId: string, report: Pick<FieldReport, 'id' | 'number'>, draft: FindingDraft, photo?: QueuedPhoto): void {
    this.enqueue({
      kind: 'finding',
      commandId,
      queuedAt: new Date().toISOString(),
      reportId: report.id,
      reportNumber: report.number,
      draft,
      ...(photo ? { photo } : {}),
    });
  }

  emergency(): string {
    const commandId = uuid();
    const position = this.snapshot.position;
    const item: QueuedCommand = { kind: 'emergency', commandId, queuedAt: new Date().toISOString(), ...(position ? { position } : {}) };
    // Ahead of everything not yet in flight.
    const queue = [...this.snapshot.queue];
    queue.splice(this.flushing && queue.length > 0 ? 1 : 0, 0, item);
    this.setQueue(queue);
    this.buzz([400]);
    void this.flush();
    return commandId;
  }

  isConnected(): boolean {
    return this.socket.connected;
  }

  private enqueue(item: QueuedCommand): void {
    this.setQueue([...this.snapshot.queue, item]);
    void this.flush();
  }

  private setQueue(queue: QueuedCommand[]): void {
    saveQueue(this.opts.userId, queue);
    this.update({ queue });
  }

  private replaceInQueue(item: QueuedCommand): void {
    this.setQueue(this.snapshot.queue.map((q) => (q.commandId === item.commandId ? item : q)));
  }

  private finish(item: QueuedCommand, outcome: CommandOutcome): void {
    const notice = this.noticeFor.get(item.commandId);
    if (notice !== undefined) {
      this.noticeFor.delete(item.commandId);
      this.dismiss(notice);
    }
    this.setQueue(this.snapshot.queue.filter((q) => q.commandId !== item.commandId));
    this.update({ outcomes: { ...this.snapshot.outcomes, [item.commandId]: outcome } });
  }

  /** Sends the queue in order while connected; stops at the first command that must be retried. */
  async flush(): Promise<void> {
    if (this.flushing || this.stopped || !this.snapshot.loaded) return;
    this.flushing = true;
    this.update({ sending: true });
    try {
      while (this.socket.connected && !this.stopped) {
        const item = this.snapshot.queue[0];
        if (!item) break;
        const done = await this.send(item);
        if (!done) {
          this.scheduleRetry();
          break;
        }
      }
    } finally {
      this.flushing = false;
      if (!this.stopped) this.update({ sending: false });
    }
  }

  private scheduleRetry(): void {
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => void this.flush(), 3000);
  }

  /** One queued command; false when it has to be sent again later (no answer, no network). */
  private async send(item: QueuedCommand): Promise<boolean> {
    const timeout = this.opts.ackTimeoutMs;
    let ack: { ok: true; data: unknown } | { ok: false; error: ApiError };
    try {
      if (item.kind === 'status') {
        ack = await this.socket.timeout(timeout).emitWithAck('unit:status', {
          commandId: item.commandId,
          status: item.status,
          ...(item.position ? { position: item.position } : {}),
        });
      } else if (item.kind === 'emergency') {
        ack = await this.socket
          .timeout(timeout)
          .emitWithAck('emergency', { commandId: item.commandId, ...(item.position ? { position: item.position } : {}) });
      } else {
        const photoId = await this.uploadPhotoOf(item);
        if (photoId === 'retry') return false;
        if (photoId === 'refused') return true;
        ack = await this.socket.timeout(timeout).emitWithAck('finding:submit', {
          commandId: item.commandId,
          reportId: item.reportId,
          resolution: resolutionFromDraft(item.draft),
          ...(photoId ? { photoId } : {}),
        });
      }
    } catch (err) {
      // Ack timeout or disconnect: the hub may or may not have applied it; the same commandId settles that.
      console.warn(`queued ${item.kind} not acknowledged, will retry`, messageOf(err));
      return false;
    }
    const at = new Date().toISOString();
    if (!ack.ok) {
      this.finish(item, { status: 'refused', at, error: ack.error });
      if (item.kind === 'finding') {
        // Field errors are shown in the form (reopened with the typed values); anything else needs a notice.
        if (!ack.error.fields || Object.keys(ack.error.fields).length === 0) {
          this.notify('error', 'finding.refused', { number: item.reportNumber, message: ack.error.message });
        }
      } else if (item.kind === 'status') {
        this.notify('error', 'queue.refused', { message: ack.error.message });
      }
      return true;
    }
    if (item.kind === 'status') {
      this.applyUnit(ack.data as Unit);
      // A status change may move the report too (ter plaatse -> in behandeling), which the hub does not push.
      void this.refreshState();
    }
    if (item.kind === 'finding') {
      this.updateReport(ack.data as Report);
      void deletePhoto(item.commandId);
      this.notify('info', 'finding.sent', { number: item.reportNumber });
    }
    this.finish(item, { status: 'applied', at, result: ack.data as Unit | Report | Alert });
    return true;
  }

  /** The finding's photo id: uploads it first if needed. 'retry' on network trouble, 'refused' when the hub refused it. */
  private async uploadPhotoOf(item: Extract<QueuedCommand, { kind: 'finding' }>): Promise<string | undefined | 'retry' | 'refused'> {
    const photo = item.photo;
    if (!photo) return undefined;
    if (photo.photoId) return photo.photoId;
    const blob = await loadPhoto(item.commandId);
    if (!blob) {
      // The bytes are gone (storage cleared): send the finding without the photo rather than not at all.
      console.warn('photo for queued finding is no longer stored; sending the finding without it');
      return undefined;
    }
    const result = await uploadPhoto(this.opts.origin, this.opts.token, item.reportId, blob);
    if (result.ok) {
      this.replaceInQueue({ ...item, photo: { ...photo, photoId: result.photoId } });
      return result.photoId;
    }
    if (result.retry) return 'retry';
    if (result.status === 401) {
      this.opts.onSessionLost('unauthenticated');
      return 'retry';
    }
    const error: ApiError = {
      ...result.error,
      fields: { photo: result.error.fields?.photo ?? result.error.message, ...result.error.fields },
    };
    // Shown next to the photo field in the form, which reopens with the typed values.
    this.finish(item, { status: 'refused', at: new Date().toISOString(), error });
    return 'refused';
  }

  // ---- positions ----

  setGeoState(geo: GeoState): void {
    if (geo !== this.snapshot.geo) this.update({ geo });
  }

  /** A new fix from the device (or a test): sent right away if it is the first, else with the next tick. */
  setPosition(fix: PositionFix): void {
    const first = this.snapshot.position === null;
    this.update({ position: fix, geo: 'ok' });
    if (first) this.sendPosition();
  }

  private sendPosition(): void {
    const fix = this.snapshot.position;
    if (!fix || !this.socket.connected) return;
    const now = Date.now();
    if (this.lastSent && this.lastSent.at === fix.at && now - this.lastSent.sentAt < this.opts.positionKeepaliveMs) return;
    this.socket.volatile.emit('position', fix);
    this.lastSent = { at: fix.at, sentAt: now };
  }
}
