/**
 * The field client's side of the worklist (looplijst): asking the hub for it, telling the UI when it may have
 * changed (a take or an offer of a low-priority report, new tasking, a reconnect), and taking a report through
 * the offline queue (queue.ts kind 'take'): queued while offline, sent in order, refused by the hub when another
 * unit or the desk was first. The list itself is kept and cached by Worklist.tsx.
 */
import type { FieldReport, PositionFix } from '../../server/protocol/dispatch';
import type { Worklist } from '../../server/protocol/report-context';
import type { FieldSocket } from './commandQueue';
import type { FieldMessageKey } from './messages';
import type { QueuedCommand } from './queue';

export class WorklistLink {
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly socket: FieldSocket,
    private readonly ackTimeoutMs: number,
    private readonly enqueue: (item: QueuedCommand) => void,
    private readonly notify: (key: FieldMessageKey, params: Record<string, string | number>, commandId: string) => void,
  ) {}

  /** Called when the worklist may have changed at the hub. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  changed(): void {
    for (const listener of this.listeners) listener();
  }

  /** The unit's worklist from the hub, ordered from `position` when given; null while offline or without an answer. */
  async fetch(position: PositionFix | null): Promise<Worklist | null> {
    if (!this.socket.connected) return null;
    try {
      const ack = await this.socket.timeout(this.ackTimeoutMs).emitWithAck('worklist:get', position ? { position } : {});
      return ack.ok ? ack.data : null;
    } catch {
      return null;
    }
  }

  /** Takes a report through the queue (offline too); returns the commandId. */
  take(report: Pick<FieldReport, 'id' | 'number'>): string {
    const commandId = crypto.randomUUID();
    this.enqueue({ kind: 'take', commandId, queuedAt: new Date().toISOString(), reportId: report.id, reportNumber: report.number });
    if (!this.socket.connected) this.notify('worklist.queued', { number: report.number }, commandId);
    return commandId;
  }
}
