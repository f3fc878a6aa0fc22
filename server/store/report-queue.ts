import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type { Report } from '../protocol/report';
import { inSnapshot, latestSeq } from './events';
import type { DB } from './schema';

/** Where the next page of the open queue starts: after this report in the order newest first (created_at, id). */
export interface QueueCursor {
  createdAt: string;
  id: string;
}

export interface QueuePage {
  reports: Report[];
  /** Null on the last page. */
  next: QueueCursor | null;
  /** Open reports in this page's snapshot. */
  total: number;
  /** The seq of the last event this page includes. */
  seq: number;
}

/*
 * The page is built as one JSON array by the database (each row already a `Report`, as rowToReport in reports.ts
 * makes it) and parsed once: at 20,000 rows, materialising 20 columns per row as JS values cost about three times
 * the CPU of one JSON.parse. `status <> 'closed'` is written out (not a bound parameter) so SQLite can use the
 * partial index reports_open_queue (migration 0011), and SQLite is told to: with statistics it chose a narrower
 * partial index and a sort.
 */
const SQLITE_ROW = sql`json_object(
  'id', id,
  'number', case when number >= 1000000 then 'M-' || number else 'M-' || substr('00000' || number, -6) end,
  'category', category, 'lat', lat, 'lng', lng, 'address', address, 'description', description,
  'source', source, 'priority', priority, 'status', status, 'outcome', outcome,
  'hasReporter', json(case when reporter_count > 0 then 'true' else 'false' end), 'reporterCount', reporter_count,
  'followUpDate', follow_up_date, 'slaDeadline', sla_deadline,
  'delivery', case when outbox_failed > 0 then 'failed' when outbox_queued > 0 then 'queued' when outbox_sent > 0 then 'sent' else 'none' end,
  'createdAt', created_at, 'updatedAt', updated_at, 'version', version)`;

const POSTGRES_ROW = sql`json_build_object(
  'id', id,
  'number', 'M-' || lpad(number::text, greatest(6, length(number::text)), '0'),
  'category', category, 'lat', lat, 'lng', lng, 'address', address, 'description', description,
  'source', source, 'priority', priority, 'status', status, 'outcome', outcome,
  'hasReporter', reporter_count > 0, 'reporterCount', reporter_count,
  'followUpDate', follow_up_date, 'slaDeadline', sla_deadline,
  'delivery', case when outbox_failed > 0 then 'failed' when outbox_queued > 0 then 'queued' when outbox_sent > 0 then 'sent' else 'none' end,
  'createdAt', created_at, 'updatedAt', updated_at, 'version', version)`;

function sqlitePageQuery(after: QueueCursor | null, limit: number) {
  const keyset = after ? sql`and (created_at, id) < (${after.createdAt}, ${after.id})` : sql``;
  // A blob: better-sqlite3 hands it over as a Buffer, outside the JavaScript heap (see http/route.ts, JsonText).
  // One row past the page says whether another follows; the page's last row is the cursor. Both are read here so
  // the JSON is never parsed (SQLite materialises a CTE that is read more than once).
  return sql<{ rows: Buffer; more: number; last_created_at: string | null; last_id: string | null; total: number }>`with page as (
      select * from reports indexed by reports_open_queue where status <> 'closed' ${keyset}
      order by created_at desc, id desc limit ${limit + 1}
    ), shown as (
      select * from page order by created_at desc, id desc limit ${limit}
    )
    select (select cast(json_group_array(${SQLITE_ROW} order by created_at desc, id desc) as blob) from shown) as rows,
      (select count(*) from page) > ${limit} as more,
      (select created_at from shown order by created_at asc, id asc limit 1) as last_created_at,
      (select id from shown order by created_at asc, id asc limit 1) as last_id,
      (select count(*) from reports where status <> 'closed') as total`;
}

/*
 * On PostgreSQL each report comes as its own JSON text and they are copied into one Buffer: a whole page as one
 * json_agg value arrived as one multi-megabyte message (the driver's buffer doubling to hold it) and one string that
 * stays in V8's large-object space until a full collection; 5,000 short strings die young.
 */
async function postgresPage(trx: Kysely<DB>, after: QueueCursor | null, limit: number) {
  const keyset = after ? sql`and (created_at, id) < (${after.createdAt}, ${after.id})` : sql``;
  const { rows } = await sql<{ row: string; created_at: string; id: string }>`select ${POSTGRES_ROW}::text as row, created_at, id
    from reports where status <> 'closed' ${keyset} order by created_at desc, id desc limit ${limit + 1}`.execute(trx);
  const total = await sql<{ total: number | string }>`select count(*) as total from reports where status <> 'closed'`.execute(trx);
  const more = rows.length > limit;
  if (more) rows.pop();
  let size = 2 + Math.max(0, rows.length - 1);
  for (const r of rows) size += Buffer.byteLength(r.row);
  const bytes = Buffer.allocUnsafe(size);
  let at = bytes.write('[');
  rows.forEach((r, i) => {
    if (i > 0) at += bytes.write(',', at);
    at += bytes.write(r.row, at);
  });
  bytes.write(']', at);
  const last = rows[rows.length - 1];
  return { bytes, next: more && last ? { createdAt: last.created_at, id: last.id } : null, total: Number(total.rows[0]?.total ?? 0) };
}

/** A queue page whose reports are the JSON text of a `Report[]` as the database wrote it, in UTF-8. */
export interface QueuePageJson {
  reportsJson: Buffer;
  next: QueueCursor | null;
  total: number;
  seq: number;
}

/**
 * One page of the open reports, newest first, after `after` (keyset: created_at never changes, so paging never
 * skips or repeats a report), with the open total and the event seq it is consistent with, read in one snapshot.
 * A report opened or closed between pages reaches the client as an event after the first page's seq.
 * The reports stay JSON text: the route sends them as they are (50 consoles loading 5,000-row pages would otherwise
 * each hold the page three times over, as text, as objects and serialised again).
 */
export function openQueuePageJson(db: Kysely<DB>, after: QueueCursor | null, limit: number): Promise<QueuePageJson> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  return inSnapshot(db, async (trx) => {
    const seq = await latestSeq(trx);
    if (postgres) {
      const page = await postgresPage(trx, after, limit);
      return { reportsJson: page.bytes, next: page.next, total: page.total, seq };
    }
    const answer = (await sqlitePageQuery(after, limit).execute(trx)).rows[0];
    return {
      reportsJson: answer?.rows ?? Buffer.from('[]'),
      next: answer?.more && answer.last_created_at && answer.last_id ? { createdAt: answer.last_created_at, id: answer.last_id } : null,
      total: Number(answer?.total ?? 0),
      seq,
    };
  });
}

/** openQueuePageJson with the reports parsed. */
export async function openQueuePage(db: Kysely<DB>, after: QueueCursor | null, limit: number): Promise<QueuePage> {
  const page = await openQueuePageJson(db, after, limit);
  return { reports: JSON.parse(page.reportsJson.toString()) as Report[], next: page.next, total: page.total, seq: page.seq };
}
