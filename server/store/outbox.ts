import { currentRequestId } from '../request-context';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { OutboxMessageView } from '../protocol/detail';
import { countNewMessage, recountMessages } from './report-counts';
import type { DB, OutboxRow, OutboxStatus } from './schema';

export type OutboxChannel = OutboxRow['channel'];

export interface OutboxMessage {
  /** Defaults to a random UUID; the e-mail Message-ID and the SMS reference are derived from it. */
  id?: string;
  reportId: string;
  reporterId?: string | null;
  trigger: string;
  channel: OutboxChannel;
  recipient: string;
  subject: string;
  bodyText: string;
  bodyHtml?: string | null;
  /** ISO timestamp of the transaction that enqueues the message; it is due from then on. */
  at: string;
}

/** 30 s, 2 min, 10 min, 30 min, then hourly: the last step repeats. */
export const DEFAULT_BACKOFF_MS: readonly number[] = [30_000, 120_000, 600_000, 1_800_000, 3_600_000];

/** Call inside the caller's transaction, so the message exists if and only if the status change committed. */
export async function enqueueMessage(trx: Kysely<DB>, msg: OutboxMessage): Promise<OutboxRow> {
  const row: OutboxRow = {
    id: msg.id ?? randomUUID(),
    report_id: msg.reportId,
    reporter_id: msg.reporterId ?? null,
    trigger: msg.trigger,
    channel: msg.channel,
    recipient: msg.recipient,
    subject: msg.subject,
    body_text: msg.bodyText,
    body_html: msg.bodyHtml ?? null,
    status: 'queued',
    attempts: 0,
    next_attempt_at: msg.at,
    last_error: null,
    lease_owner: null,
    lease_until: null,
    created_at: msg.at,
    sent_at: null,
    request_id: currentRequestId(),
  };
  await trx.insertInto('outbox').values(row).execute();
  await countNewMessage(trx, row.report_id);
  return row;
}

export interface ClaimOptions {
  owner: string;
  now: Date;
  leaseMs: number;
  limit: number;
}

/**
 * Leases up to `limit` due messages to `owner`. Each lease is a conditional UPDATE that only succeeds while
 * the row is still unleased (or its lease expired), so concurrent hub nodes never hold the same message.
 * Portable: on PostgreSQL the UPDATE re-checks its WHERE after waiting for a competing row lock; SQLite has one writer.
 */
export async function claimDue(db: Kysely<DB>, { owner, now, leaseMs, limit }: ClaimOptions): Promise<OutboxRow[]> {
  const nowIso = now.toISOString();
  const leaseUntil = new Date(now.getTime() + leaseMs).toISOString();
  const candidates = await db
    .selectFrom('outbox')
    .selectAll()
    .where('status', '=', 'queued')
    .where('next_attempt_at', '<=', nowIso)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowIso)]))
    .orderBy('next_attempt_at')
    .orderBy('id')
    .limit(limit)
    .execute();
  const claimed: OutboxRow[] = [];
  for (const row of candidates) {
    const result = await db
      .updateTable('outbox')
      .set({ lease_owner: owner, lease_until: leaseUntil })
      .where('id', '=', row.id)
      .where('status', '=', 'queued')
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', nowIso)]))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) claimed.push({ ...row, lease_owner: owner, lease_until: leaseUntil });
  }
  return claimed;
}

