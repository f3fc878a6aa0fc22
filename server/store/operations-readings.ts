import { type Kysely, sql } from 'kysely';
import { ReportStatus } from '../protocol/report';
import type { DB } from './schema';

/** What the monitoring endpoint (http/metrics.ts) and the paper fallback read from the store: counts, no personal data. */

/** Every status but closed, named: the read seeks them in reports_status_created instead of scanning every report. */
const OPEN_STATUSES = ReportStatus.options.filter((status) => status !== 'closed');

/**
 * Open reports per status, read at every scrape of GET /metrics. `status <> 'closed'` walked the whole status index (a
 * year of a big city is mostly closed reports: ~190 ms of the embedded store's event loop at 1M reports); the open
 * statuses named are a few index seeks.
 */
export function openReportsByStatusQuery(db: Kysely<DB>) {
  return db
    .selectFrom('reports')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .where('status', 'in', OPEN_STATUSES)
    .groupBy('status');
}

export async function openReportsByStatus(db: Kysely<DB>): Promise<{ status: string; n: number }[]> {
  const rows = await openReportsByStatusQuery(db).execute();
  return rows.map((r) => ({ status: r.status, n: Number(r.n) }));
}

export async function unitsByStatus(db: Kysely<DB>): Promise<{ status: string; n: number }[]> {
  const rows = await db
    .selectFrom('units')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('status')
    .execute();
  return rows.map((r) => ({ status: r.status, n: Number(r.n) }));
}

export interface OutboxState {
  queued: number;
  failed: number;
  /** created_at of the oldest message still queued, or null. */
  oldestQueuedAt: string | null;
}

export async function outboxState(db: Kysely<DB>): Promise<OutboxState> {
  const rows = await db
    .selectFrom('outbox')
    .select(['status', (eb) => eb.fn.countAll<number | string>().as('n'), (eb) => eb.fn.min('created_at').as('oldest')])
    .where('status', 'in', ['queued', 'failed'])
    .groupBy('status')
    .execute();
  const queued = rows.find((r) => r.status === 'queued');
  const failed = rows.find((r) => r.status === 'failed');
  return { queued: Number(queued?.n ?? 0), failed: Number(failed?.n ?? 0), oldestQueuedAt: (queued?.oldest as string | undefined) ?? null };
}

export interface EmergencyState {
  open: number;
  /** started_at of the oldest open emergency no console has acknowledged yet, or null. */
  oldestUnackedAt: string | null;
}

export async function emergencyState(db: Kysely<DB>): Promise<EmergencyState> {
  const row = await db
    .selectFrom('emergencies')
    .select([
      (eb) => eb.fn.countAll<number | string>().as('open'),
      (eb) => eb.fn.min(eb.case().when('acked_at', 'is', null).then(eb.ref('started_at')).end()).as('oldest'),
    ])
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return { open: Number(row?.open ?? 0), oldestUnackedAt: (row?.oldest as string | null | undefined) ?? null };
}

/** The database server's clock (PostgreSQL); null on SQLite, whose clock is this process's own. */
export async function databaseClock(db: Kysely<DB>, kind: 'sqlite' | 'postgres'): Promise<Date | null> {
  if (kind === 'sqlite') return null;
  const { rows } = await sql<{ now: Date | string }>`select now() as now`.execute(db);
  const now = rows[0]?.now;
  return now === undefined ? null : new Date(now);
}
