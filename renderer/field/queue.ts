/**
 * The field client's outbox: state-changing commands (status changes, findings, the emergency alert)
 * wait here, persisted in localStorage with their commandIds, until the hub acknowledges them. They
 * are sent strictly in order, one at a time; a command whose ack was lost is sent again with the same
 * commandId and the hub applies it once. Pure functions plus a small storage wrapper (no React, no socket).
 */
import type { PositionFix, UnitStatus } from '../../server/protocol/dispatch';
import type { ResolutionDraft } from '../shared/resolution/draft';

/** A photo waiting to be uploaded before its finding is sent (the bytes live in IndexedDB, see photos.ts). */
export interface QueuedPhoto {
  name: string;
  type: string;
  size: number;
  /** Set once uploaded, so a replay does not upload it again. */
  photoId?: string;
  /** Before or after (absent in findings queued by an older version: sent without a mark). */
  kind?: 'before' | 'after';
}

interface QueuedBase {
  commandId: string;
  queuedAt: string;
}

export type QueuedCommand =
  | (QueuedBase & { kind: 'status'; status: UnitStatus; label: string; position?: PositionFix })
  /** `photos`: before/after photos, bytes in IndexedDB under photoKey(commandId, index); `photo`: one, queued by an older version. */
  | (QueuedBase & { kind: 'finding'; reportId: string; reportNumber: string; draft: ResolutionDraft; photo?: QueuedPhoto; photos?: QueuedPhoto[] })
  | (QueuedBase & { kind: 'emergency'; position?: PositionFix })
  /** Taking a report from the worklist (Worklist.tsx): the hub refuses it if another unit or the desk was first. */
  | (QueuedBase & { kind: 'take'; reportId: string; reportNumber: string });

/** The unit status once every queued status change is applied: what the buttons start from. */
export function effectiveStatus(serverStatus: UnitStatus, queue: readonly QueuedCommand[]): UnitStatus {
  let status = serverStatus;
  for (const item of queue) if (item.kind === 'status') status = item.status;
  return status;
}

// ---- persistence ----

const PREFIX = 'meldkamer.field.queue.';

function isQueuedCommand(value: unknown): value is QueuedCommand {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<QueuedCommand>;
  return (
    typeof v.commandId === 'string' &&
    typeof v.queuedAt === 'string' &&
    (v.kind === 'status' || v.kind === 'finding' || v.kind === 'emergency' || v.kind === 'take')
  );
}

/** The queue of one user (a shared phone keeps each unit's commands apart). */
export function loadQueue(userId: string): QueuedCommand[] {
  try {
    const raw = localStorage.getItem(PREFIX + userId);
    if (!raw) return [];
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter(isQueuedCommand) : [];
  } catch {
    return [];
  }
}

export function saveQueue(userId: string, queue: readonly QueuedCommand[]): void {
  try {
    if (queue.length === 0) localStorage.removeItem(PREFIX + userId);
    else localStorage.setItem(PREFIX + userId, JSON.stringify(queue));
  } catch {
    // storage full or unavailable: the queue lives in memory for this page
  }
}

/** How many commands wait on this device, over all users (shown on the login screen). */
export function totalQueued(): number {
  let total = 0;
  try {
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i);
      if (key?.startsWith(PREFIX)) total += loadQueue(key.slice(PREFIX.length)).length;
    }
  } catch {
    // no storage
  }
  return total;
}
