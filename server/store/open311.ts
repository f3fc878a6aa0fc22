import { type Expression, type Kysely, PostgresAdapter, type SqlBool, sql } from 'kysely';
import type { Outcome, ReportStatus } from '../protocol/report';
import { formatReportNumber } from './reports';
import type { DB } from './schema';

/** Reads and writes for the Open311 endpoints, straight from the reports table (no aggregates needed). */

/** A report as Open311 reads it, with what Open311 stored next to it. */
export interface RequestRecord {
  id: string;
  number: string;
  category: string;
  status: ReportStatus;
  outcome: Outcome | null;
  description: string;
  address: string | null;
  lat: number;
  lng: number;
  createdAt: string;
  updatedAt: string;
  /** YYYY-MM-DD while scheduled. */
  followUpDate: string | null;
  slaDeadline: string | null;
  mediaUrl: string | null;
  citizenToken: string | null;
  citizenCode: string | null;
  /** How it came in: only `open311` reports are public (README "Open311"). */
  source: string;
  /** Its category is sensitive: the public answer leaves out what identifies people (0006_privacy). */
  sensitive: boolean;
  /** The text of the newest message to the citizen, for `status_notes` (before its secrets are hidden). */
  latestMessage: string | null;
}

/** Which requests a list asks for: given `numbers`, only those (every other filter ignored). */
export interface RequestFilter {
  numbers?: number[] | undefined;
  serviceCodes?: string[] | undefined;
  statuses?: ('open' | 'closed')[] | undefined;
  /** requested_datetime range, inclusive, as ISO instants (UTC). */
  from: string;
  to: string;
  limit: number;
  /** Only reports that came in this way (the public list: `open311`). */
  source?: string | undefined;
}

/**
 * `column` is one of `values`, with the whole list bound as one parameter (SQLite `json_each`, PostgreSQL `= any`):
 * one statement for FixMyStreet's 20,000 ids, where an `in (…)` list may bind only so many values (SQLite 32,766,
 * PostgreSQL 65,535) and would be compiled and planned per piece.
 */
