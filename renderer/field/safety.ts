/**
 * Officer safety on the field client (no React): the open "Alles in orde?" request and the spoedmeldingen the hub
 * sent this unit. Rules:
 * - A check-in request stays on screen until it is answered or the hub ends it (a status change); its level rises
 *   while it is unanswered (the phone buzzes again at each step).
 * - A spoedmelding comes with a tone and a buzz the first time it arrives (the hub may send it again on a
 *   reconnect or when the unit enters the area: shown once), and goes when it is lifted.
 */
import type { CheckIn, PriorityTraffic } from '../../server/protocol/safety';
import type { FieldEvent, FieldState } from '../../server/protocol/socket';
import type { FieldSocket } from './commandQueue';
import type { SnapshotStore } from './fieldSnapshot';

export interface SafetySnapshot {
  /** The unit's open check-in request ("Alles in orde?"), or null. */
  checkIn: CheckIn | null;
  /** The active spoedmeldingen that concern this unit, oldest first. */
  priorityTraffic: readonly PriorityTraffic[];
}

export const NO_SAFETY: SafetySnapshot = { checkIn: null, priorityTraffic: [] };

const isOpen = (c: CheckIn | null | undefined): c is CheckIn => !!c && c.answeredAt === null && c.cancelledAt === null;

export function safetyFromState(state: FieldState): SafetySnapshot {
  return { checkIn: isOpen(state.checkIn) ? state.checkIn : null, priorityTraffic: state.priorityTraffic ?? [] };
}

function buzz(pattern: number[]): void {
  try {
    navigator.vibrate?.(pattern);
  } catch {
    // no vibration motor or not allowed yet
  }
}

/** A short two-tone beep (Web Audio); silence where audio is unavailable or not yet allowed. */
function tone(): void {
  try {
    const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
    if (!Ctor) return;
    const ctx = new Ctor();
    const t0 = ctx.currentTime + 0.02;
    [
      [988, 0],
      [740, 0.22],
      [988, 0.44],
    ].forEach(([freq, start]) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq ?? 880;
      gain.gain.value = 0.2;
      osc.connect(gain).connect(ctx.destination);
      osc.start(t0 + (start ?? 0));
      osc.stop(t0 + (start ?? 0) + 0.18);
    });
    setTimeout(() => void ctx.close().catch(() => undefined), 1500);
  } catch {
    // best effort
  }
}

/** Applies a safety event to the snapshot; false when the event is not one of these. */
export function applySafetyEvent(store: SnapshotStore, event: FieldEvent): boolean {
  const snap = store.get();
  if (event.type === 'check_in') {
    const open = isOpen(event.checkIn);
    if (!open) {
      if (snap.checkIn?.id === event.checkIn.id) store.update({ checkIn: null });
      return true;
    }
    if (snap.checkIn?.id !== event.checkIn.id || snap.checkIn.level < event.checkIn.level) buzz([300, 150, 300, 150, 300]);
    store.update({ checkIn: event.checkIn });
    return true;
  }
  if (event.type === 'priority_traffic') {
    if (snap.priorityTraffic.some((p) => p.id === event.traffic.id)) return true;
    store.update({ priorityTraffic: [...snap.priorityTraffic, event.traffic] });
    tone();
    buzz([600, 200, 600]);
    return true;
  }
  if (event.type === 'priority_traffic_lifted') {
    store.update({ priorityTraffic: snap.priorityTraffic.filter((p) => p.id !== event.id) });
    return true;
  }
  return false;
}

/** "Alles in orde": answered live (a queued answer hours later would say nothing). */
export async function answerCheckIn(socket: FieldSocket, store: SnapshotStore, checkInId: string, timeoutMs: number): Promise<boolean> {
  if (!socket.connected) return false;
  try {
    const ack = await socket.timeout(timeoutMs).emitWithAck('check_in:answer', { commandId: crypto.randomUUID(), checkInId });
    if (!ack.ok) return false;
  } catch {
    return false;
  }
  if (store.get().checkIn?.id === checkInId) store.update({ checkIn: null });
  return true;
}
