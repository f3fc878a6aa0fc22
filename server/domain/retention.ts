/**
 * Retention (AVG): how long each kind of personal data is kept, and what erasing it means. Pure rules;
 * the job (hub/retention-job.ts) runs them through commands (commands/retention.ts) on the store.
 *
 * Per report, counted from closing: the reporter's contact details (and with them the free-text
 * description, the citizen's status link and code, and what an Open311 app sent about its user),
 * the citizen messages (recipient and text), the citizen's comments (and the replies to them in the
 * timeline), the photos; after `reportYears` the whole report. Not per report: officers' position
 * trails, expired sessions and the command log (idempotency), counted from when they were written.
 */

export interface RetentionSettings {
  /** How often the job runs. */
  intervalMinutes: number;
  /** Reports (or rows) per transaction, so the write lock is never held long. */
  batchSize: number;
  contactDays: number;
  messageDays: number;
  commentDays: number;
  photoDays: number;
  positionDays: number;
  /** Days after a session expired. */
  sessionDays: number;
  commandLogDays: number;
  reportYears: number;
}

export const RETENTION_DEFAULTS: RetentionSettings = {
  intervalMinutes: 60,
  batchSize: 500,
  contactDays: 365,
  messageDays: 365,
  commentDays: 365,
  photoDays: 365,
  positionDays: 30,
  sessionDays: 7,
  commandLogDays: 30,
  reportYears: 5,
};

/** What replaces erased free text (a description, a message's recipient and text). */
export const ANONYMISED = '[geanonimiseerd]';

/** Kinds erased per closed report, each after its own period. */
export const REPORT_DATA_KINDS = ['contacts', 'messages', 'comments', 'photos'] as const;
export type ReportDataKind = (typeof REPORT_DATA_KINDS)[number];

/** Kinds deleted by age, not per report. */
export const AGED_KINDS = ['positions', 'sessions', 'commandLog'] as const;
export type AgedKind = (typeof AGED_KINDS)[number];

export type RetentionKind = ReportDataKind | AgedKind | 'reports';
export const RETENTION_KINDS: readonly RetentionKind[] = [...REPORT_DATA_KINDS, ...AGED_KINDS, 'reports'];

const DAY_MS = 86_400_000;

const PERIOD_DAYS: Record<ReportDataKind | AgedKind, keyof RetentionSettings> = {
  contacts: 'contactDays',
  messages: 'messageDays',
  comments: 'commentDays',
  photos: 'photoDays',
  positions: 'positionDays',
  sessions: 'sessionDays',
  commandLog: 'commandLogDays',
};

/** The moment before which data of this kind is erased (closing time, record time or expiry), as ISO. */
export function retentionCutoff(kind: RetentionKind, settings: RetentionSettings, now: Date): string {
  if (kind === 'reports') {
    const cutoff = new Date(now.getTime());
    cutoff.setUTCFullYear(cutoff.getUTCFullYear() - settings.reportYears);
    return cutoff.toISOString();
  }
  return new Date(now.getTime() - settings[PERIOD_DAYS[kind]] * DAY_MS).toISOString();
}

/** What an event payload loses when a kind of its report's data is erased. */
export type EventRedaction = 'description' | 'citizenText';

/**
 * An event payload (as stored: without seq, type, at, actor) with the erased data taken out, or
 * null when nothing in it changes. `description`: the report snapshot's free text; `citizenText`:
 * the citizen's comment and the note of a transition (the citizen's comment, or the reply to it).
 */
export function redactEventPayload(type: string, payload: Record<string, unknown>, redaction: EventRedaction): Record<string, unknown> | null {
  if (redaction === 'description') {
    const report = payload.report as Record<string, unknown> | undefined;
    if (!report || typeof report !== 'object' || report.description === ANONYMISED || typeof report.description !== 'string') return null;
    return { ...payload, report: { ...report, description: ANONYMISED } };
  }
  // The reporter's answer to the desk's question: in the note and in the question snapshot (commands/reporter-question.ts).
  if (type === 'report.question' && payload.step === 'answered' && payload.note !== null && payload.note !== undefined) {
    const question = payload.question as Record<string, unknown> | undefined;
    return { ...payload, note: null, ...(question && typeof question === 'object' ? { question: { ...question, answer: null } } : {}) };
  }
  const field = type === 'report.transitioned' ? 'note' : type === 'report.citizen_response' ? 'comment' : null;
  if (!field || payload[field] === null || payload[field] === undefined) return null;
  return { ...payload, [field]: null };
}