function oneOf(db: Kysely<DB>, column: string, values: readonly (string | number)[], pgType: 'bigint' | 'text'): Expression<SqlBool> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return sql<SqlBool>`${sql.ref(column)} = any(${values}::${sql.raw(pgType)}[])`;
  return sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`;
}

/** Values bound in one `in (…)` list. */
const IN_CHUNK = 5000;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const selectRequests = (db: Kysely<DB>) =>
  db
    .selectFrom('reports')
    .leftJoin('open311_requests', 'open311_requests.report_id', 'reports.id')
    .leftJoin('categories', 'categories.code', 'reports.category')
    .select([
      'reports.source',
      'categories.sensitive',
      'reports.id',
      'reports.number',
      'reports.category',
      'reports.status',
      'reports.outcome',
      'reports.description',
      'reports.address',
      'reports.lat',
      'reports.lng',
      'reports.created_at',
      'reports.updated_at',
      'reports.follow_up_date',
      'reports.sla_deadline',
      'reports.citizen_token',
      'reports.citizen_code',
      'open311_requests.media_url',
      // Per report through outbox_latest_message (its newest message first, no sort), in the same statement: a list
      // of report ids for the outbox would be as long as the poll's, and PostgreSQL reads the whole outbox for it.
      (eb) =>
        eb
          .selectFrom('outbox')
          .select('outbox.body_text')
          .whereRef('outbox.report_id', '=', 'reports.id')
          .orderBy('outbox.created_at', 'desc')
          .orderBy('outbox.id')
          .limit(1)
          .as('latest_message'),
    ]);

type SelectedRow = Awaited<ReturnType<ReturnType<typeof selectRequests>['execute']>>[number];

function toRecord(row: SelectedRow): RequestRecord {
  return {
    id: row.id,
    number: formatReportNumber(Number(row.number)),
    category: row.category,
    status: row.status as ReportStatus,
    outcome: (row.outcome ?? null) as Outcome | null,
    description: row.description,
    address: row.address,
    lat: Number(row.lat),
    lng: Number(row.lng),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    followUpDate: row.follow_up_date,
    slaDeadline: row.sla_deadline,
    mediaUrl: row.media_url ?? null,
    citizenToken: row.citizen_token,
    citizenCode: row.citizen_code,
    source: row.source,
    sensitive: Number(row.sensitive ?? 0) === 1,
    latestMessage: row.latest_message ?? null,
  };
}

export async function findRequests(db: Kysely<DB>, query: RequestFilter): Promise<RequestRecord[]> {
  const base = query.source ? selectRequests(db).where('reports.source', '=', query.source) : selectRequests(db);
  if (query.numbers) {
    if (query.numbers.length === 0) return [];
    const rows = await base.where(oneOf(db, 'reports.number', query.numbers, 'bigint')).execute();
    const byNumber = new Map(rows.map((r) => [Number(r.number), r]));
    // In the order asked for.
    return query.numbers.flatMap((n) => {
      const row = byNumber.get(n);
      return row ? [toRecord(row)] : [];
    });
  }
  let q = base
    .where('reports.created_at', '>=', query.from)
    .where('reports.created_at', '<=', query.to)
    .orderBy('reports.created_at', 'desc')
    .orderBy('reports.number', 'desc')
    .limit(query.limit);
  if (query.serviceCodes) q = q.where('reports.category', 'in', query.serviceCodes);
  const statuses = new Set(query.statuses ?? []);
  if (statuses.size === 1) q = q.where('reports.status', statuses.has('closed') ? '=' : '!=', 'closed');
  return (await q.execute()).map(toRecord);
}

export async function findRequestByNumber(db: Kysely<DB>, number: number): Promise<RequestRecord | undefined> {
  const row = await selectRequests(db).where('reports.number', '=', number).executeTakeFirst();
  return row ? toRecord(row) : undefined;
}

export async function recordOpen311Request(
  db: Kysely<DB>,
  row: {
    reportId: string;
    apiKeyId: string;
    attributes: unknown;
    mediaUrl?: string | undefined;
    deviceId?: string | undefined;
    accountId?: string | undefined;
    title?: string | undefined;
    at: string;
  },
): Promise<void> {
  await db
    .insertInto('open311_requests')
    .values({
      report_id: row.reportId,
      api_key_id: row.apiKeyId,
      attributes: JSON.stringify(row.attributes),
      media_url: row.mediaUrl ?? null,
      device_id: row.deviceId ?? null,
      account_id: row.accountId ?? null,
      title: row.title ?? null,
      created_at: row.at,
    })
    .execute();
}

/**
 * True when the report came in through a key whose app tells its users itself (`api_keys.send_messages` 0): the hub
 * sends its reporters no messages. Read by the report's creator, the key's system user, so it holds for the receipt
 * too (written before the Open311 row of the report).
 */
export async function messagesLeftToClient(db: Kysely<DB>, reportId: string): Promise<boolean> {
  const row = await db
    .selectFrom('reports')
    .innerJoin('api_keys', 'api_keys.user_id', 'reports.created_by')
    .select('api_keys.send_messages')
    .where('reports.id', '=', reportId)
    .executeTakeFirst();
  return row !== undefined && Number(row.send_messages) === 0;
}

/** A status change of one of a key's reports, as the event log holds it. */
export interface TransitionRow {
  seq: number;
  reportId: string;
  number: string;
  at: string;
  /** The event's payload: report snapshot, from, to, outcome, resolution, messages. */
  payload: string;
}

/** The status changes of the reports a key sent, with `at` in [from, to], oldest first (at most `limit`). */
export async function transitionsOfKey(
  db: Kysely<DB>,
  q: { apiKeyId: string; from: string; to: string; limit: number },
): Promise<TransitionRow[]> {
  const rows = await db
    .selectFrom('events')
    .innerJoin('open311_requests', 'open311_requests.report_id', 'events.report_id')
    .innerJoin('reports', 'reports.id', 'events.report_id')
    .select(['events.seq', 'events.report_id', 'events.at', 'events.payload', 'reports.number'])
    .where('events.type', '=', 'report.transitioned')
    .where('events.at', '>=', q.from)
    .where('events.at', '<=', q.to)
    .where('open311_requests.api_key_id', '=', q.apiKeyId)
    .orderBy('events.at')
    .orderBy('events.seq')
    .limit(q.limit)
    .execute();
  return rows.map((r) => ({
    seq: Number(r.seq),
    reportId: r.report_id ?? '',
    number: formatReportNumber(Number(r.number)),
    at: r.at,
    payload: r.payload,
  }));
}

/**
 * Every status change of these reports up to `to` (ISO instant), oldest first per report: how a change reads to the
 * citizen depends on the changes before it (http/open311/updates.ts citizenStatuses).
 */
export async function transitionHistory(db: Kysely<DB>, reportIds: readonly string[], to?: string): Promise<{ seq: number; reportId: string; payload: string }[]> {
  const out: { seq: number; reportId: string; payload: string }[] = [];
  for (const piece of chunks([...new Set(reportIds)], IN_CHUNK)) {
    let q = db
      .selectFrom('events')
      .select(['seq', 'report_id', 'payload'])
      .where('type', '=', 'report.transitioned')
      .where('report_id', 'in', piece);
    if (to) q = q.where('at', '<=', to);
    for (const row of await q.orderBy('seq').execute()) out.push({ seq: Number(row.seq), reportId: row.report_id ?? '', payload: row.payload });
  }
  return out;
}

/** The text of the message each report got at a moment for a trigger (one per report: reporters get the same text). */
export async function messagesAt(
  db: Kysely<DB>,
  keys: readonly { reportId: string; at: string; trigger: string }[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  const reportIds = [...new Set(keys.map((k) => k.reportId))];
  for (const piece of chunks(reportIds, IN_CHUNK)) {
    const rows = await db
      .selectFrom('outbox')
      .select(['report_id', 'created_at', 'trigger', 'body_text'])
      .where('report_id', 'in', piece)
      .orderBy('id')
      .execute();
    for (const row of rows) {
      const key = `${row.report_id} ${row.created_at} ${row.trigger}`;
      if (!found.has(key)) found.set(key, row.body_text);
    }
  }
  return found;
}

/** The reporters' names and salutations ("mevrouw Jansen") of these reports (to leave them out of public texts). */
export async function reporterNames(db: Kysely<DB>, reportIds: readonly string[]): Promise<Map<string, string[]>> {
  const names = new Map<string, string[]>();
  for (const piece of chunks(reportIds, IN_CHUNK)) {
    const rows = await db.selectFrom('reporters').select(['report_id', 'name', 'salutation']).where('report_id', 'in', piece).execute();
    for (const row of rows) {
      const given = [row.name, row.salutation].filter((n): n is string => !!n);
      if (given.length > 0) names.set(row.report_id, [...(names.get(row.report_id) ?? []), ...given]);
    }
  }
  return names;
}

/** Citizen access of reports (token and code), to leave them out of public texts. */
export async function citizenSecrets(db: Kysely<DB>, reportIds: readonly string[]): Promise<Map<string, { token: string | null; code: string | null }>> {
  const secrets = new Map<string, { token: string | null; code: string | null }>();
  for (const piece of chunks(reportIds, IN_CHUNK)) {
    const rows = await db.selectFrom('reports').select(['id', 'citizen_token', 'citizen_code']).where('id', 'in', piece).execute();
    for (const row of rows) secrets.set(row.id, { token: row.citizen_token, code: row.citizen_code });
  }
  return secrets;
}

export interface Open311Comment {
  id: string;
  apiKeyId: string;
  clientUpdateId: string;
  reportId: string;
  status: string;
  description: string;
  mediaUrl: string | null;
  at: string;
}

/** The comment a key already posted under this client update id, if any (idempotency). */
export async function findComment(db: Kysely<DB>, apiKeyId: string, clientUpdateId: string): Promise<Open311Comment | undefined> {
  const row = await db
    .selectFrom('open311_comments')
    .selectAll()
    .where('api_key_id', '=', apiKeyId)
    .where('client_update_id', '=', clientUpdateId)
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        apiKeyId: row.api_key_id,
        clientUpdateId: row.client_update_id,
        reportId: row.report_id,
        status: row.status,
        description: row.description,
        mediaUrl: row.media_url,
        at: row.created_at,
      }
    : undefined;
}

export async function insertComment(db: Kysely<DB>, c: Open311Comment): Promise<void> {
  await db
    .insertInto('open311_comments')
    .values({
      id: c.id,
      api_key_id: c.apiKeyId,
      client_update_id: c.clientUpdateId,
      report_id: c.reportId,
      status: c.status,
      description: c.description,
      media_url: c.mediaUrl,
      created_at: c.at,
    })
    .execute();
}

/** Which key sent a report, if it came in over Open311. */
export async function apiKeyOfReport(db: Kysely<DB>, reportId: string): Promise<string | undefined> {
  const row = await db.selectFrom('open311_requests').select('api_key_id').where('report_id', '=', reportId).executeTakeFirst();
  return row?.api_key_id;
}

/** The approved photo of the fix of each report that has one (its id): the public variant, never an original. */
export async function approvedPhotoIds(db: Kysely<DB>, reportIds: readonly string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const piece of chunks(reportIds, IN_CHUNK)) {
    const rows = await db
      .selectFrom('photos')
      .select(['id', 'report_id'])
      .where('report_id', 'in', piece)
      .where('approval_state', '=', 'approved')
      .where('approved_data', 'is not', null)
      .orderBy('approved_at', 'desc')
      .execute();
    for (const row of rows) if (!ids.has(row.report_id)) ids.set(row.report_id, row.id);
  }
  return ids;
}

/**
 * An approved photo's public variant for Open311 (`media_url`), by the photo's own unguessable id: only while it is
 * approved, of a report that came in over Open311, and not of a sensitive category (as the public request list).
 */
export async function publicApprovedPhoto(db: Kysely<DB>, photoId: string): Promise<Buffer | undefined> {
  const row = await db
    .selectFrom('photos')
    .innerJoin('reports', 'reports.id', 'photos.report_id')
    .leftJoin('categories', 'categories.code', 'reports.category')
    .select(['photos.approved_data', 'categories.sensitive'])
    .where('photos.id', '=', photoId)
    .where('photos.approval_state', '=', 'approved')
    .where('reports.source', '=', 'open311')
    .executeTakeFirst();
  if (!row?.approved_data || Number(row.sensitive ?? 0) === 1) return undefined;
  return Buffer.isBuffer(row.approved_data) ? row.approved_data : Buffer.from(row.approved_data);
}
