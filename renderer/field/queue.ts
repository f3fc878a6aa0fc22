/**
 * The field client's outbox: state-changing commands (status changes, findings, the emergency alert)
 * wait here, persisted in localStorage with their commandIds, until the hub acknowledges them. They
 * are sent strictly in order, one at a time; a command whose ack was lost is sent again with the same
 * commandId and the hub applies it once. Pure functions plus a small storage wrapper (no React, no socket).
 */
import type { PositionFix, UnitStatus } from '../../server/protocol/dispatch';

/** What the finding form holds: strings only, so a half-filled form survives a reload and a refusal. */
export interface FindingDraft {
  kind: '' | 'close' | 'schedule';
  outcome: string;
  referredTo: string;
  foundCode: string;
  foundText: string;
  actionCode: string;
  actionText: string;
  followUpDate: string;
  followUpWhat: string;
  followUpWho: string;
}

export const EMPTY_DRAFT: FindingDraft = {
  kind: '',
  outcome: '',
  referredTo: '',
  foundCode: '',
  foundText: '',
  actionCode: '',
  actionText: '',
  followUpDate: '',
  followUpWhat: '',
  followUpWho: '',
};

/** A photo waiting to be uploaded before its finding is sent (the bytes live in IndexedDB, see photos.ts). */
export interface QueuedPhoto {
  name: string;
  type: string;
  size: number;
  /** Set once uploaded, so a replay does not upload it again. */
  photoId?: string;
}

interface QueuedBase {
  commandId: string;
  queuedAt: string;
}

export type QueuedCommand =
  | (QueuedBase & { kind: 'status'; status: UnitStatus; label: string; position?: PositionFix })
  | (QueuedBase & { kind: 'finding'; reportId: string; reportNumber: string; draft: FindingDraft; photo?: QueuedPhoto })
  | (QueuedBase & { kind: 'emergency'; position?: PositionFix });

/** The resolution proposal the hub validates (server/domain/resolution.ts), built from the form's strings. */
export function resolutionFromDraft(draft: FindingDraft): Record<string, unknown> {
  const resolution: Record<string, unknown> = {
    kind: draft.kind,
    found: { code: draft.foundCode, text: draft.foundText.trim() },
    action: { code: draft.actionCode, text: draft.actionText.trim() },
  };
  const followUpGiven = [draft.followUpDate, draft.followUpWhat, draft.followUpWho].some((v) => v.trim() !== '');
  if (draft.kind === 'schedule' || followUpGiven) {
    resolution.followUp = { date: draft.followUpDate, what: draft.followUpWhat.trim(), who: draft.followUpWho.trim() };
  }
  if (draft.kind === 'close') {
    resolution.outcome = draft.outcome;
    if (draft.outcome === 'referred') resolution.referredTo = draft.referredTo.trim();
  }
  return resolution;
}

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
    (v.kind === 'status' || v.kind === 'finding' || v.kind === 'emergency')
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
