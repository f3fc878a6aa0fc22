/**
 * The field client's connection to the hub (`/field` namespace) and its local state: the unit, its
 * offers and assignment, the day's tasking, the offline queue, the latest position. No React: the UI
 * subscribes with useSyncExternalStore (FieldWorkspace).
 *
 * Rules:
 * - On every (re)connect: `field:state` first (snapshot + clock skew), then the queue is replayed.
 * - State-changing commands other than offer answers go through the queue (queue.ts, sent by
 *   commandQueue.ts): persisted, sent in order one at a time, each with its commandId. The emergency
 *   alert jumps the queue.
 * - Offer answers are time-bound, so they are never queued: they need a live connection.
 * - Nothing is emitted while disconnected, so socket.io's own send buffer never replays anything.
 * - The browser's offline/online events drop and restore the socket at once instead of waiting for
 *   a ping timeout (and make Playwright's `context.setOffline` behave like a lost network).
 */
import { io, type Socket } from 'socket.io-client';
import type { ApiError } from '../../server/protocol/common';
import type { Assignment, FieldReport, PositionFix, Unit, UnitStatus } from '../../server/protocol/dispatch';
import { FIELD_NAMESPACE, type FieldEvent, type FieldState } from '../../server/protocol/socket';
import type { ResolutionDraft } from '../shared/resolution/draft';
import { applyAssignment, isActive, withReportStatus } from './assignments';
import { CommandQueue, type FieldSocket } from './commandQueue';
import { type FieldSnapshot, type GeoState, SnapshotStore } from './fieldSnapshot';
import type { FieldMessageKey } from './messages';
import { NoticeBoard } from './notices';
import { PositionReporter } from './positionReporter';
import { WorklistLink } from './worklistLink';
import { loadQueue, type QueuedCommand, type QueuedPhoto } from './queue';
import { answerCheckIn, applySafetyEvent, NO_SAFETY, safetyFromState } from './safety';

export type { CommandOutcome, ConnectionState, FieldSnapshot, GeoState, Notice } from './fieldSnapshot';

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

/** How long a refused or unanswered `field:state` waits before it is asked again. */
const STATE_RETRY_MS = 3000;

function uuid(): string {
  return crypto.randomUUID();
}