async function getRow(db: Kysely<DB>, id: string): Promise<OutboxRow | undefined> {
  return db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The row after its status changed, with its report's delivery counts brought up to date (call in the same transaction). */
async function recounted(trx: Kysely<DB>, id: string): Promise<OutboxRow | undefined> {
  const row = await getRow(trx, id);
  if (row) await recountMessages(trx, [row.report_id]);
  return row;
}

/**
 * Records an accepted delivery, also when our lease expired meanwhile (the message did go out), unless another
 * node now holds a live lease on it: that node resends with the same Message-ID / reference, which receivers
 * dedupe, and records the outcome. Returns the updated row, or undefined when nothing was recorded.
 */
export async function markSent(db: Kysely<DB>, id: string, owner: string, at: Date): Promise<OutboxRow | undefined> {
  const result = await db
    .updateTable('outbox')
    .set((eb) => ({
      status: 'sent',
      sent_at: at.toISOString(),
      attempts: eb('attempts', '+', 1),
      last_error: null,
      lease_owner: null,
      lease_until: null,
    }))
    .where('id', '=', id)
    .where('status', '<>', 'sent')
    .where((eb) =>
      eb.or([eb('lease_owner', '=', owner), eb('lease_owner', 'is', null), eb('lease_until', '<', at.toISOString())]),
    )
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  return recounted(db, id);
}

export interface AttemptFailure {
  error: string;
  now: Date;
  maxAttempts: number;
  backoffMs?: readonly number[];
}

export function backoffDelay(attempts: number, backoffMs: readonly number[] = DEFAULT_BACKOFF_MS): number {
  if (backoffMs.length === 0) return 0;
  return backoffMs[Math.min(Math.max(attempts, 1), backoffMs.length) - 1] ?? 0;
}

/**
 * Records a failed attempt while `owner` still holds the lease: the message is queued again after a backoff,
 * or becomes 'failed' once it has had maxAttempts attempts. Returns undefined if the lease was lost.
 */
export async function markAttemptFailed(
  db: Kysely<DB>,
  id: string,
  owner: string,
  { error, now, maxAttempts, backoffMs = DEFAULT_BACKOFF_MS }: AttemptFailure,
): Promise<OutboxRow | undefined> {
  const row = await getRow(db, id);
  if (row?.status !== 'queued' || row.lease_owner !== owner) return undefined;
  const attempts = row.attempts + 1;
  const status: OutboxStatus = attempts >= maxAttempts ? 'failed' : 'queued';
  const next = status === 'queued' ? new Date(now.getTime() + backoffDelay(attempts, backoffMs)) : now;
  const result = await db
    .updateTable('outbox')
    .set({
      status,
      attempts,
      next_attempt_at: next.toISOString(),
      last_error: error.slice(0, 2000),
      lease_owner: null,
      lease_until: null,
    })
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .where('lease_owner', '=', owner)
    .where('attempts', '=', row.attempts)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  return recounted(db, id);
}

/** Gives a leased message back without counting an attempt (e.g. the worker stops before sending it). */
export async function releaseLease(db: Kysely<DB>, id: string, owner: string): Promise<void> {
  await db
    .updateTable('outbox')
    .set({ lease_owner: null, lease_until: null })
    .where('id', '=', id)
    .where('lease_owner', '=', owner)
    .where('status', '=', 'queued')
    .execute();
}

/**
 * Drops every lease held by `owner`. A worker starting under an owner name means any earlier process with that
 * name is gone, so its leased messages can go out now instead of after the lease expires.
 */
export async function releaseLeasesOf(db: Kysely<DB>, owner: string): Promise<number> {
  const result = await db
    .updateTable('outbox')
    .set({ lease_owner: null, lease_until: null })
    .where('lease_owner', '=', owner)
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * The shift lead's retry: a failed message is queued again, due now, with a fresh set of attempts.
 * last_error is kept until the next attempt replaces or clears it.
 */
export async function retryFailed(db: Kysely<DB>, id: string, now: Date): Promise<OutboxRow | undefined> {
  const result = await db
    .updateTable('outbox')
    .set({ status: 'queued', attempts: 0, next_attempt_at: now.toISOString(), lease_owner: null, lease_until: null })
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  return recounted(db, id);
}

/** A message as the console shows it. */
export function toMessageView(row: OutboxRow): OutboxMessageView {
  return {
    id: row.id,
    reportId: row.report_id,
    trigger: row.trigger,
    channel: row.channel,
    // An erased recipient (a citizen's right to erasure, retention) is stored as ''.
    recipient: row.recipient || null,
    subject: row.subject,
    text: row.body_text,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

export interface ListOutboxOptions {
  status?: OutboxStatus;
  reportId?: string;
  limit: number;
}

/** Newest first. */
export async function listOutbox(db: Kysely<DB>, { status, reportId, limit }: ListOutboxOptions): Promise<OutboxRow[]> {
  let query = db.selectFrom('outbox').selectAll();
  if (status) query = query.where('status', '=', status);
  if (reportId) query = query.where('report_id', '=', reportId);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

export interface MessageDelivery {
  id: string;
  trigger: string;
  channel: OutboxChannel;
  recipient: string;
  subject: string;
  status: OutboxStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface ReportDeliveryState {
  /** The worst state over the report's messages: failed, then queued, then sent; 'none' without messages. */
  state: OutboxStatus | 'none';
  messages: MessageDelivery[];
}

function toDelivery(row: OutboxRow): MessageDelivery {
  return {
    id: row.id,
    trigger: row.trigger,
    channel: row.channel,
    recipient: row.recipient,
    subject: row.subject,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.status === 'queued' ? row.next_attempt_at : null,
    lastError: row.last_error,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

export async function deliveryStateForReport(db: Kysely<DB>, reportId: string): Promise<ReportDeliveryState> {
  const rows = await db
    .selectFrom('outbox')
    .selectAll()
    .where('report_id', '=', reportId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const messages = rows.map(toDelivery);
  const has = (s: OutboxStatus) => messages.some((m) => m.status === s);
  const state = has('failed') ? 'failed' : has('queued') ? 'queued' : has('sent') ? 'sent' : 'none';
  return { state, messages };
}
