import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AgedKind } from '../domain/retention';
import type { RetentionLogEntry } from '../protocol/retention';
import type { DB } from './schema';

/** Rows deleted by age (position trails, expired sessions, the command log), the job's log and its lease. */

const AGED_TABLES = {
  positions: { table: 'unit_positions', column: 'at' },
  sessions: { table: 'sessions', column: 'expires_at' },
  commandLog: { table: 'command_log', column: 'at' },
} as const;

/** Deletes at most about `limit` rows of `kind` older than `cutoff` (oldest first); returns how many went. */
export async function deleteAged(trx: Kysely<DB>, kind: AgedKind, cutoff: string, limit: number): Promise<number> {
  const { table, column } = AGED_TABLES[kind];
  // The batch's newest timestamp: everything up to it goes (ties included), never past the cutoff.
  // biome-ignore lint/suspicious/noExplicitAny: one query over three tables with the same shape of time column
  const db = trx as Kysely<any>;
  const last = await db.selectFrom(table).select(column).where(column, '<', cutoff).orderBy(column).offset(limit - 1).limit(1).executeTakeFirst();
  const bound: string | undefined = last?.[column];
  const query = db.deleteFrom(table).where(column, '<', cutoff);
  const result = await (bound === undefined ? query : query.where(column, '<=', bound)).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export interface NewRetentionLogEntry {
  at: string;
  kind: string;
  count: number;
  reports: { id: string; number: string }[];
  eventSeq: number | null;
}

export async function insertRetentionLog(trx: Kysely<DB>, entry: NewRetentionLogEntry): Promise<void> {
  await trx
    .insertInto('retention_log')
    .values({ id: randomUUID(), at: entry.at, kind: entry.kind, count: entry.count, reports: JSON.stringify(entry.reports), event_seq: entry.eventSeq })
    .execute();
}

/** The log, newest first; `kind` narrows it, `before` pages back. */
export async function listRetentionLog(db: Kysely<DB>, query: { kind?: string | undefined; before?: string | undefined; limit: number }): Promise<RetentionLogEntry[]> {
  let select = db.selectFrom('retention_log').selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(query.limit);
  if (query.kind) select = select.where('kind', '=', query.kind);
  if (query.before) select = select.where('at', '<', query.before);
  const rows = await select.execute();
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    kind: r.kind as RetentionLogEntry['kind'],
    count: Number(r.count),
    reports: JSON.parse(r.reports) as RetentionLogEntry['reports'],
    eventSeq: r.event_seq === null ? null : Number(r.event_seq),
  }));
}

// ---- lease: one hub node runs a job at a time ----

/**
 * Takes the job's lease when it is free (or already ours) and the last run finished at least
 * `everyMs` ago: a conditional update exactly one node wins. Returns whether this node may run.
 */
export async function takeJobLease(db: Kysely<DB>, job: { name: string; owner: string; now: Date; leaseMs: number; everyMs: number }): Promise<boolean> {
  await db.insertInto('job_leases').values({ name: job.name, owner: null, lease_until: null, last_run_at: null }).onConflict((oc) => oc.column('name').doNothing()).execute();
  const now = job.now.toISOString();
  const lastRunBefore = new Date(job.now.getTime() - job.everyMs).toISOString();
  const result = await db
    .updateTable('job_leases')
    .set({ owner: job.owner, lease_until: new Date(job.now.getTime() + job.leaseMs).toISOString() })
    .where('name', '=', job.name)
    .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now), eb('owner', '=', job.owner)]))
    .where((eb) => eb.or([eb('last_run_at', 'is', null), eb('last_run_at', '<=', lastRunBefore)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Keeps the lease while a long run goes on; false when another node has taken it meanwhile. */
export async function renewJobLease(db: Kysely<DB>, job: { name: string; owner: string; now: Date; leaseMs: number }): Promise<boolean> {
  const result = await db
    .updateTable('job_leases')
    .set({ lease_until: new Date(job.now.getTime() + job.leaseMs).toISOString() })
    .where('name', '=', job.name)
    .where('owner', '=', job.owner)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** The run is done: the lease is given back and the time noted, so the next run is `everyMs` later, on any node. */
export async function finishJobLease(db: Kysely<DB>, job: { name: string; owner: string; now: Date; completed: boolean }): Promise<void> {
  await db
    .updateTable('job_leases')
    .set({ owner: null, lease_until: null, ...(job.completed ? { last_run_at: job.now.toISOString() } : {}) })
    .where('name', '=', job.name)
    .where('owner', '=', job.owner)
    .execute();
}