export class FieldClient {
  private readonly opts: Required<FieldClientOptions>;
  private readonly socket: FieldSocket;
  private readonly store: SnapshotStore;
  private readonly notices: NoticeBoard;
  private readonly positions: PositionReporter;
  private readonly commands: CommandQueue;
  /** The unit's worklist at the hub and taking from it (worklistLink.ts). */
  readonly worklist: WorklistLink;
  private networkDown = false;
  private started = false;
  private stopped = false;
  private refreshTimer: ReturnType<typeof setTimeout> | undefined;
  private positionTimer: ReturnType<typeof setInterval> | undefined;
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
    this.store = new SnapshotStore({
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
      emergency: null,
      assists: [],
      ...NO_SAFETY,
    });
    this.notices = new NoticeBoard(this.store);
    this.positions = new PositionReporter(
      this.store,
      (fix) => {
        if (!this.socket.connected) return false;
        this.socket.volatile.emit('position', fix);
        return true;
      },
      this.opts.positionKeepaliveMs,
    );
    this.commands = new CommandQueue({
      store: this.store,
      socket: this.socket,
      notices: this.notices,
      userId: options.userId,
      origin: options.origin,
      token: options.token,
      ackTimeoutMs: this.opts.ackTimeoutMs,
      onSessionLost: (reason) => this.opts.onSessionLost(reason),
      onUnit: (unit) => {
        this.applyUnit(unit);
        // A status change may move the report too (ter plaatse -> in behandeling), which the hub does not push.
        void this.refreshState();
      },
      onReport: (report) => this.store.update({ assignments: withReportStatus(this.store.get().assignments, report) }),
    });
    this.worklist = new WorklistLink(this.socket, this.opts.ackTimeoutMs, (item) => this.commands.enqueue(item), (key, params, commandId) =>
      this.notify('info', key, params, commandId),
    );
  }

  // ---- store interface ----

  getSnapshot = (): FieldSnapshot => this.store.get();

  subscribe = (listener: () => void): (() => void) => this.store.subscribe(listener);

  /** The hub's clock now, as far as this device can tell. */
  serverNow(): number {
    return Date.now() + this.store.get().skewMs;
  }

  isConnected(): boolean {
    return this.socket.connected;
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
    if (this.networkDown) this.store.update({ connection: 'offline' });
    else socket.connect();
    this.positionTimer = setInterval(() => this.positions.send(), this.opts.positionIntervalMs);
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
    this.commands.stop();
    clearTimeout(this.refreshTimer);
    clearInterval(this.positionTimer);
    socket.disconnect();
    this.store.clear();
  }

  /** Drop the connection as if the network were gone (test hook and the browser's offline event). */
  goOffline(): void {
    this.networkDown = true;
    this.socket.disconnect();
    this.store.update({ connection: 'offline' });
  }

  /** Reconnect at once (test hook and the browser's online event). */
  goOnline(): void {
    this.networkDown = false;
    if (this.stopped) return;
    if (!this.socket.connected) {
      this.store.update({ connection: 'reconnecting' });
      this.socket.connect();
    }
  }

  private readonly onBrowserOffline = (): void => this.goOffline();
  private readonly onBrowserOnline = (): void => this.goOnline();

  private readonly onConnect = (): void => {
    this.store.update({ connection: 'online' });
    this.worklist.changed();
    this.positions.resend();
    void this.refreshState().then((ok) => {
      if (ok) void this.commands.flush();
    });
  };

  private readonly onDisconnect = (reason: Socket.DisconnectReason): void => {
    if (this.stopped) return;
    this.store.update({ connection: this.networkDown ? 'offline' : 'reconnecting' });
    // The hub closed the socket (e.g. a restart): socket.io does not retry that by itself.
    if (reason === 'io server disconnect' && !this.networkDown) this.socket.connect();
  };

  private readonly onConnectError = (err: Error): void => {
    if (this.stopped) return;
    if (err.message === 'unauthenticated' || err.message === 'forbidden') {
      this.opts.onSessionLost(err.message);
      return;
    }
    this.store.update({ connection: this.networkDown ? 'offline' : 'reconnecting' });
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
          if (ok) void this.commands.flush();
        });
      }, STATE_RETRY_MS);
      return false;
    }
    const state = ack.data as FieldState;
    const receivedAt = Date.now();
    const serverTime = Date.parse(state.serverTime);
    const skewMs = Number.isFinite(serverTime) ? Math.round(serverTime - (sentAt + receivedAt) / 2) : 0;
    const current = this.store.get().unit;
    const unit = current && current.id === state.unit.id && current.version > state.unit.version ? current : state.unit;
    this.store.update({
      loaded: true,
      unit,
      assignments: state.assignments.filter((a) => isActive(a.assignment)),
      tasking: state.tasking,
      skewMs,
      emergency: state.emergency ?? null,
      assists: (state.assists ?? []).filter((a) => !a.ended),
      ...safetyFromState(state),
    });
    return true;
  }

  private readonly onFieldEvent = (event: FieldEvent): void => {
    if (event.type === 'unit') this.applyUnit(event.unit);
    else if (event.type === 'assignment') this.applyAssignment(event.assignment, event.report);
    else if (event.type === 'tasking') void this.refreshState();
    if (event.type === 'tasking' || event.type === 'worklist') this.worklist.changed();
    else if (event.type === 'emergency' || event.type === 'assist') this.applyEmergencyEvent(event);
    else applySafetyEvent(this.store, event);
  };

  /** "Alles in orde" (safety.ts): false when it could not be sent. */
  answerCheckIn(checkInId: string): Promise<boolean> {
    return answerCheckIn(this.socket, this.store, checkInId, this.opts.ackTimeoutMs);
  }

  /** The unit's own emergency (ended: back to normal, with a notice of the status chosen) and requests to assist. */
  private applyEmergencyEvent(event: Extract<FieldEvent, { type: 'emergency' | 'assist' }>): void {
    if (event.type === 'emergency') {
      const ended = event.emergency.state === 'ended';
      this.store.update({ emergency: ended ? null : event.emergency });
      const back = event.emergency.returnStatus;
      if (ended && back) this.notices.notify('info', 'emergency.ended', { status: { code: `unit.status.${back}`, params: {}, message: back } });
      return;
    }
    const others = this.store.get().assists.filter((a) => a.emergencyId !== event.assist.emergencyId);
    const isNew = !event.assist.ended && others.length === this.store.get().assists.length;
    this.store.update({ assists: event.assist.ended ? others : [...others, event.assist] });
    if (isNew) this.buzz([400, 100, 400, 100, 400]);
  }

  private applyUnit(unit: Unit): void {
    const current = this.store.get().unit;
    if (current && current.id === unit.id && unit.version < current.version) return;
    this.store.update({ unit });
  }

  private applyAssignment(assignment: Assignment, report: FieldReport): void {
    const change = applyAssignment(this.store.get().assignments, assignment, report);
    this.store.update({ assignments: change.assignments });
    if (change.newOffer) this.buzz([200, 100, 200]);
    if (change.offerGone) {
      this.notify('error', change.offerGone === 'expired' ? 'offer.gone.expired' : 'offer.gone.withdrawn', { number: report.number });
    }
  }

  // ---- notices ----

  /** `commandId`: a notice about a queued command ("staat in de wachtrij") goes away once the command is sent. */
  notify(tone: 'info' | 'error', key: FieldMessageKey, params?: Record<string, string | number>, commandId?: string): void {
    this.notices.notify(tone, key, params, commandId);
  }

  dismiss(id: number): void {
    this.notices.dismiss(id);
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
    const entry = this.store.get().assignments.find((a) => a.assignment.id === assignmentId);
    if (entry) this.applyAssignment({ ...entry.assignment, ...assignment }, entry.report);
    if (entry) this.notify('info', answer === 'accept' ? 'offer.accepted' : 'offer.declined', { number: entry.report.number });
    // The hub pushes assignment and unit changes to the field, not report transitions (dispatched): re-read.
    if (answer === 'accept') void this.refreshState();
    return { ok: true };
  }

  // ---- queued commands ----

  setStatus(status: UnitStatus, label: string): string {
    const commandId = uuid();
    const position = this.store.get().position;
    this.commands.enqueue({ kind: 'status', commandId, queuedAt: new Date().toISOString(), status, label, ...(position ? { position } : {}) });
    if (!this.socket.connected) this.notify('info', 'status.queuedNotice', { label }, commandId);
    return commandId;
  }

  /** The photo's bytes must already be in the photo store under the returned commandId (see photos.ts). */
  submitFinding(commandId: string, report: Pick<FieldReport, 'id' | 'number'>, draft: ResolutionDraft, photos: QueuedPhoto[] = []): void {
    this.commands.enqueue({
      kind: 'finding',
      commandId,
      queuedAt: new Date().toISOString(),
      reportId: report.id,
      reportNumber: report.number,
      draft,
      ...(photos.length > 0 ? { photos } : {}),
    });
  }

  emergency(): string {
    const commandId = uuid();
    const position = this.store.get().position;
    const item: QueuedCommand = { kind: 'emergency', commandId, queuedAt: new Date().toISOString(), ...(position ? { position } : {}) };
    this.commands.enqueueFirst(item);
    this.buzz([400]);
    return commandId;
  }

  // ---- positions ----

  setGeoState(geo: GeoState): void {
    this.positions.setGeoState(geo);
  }

  /** A new fix from the device (or a test): sent right away if it is the first, else with the next tick. */
  setPosition(fix: PositionFix): void {
    this.positions.setPosition(fix);
  }
}
