import type { Kysely } from 'kysely';
import type { ReportStatus } from '../protocol/report';
import { formatReportNumber } from './reports';
import type { DB } from './schema';

/** Reads and writes for the Open311 endpoints, straight from the reports table (no aggregates needed). */

/** A report as Open311 reads it, with what Open311 stored next to it. */
export interface RequestRecord {
  id: string;
  number: string;
  category: string;
  status: ReportStatus;
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
    ]);

type SelectedRow = Awaited<ReturnType<ReturnType<typeof selectRequests>['execute']>>[number];

function toRecord(row: SelectedRow): RequestRecord {
  return {
    id: row.id,
    number: formatReportNumber(Number(row.number)),
    category: row.category,
    status: row.status as ReportStatus,
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
  };
}

export async function findRequests(db: Kysely<DB>, query: RequestFilter): Promise<RequestRecord[]> {
  const base = query.source ? selectRequests(db).where('reports.source', '=', query.source) : selectRequests(db);
  if (query.numbers) {
    if (query.numbers.length === 0) return [];
    const rows = await base.where('reports.number', 'in', query.numbers).execute();
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

/** The newest citizen message of each report (its text), for `status_notes`. */
export async function latestMessages(db: Kysely<DB>, reportIds: readonly string[]): Promise<Map<string, string>> {
  const latest = new Map<string, string>();
  if (reportIds.length === 0) return latest;
  const rows = await db
    .selectFrom('outbox')
    .select(['report_id', 'body_text'])
    .where('report_id', 'in', [...reportIds])
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
  for (const row of rows) if (!latest.has(row.report_id)) latest.set(row.report_id, row.body_text);
  return latest;
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
      created_at: row.at,
    })
    .execute();
}
