import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role } from '../protocol/auth';
import type { AccessAction, AccessLogEntry } from '../protocol/privacy';
import { formatReportNumber } from './reports';
import type { DB } from './schema';

/** The access log of personal data: who viewed, searched, exported or erased a citizen's contact details. */

export interface AccessRecord {
  userId: string;
  role: Role;
  action: AccessAction;
  route: string;
  reportId?: string | null;
  subject?: string | null;
  subjectHash?: string | null;
  reason?: string | null;
  at: string;
}

/** One row per record; call inside the transaction that reads what is shown, so a view is logged if and only if it was answered. */
export async function recordAccess(trx: Kysely<DB>, records: readonly AccessRecord[]): Promise<void> {
  if (records.length === 0) return;
  await trx
    .insertInto('access_log')
    .values(
      records.map((r) => ({
        id: randomUUID(),
        at: r.at,
        user_id: r.userId,
        role: r.role,
        action: r.action,
        route: r.route,
        report_id: r.reportId ?? null,
        subject: r.subject ?? null,
        subject_hash: r.subjectHash ?? null,
        reason: r.reason ?? null,
      })),
    )
    .execute();
}

export interface AccessLogFilter {
  reportId?: string | undefined;
  userId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
}

/** Newest first, with the user's name and the report's number. */
export async function listAccessLog(db: Kysely<DB>, filter: AccessLogFilter): Promise<AccessLogEntry[]> {
  let query = db
    .selectFrom('access_log')
    .leftJoin('users', 'users.id', 'access_log.user_id')
    .leftJoin('reports', 'reports.id', 'access_log.report_id')
    .select([
      'access_log.id',
      'access_log.at',
      'access_log.user_id',
      'access_log.role',
      'access_log.action',
      'access_log.route',
      'access_log.report_id',
      'access_log.subject',
      'access_log.reason',
      'users.username',
      'users.display_name',
      'reports.number',
    ]);
  if (filter.reportId) query = query.where('access_log.report_id', '=', filter.reportId);
  if (filter.userId) query = query.where('access_log.user_id', '=', filter.userId);
  if (filter.from) query = query.where('access_log.at', '>=', new Date(filter.from).toISOString());
  if (filter.to) query = query.where('access_log.at', '<=', new Date(filter.to).toISOString());
  const rows = await query.orderBy('access_log.at', 'desc').orderBy('access_log.id').limit(filter.limit).execute();
  return rows.map((row) => ({
    id: row.id,
    at: row.at,
    userId: row.user_id,
    username: row.username ?? null,
    displayName: row.display_name ?? null,
    role: row.role as Role,
    action: row.action as AccessAction,
    route: row.route,
    reportId: row.report_id,
    reportNumber: row.number === null || row.number === undefined ? null : formatReportNumber(Number(row.number)),
    subject: row.subject,
    reason: row.reason,
  }));
}
