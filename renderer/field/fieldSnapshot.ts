/** What the field client knows, as one immutable snapshot the UI subscribes to (useSyncExternalStore). */
import type { ApiError, DomainText } from '../../server/protocol/common';
import type { PositionFix, Unit } from '../../server/protocol/dispatch';
import type { FieldAssist, FieldEmergency } from '../../server/protocol/emergency';
import type { FieldAssignment, FieldState } from '../../server/protocol/socket';
import type { FieldMessageKey } from './messages';
import type { QueuedCommand } from './queue';
import type { SafetySnapshot } from './safety';

export type ConnectionState = 'online' | 'offline' | 'reconnecting';
export type GeoState = 'off' | 'waiting' | 'ok' | 'denied' | 'unavailable';

export type CommandOutcome =
  | { status: 'applied'; at: string; result: unknown }
  | { status: 'refused'; at: string; error: ApiError };

/** A notice's parameter: a hub text (a refusal) is kept coded and worded in the reader's language when shown. */
export type NoticeParam = string | number | DomainText;

export interface Notice {
  id: number;
  tone: 'info' | 'error';
  key: FieldMessageKey;
  params?: Record<string, NoticeParam>;
}

/** Officer safety (safety.ts): `checkIn` and `priorityTraffic`. */
export interface FieldSnapshot extends SafetySnapshot {
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
  /** The unit's open emergency: 'sent' until a console has seen it, then 'acknowledged' (EmergencyStatus.tsx). */
  emergency: FieldEmergency | null;
  /** Other units' open emergencies this unit was asked to assist (AssistCard.tsx). */
  assists: readonly FieldAssist[];
}

/** Holds the snapshot; every update replaces it and tells the subscribers. */
export class SnapshotStore {
  private snapshot: FieldSnapshot;
  private readonly listeners = new Set<() => void>();

  constructor(initial: FieldSnapshot) {
    this.snapshot = initial;
  }

  get = (): FieldSnapshot => this.snapshot;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  update(patch: Partial<FieldSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of this.listeners) listener();
  }

  clear(): void {
    this.listeners.clear();
  }
}
