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

function pageQuery(postgres: boolean, after: QueueCursor | null, limit: number) {
  const from = postgres ? sql`reports` : sql`reports indexed by reports_open_queue`;
  const keyset = after ? sql`and (created_at, id) < (${after.createdAt}, ${after.id})` : sql``;
  const row = postgres ? POSTGRES_ROW : SQLITE_ROW;
  // As text on PostgreSQL: pg would parse a json column into objects the route only serialises again. As a blob on
  // SQLite: better-sqlite3 hands it over as a Buffer, outside the JavaScript heap (see http/route.ts, JsonText).
  const aggregate = postgres
    ? sql`coalesce(json_agg(${row} order by created_at desc, id desc)::text, '[]')`
    : sql`cast(json_group_array(${row} order by created_at desc, id desc) as blob)`;
  // One row past the page says whether another follows; the page's last row is the cursor. Both are read here so
  // the JSON text never has to be parsed (both stores materialise a CTE that is read more than once).
  return sql<{ rows: string | Buffer; more: number | boolean; last_created_at: string | null; last_id: string | null; total: number | string }>`with page as (
      select * from ${from} where status <> 'closed' ${keyset} order by created_at desc, id desc limit ${limit + 1}
    ), shown as (
      select * from page order by created_at desc, id desc limit ${limit}
    )
    select (select ${aggregate} from shown) as rows,
      (select count(*) from page) > ${limit} as more,
      (select created_at from shown order by created_at asc, id asc limit 1) as last_created_at,
      (select id from shown order by created_at asc, id asc limit 1) as last_id,
      (select count(*) from reports where status <> 'closed') as total`;
}

/** A queue page whose reports are the JSON text of a `Report[]` as the database wrote it (UTF-8 bytes on SQLite). */
export interface QueuePageJson {
  reportsJson: string | Buffer;
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
    const answer = (await pageQuery(postgres, after, limit).execute(trx)).rows[0];
    const more = answer ? answer.more === true || answer.more === 1 : false;
    return {
      reportsJson: answer?.rows ?? '[]',
      next: more && answer?.last_created_at && answer.last_id ? { createdAt: answer.last_created_at, id: answer.last_id } : null,
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
