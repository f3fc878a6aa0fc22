import { type Kysely, type RawBuilder, sql } from 'kysely';
import pg from 'pg';
import { Report } from '../protocol/report';
import { decodeQueueRows, QUEUE_ROW_FIELDS, type QueueRow, type QueueRowField } from '../protocol/report-queue';
import { inSnapshot, latestSeq } from './events';
import { pgPoolOf } from './open';
import type { DB } from './schema';

/** Where the next page of the open queue starts: after this report in the order newest first (created_at, id). */
export interface QueueCursor {
  createdAt: string;
  id: string;
}

export interface QueuePage {
  rows: QueueRow[];
  /** Null on the last page. */
  next: QueueCursor | null;
  /** Open reports in this page's snapshot. */
  total: number;
  /** The seq of the last event this page includes. */
  seq: number;
}

/**
 * Each field of the slim queue row (protocol/report-queue.ts, QUEUE_ROW_FIELDS) as SQL on both stores, with the
 * columns it reads: a new field is one entry here. The value must be what rowToReport (store/reports.ts) makes of
 * the row, so the queue's row and an event's report agree. Every column is in reports_open_queue (migrations 0011,
 * 0032, 0053), so the page is read from the index alone (on PostgreSQL an index-only scan; the description is not
 * in the index, which is why the slim row leaves it out).
 */
export const QUEUE_ROW_SQL: Record<QueueRowField, { columns: string[]; sqlite: RawBuilder<unknown>; postgres: RawBuilder<unknown> }> = {
  id: { columns: ['id'], sqlite: sql`id`, postgres: sql`id` },
  number: {
    columns: ['number'],
    sqlite: sql`case when number >= 1000000 then 'M-' || number else 'M-' || substr('00000' || number, -6) end`,
    postgres: sql`'M-' || lpad(number::text, greatest(6, length(number::text)), '0')`,
  },
  category: { columns: ['category'], sqlite: sql`category`, postgres: sql`category` },
  lat: { columns: ['lat'], sqlite: sql`lat`, postgres: sql`lat` },
  lng: { columns: ['lng'], sqlite: sql`lng`, postgres: sql`lng` },
  address: { columns: ['address'], sqlite: sql`address`, postgres: sql`address` },
  priority: { columns: ['priority'], sqlite: sql`priority`, postgres: sql`priority` },
  status: { columns: ['status'], sqlite: sql`status`, postgres: sql`status` },
  followUpDate: { columns: ['follow_up_date'], sqlite: sql`follow_up_date`, postgres: sql`follow_up_date` },
  slaDeadline: { columns: ['sla_deadline'], sqlite: sql`sla_deadline`, postgres: sql`sla_deadline` },
  delivery: {
    columns: ['outbox_failed', 'outbox_queued', 'outbox_sent'],
    sqlite: sql`case when outbox_failed > 0 then 'failed' when outbox_queued > 0 then 'queued' when outbox_sent > 0 then 'sent' else 'none' end`,
    postgres: sql`case when outbox_failed > 0 then 'failed' when outbox_queued > 0 then 'queued' when outbox_sent > 0 then 'sent' else 'none' end`,
  },
  createdAt: { columns: ['created_at'], sqlite: sql`created_at`, postgres: sql`created_at` },
  version: { columns: ['version'], sqlite: sql`version`, postgres: sql`version` },
  slaAtRiskFrom: { columns: ['sla_at_risk_from'], sqlite: sql`sla_at_risk_from`, postgres: sql`sla_at_risk_from` },
  parentNumber: {
    columns: ['parent_number'],
    sqlite: sql`case when parent_number is null then null when parent_number >= 1000000 then 'M-' || parent_number else 'M-' || substr('00000' || parent_number, -6) end`,
    postgres: sql`case when parent_number is null then null else 'M-' || lpad(parent_number::text, greatest(6, length(parent_number::text)), '0') end`,
  },
  partCount: { columns: ['part_count'], sqlite: sql`part_count`, postgres: sql`part_count` },
  awaitingReplySince: { columns: ['awaiting_reply_since'], sqlite: sql`awaiting_reply_since`, postgres: sql`awaiting_reply_since` },
};

const PAGE_COLUMNS = sql.raw([...new Set(['created_at', 'id', ...QUEUE_ROW_FIELDS.flatMap((f) => QUEUE_ROW_SQL[f].columns)])].join(', '));
const SQLITE_ROW = sql`json_array(${sql.join(QUEUE_ROW_FIELDS.map((f) => QUEUE_ROW_SQL[f].sqlite))})`;

/*
 * SQLite: the page is built as one JSON array of row tuples by the database and sent as it is (see openQueuePageJson).
 * `status <> 'closed'` is written out (not a bound parameter) so SQLite can use the partial index
 * reports_open_queue (migration 0011), and SQLite is told to: with statistics it chose a narrower partial index and
 * a sort. The rows come newest first from the index, nothing sorted, and the aggregate takes them in that order.
 * Where the next page starts is a second statement in the same snapshot: the index entries at the page's last place
 * and one past it (an offset walk of the index's keys, ~0.2 ms for 5,000). Measured on the 1M fixture, the page's
 * statement is half the time it was with a window function (row_number) marking those two rows in the one pass
 * (7.3 against 13.3 ms per 5,000 rows), and that one pass was half the time of reading the page into a CTE and
 * sorting it again.
 */
const SQLITE_OPEN = sql`from reports indexed by reports_open_queue where status <> 'closed'`;
const SQLITE_ORDER = sql`order by created_at desc, id desc`;

function sqliteKeyset(after: QueueCursor | null) {
  return after ? sql`and (created_at, id) < (${after.createdAt}, ${after.id})` : sql``;
}

function sqlitePageQuery(after: QueueCursor | null, limit: number) {
  // As a blob: better-sqlite3 hands it over as a Buffer, outside the JavaScript heap (see http/route.ts, JsonText).
  return sql<{ rows: Buffer; total: number }>`select cast(coalesce(json_group_array(${SQLITE_ROW}), '[]') as blob) as rows,
      (select count(*) from reports where status <> 'closed') as total
    from (select ${PAGE_COLUMNS} ${SQLITE_OPEN} ${sqliteKeyset(after)} ${SQLITE_ORDER} limit ${limit}) as page`;
}

/** The page's last row and the one after it: two rows when another page follows. */
function sqliteCursorQuery(after: QueueCursor | null, limit: number) {
  return sql<{ created_at: string; id: string }>`select created_at, id ${SQLITE_OPEN} ${sqliteKeyset(after)} ${SQLITE_ORDER}
    limit 2 offset ${limit - 1}`;
}

async function sqlitePage(trx: Kysely<DB>, after: QueueCursor | null, limit: number): Promise<Omit<QueuePageJson, 'seq'>> {
  // The cursor's offset below 0 would read as 0: a page of 0 rows would name the first row as its last and skip it.
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`a queue page holds at least one row (asked: ${limit})`);
  const answer = (await sqlitePageQuery(after, limit).execute(trx)).rows[0];
  const [last, beyond] = (await sqliteCursorQuery(after, limit).execute(trx)).rows;
  return {
    rowsJson: answer?.rows ?? '[]',
    next: last && beyond ? { createdAt: last.created_at, id: last.id } : null,
    total: Number(answer?.total ?? 0),
  };
}

/*
 * PostgreSQL: the page's rows come as plain rows (arrays in the tuple's order) and the hub writes the JSON, 400 rows
 * at a time, as the rows arrive. Measured on the 1M fixture (docs/BENCHMARKS.md, "The open queue after issue 11"):
 * json_build_array and json_agg cost the database about twice what reading the rows does, and the aggregate came to
 * the hub as one multi-megabyte string, which V8 keeps in its large-object space until a full collection (50
 * consoles loading the queue left 70-150 MB of them). Here no row outlives its chunk and no string is larger than a
 * chunk's JSON (~80 KB, below V8's large-object size). The route writes each chunk to the client as it comes
 * (writeQueuePageJson): a page gathered into Buffers lived long enough to reach V8's old generation, and 50 queue
 * loads piled up ~60 MB of dead page Buffers before a full collection freed them ("Hub memory", third pass). The
 * rows are streamed on a pool client of its own (pg's row events; Kysely reads a whole result first), the page's seq
 * and open total read in the same statement (see postgresPageQuery).
 */
const OPEN_TOTAL = sql`(select count(*) from reports where status <> 'closed')`;
const LATEST_SEQ = sql`(select coalesce(max(seq), 0) from events)`;
/** Fields the row gives as numbers: pg hands bigint columns over as text (json_build_array wrote them as numbers). */
const NUMBER_AT = QUEUE_ROW_FIELDS.flatMap((f, i) => (Report.shape[f].safeParse(1).success ? [i] : []));
const CREATED_AT = QUEUE_ROW_FIELDS.indexOf('createdAt');
const ID = QUEUE_ROW_FIELDS.indexOf('id');
const JSON_CHUNK_ROWS = 400;

/**
 * Rows (tuples in QUEUE_ROW_FIELDS order) written as the JSON text of a `QueueRowTuple[]`, a chunk of rows at a time:
 * `write` gets the text in pieces which, joined in order, are the array.
 */
export class TuplesJson {
  private chunk: unknown[][] = [];
  private started = false;

  constructor(private readonly write: (piece: string) => void) {}

  add(tuple: unknown[]): void {
    for (const i of NUMBER_AT) if (typeof tuple[i] === 'string') tuple[i] = Number(tuple[i]);
    this.chunk.push(tuple);
    if (this.chunk.length >= JSON_CHUNK_ROWS) this.flush();
  }

  /** Writes the rows not yet written and the array's end. */
  end(): void {
    this.flush();
    this.write(this.started ? ']' : '[]');
  }

  private flush(): void {
    if (this.chunk.length === 0) return;
    const json = JSON.stringify(this.chunk);
    this.write(this.started ? `,${json.slice(1, -1)}` : json.slice(0, -1));
    this.started = true;
    this.chunk = [];
  }
}

/*
 * The page's rows with the open total and the latest seq as the last two columns: each an InitPlan computed once,
 * and all three read in the one snapshot a single statement has, so a page is one round trip (no BEGIN, seq read,
 * COMMIT around it: at 5 pages per queue load those were two thirds of the round trips, and on a loaded machine each
 * is a wait for the scheduler).
 */
function postgresPageQuery(after: QueueCursor | null, limit: number) {
  const keyset = after ? sql`and (created_at, id) < (${after.createdAt}, ${after.id})` : sql``;
  return sql`select ${sql.join(QUEUE_ROW_FIELDS.map((f) => QUEUE_ROW_SQL[f].postgres))}, ${OPEN_TOTAL}, ${LATEST_SEQ}
    from reports where status <> 'closed' ${keyset} order by created_at desc, id desc limit ${limit + 1}`;
}

interface StreamedPage {
  rows: number;
  last: unknown[] | undefined;
  total: number | undefined;
  seq: number | undefined;
}

/** Streams the page's rows (pg's row events, arrays) into JSON pieces for `write` as they arrive. */
function streamPage(client: pg.PoolClient, text: string, values: unknown[], limit: number, write: (piece: string) => void): Promise<StreamedPage> {
  const json = new TuplesJson(write);
  const page: StreamedPage = { rows: 0, last: undefined, total: undefined, seq: undefined };
  return new Promise<StreamedPage>((resolve, reject) => {
    const config: pg.QueryArrayConfig = { text, values, rowMode: 'array' };
    const query = client.query(new pg.Query(config));
    query.on('row', (row: unknown[]) => {
      page.rows++;
      const seq = row.pop();
      const openTotal = row.pop();
      page.total ??= Number(openTotal);
      page.seq ??= Number(seq);
      if (page.rows > limit) return;
      page.last = row;
      json.add(row);
    });
    query.on('end', () => {
      if (page.rows > 0) json.end();
      resolve(page);
    });
    query.on('error', reject);
  });
}

async function postgresPage(db: Kysely<DB>, pool: pg.Pool, after: QueueCursor | null, limit: number, write: (piece: string) => void): Promise<QueuePageEnd> {
  const query = postgresPageQuery(after, limit).compile(db);
  const client = await pool.connect();
  let failed: Error | undefined;
  try {
    let page = await streamPage(client, query.sql, [...query.parameters], limit, write);
    if (page.rows === 0) {
      // No row to carry the total and seq: read the page again with them in one repeatable-read snapshot (an empty
      // page read apart from them could miss a report opened in between whose event is at or before that seq).
      // Nothing was written yet: an empty page writes its rows only here.
      await client.query('begin isolation level repeatable read read only');
      page = await streamPage(client, query.sql, [...query.parameters], limit, write);
      if (page.rows === 0) {
        const read = await client.query(`select ${OPEN_TOTAL.compile(db).sql} as total, ${LATEST_SEQ.compile(db).sql} as seq`);
        page.total = Number(read.rows[0]?.total ?? 0);
        page.seq = Number(read.rows[0]?.seq ?? 0);
        write('[]');
      }
      await client.query('commit');
    }
    const next = page.rows > limit && page.last ? { createdAt: String(page.last[CREATED_AT]), id: String(page.last[ID]) } : null;
    return { next, total: page.total ?? 0, seq: page.seq ?? 0 };
  } catch (err) {
    failed = err instanceof Error ? err : new Error(String(err));
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    // A client whose query failed mid-stream goes back as broken: the pool drops it instead of reusing it.
    client.release(failed);
  }
}

/** A queue page whose rows are the JSON text of a `QueueRowTuple[]` as the database wrote it (UTF-8 bytes on SQLite). */
export interface QueuePageJson extends QueuePageEnd {
  rowsJson: string | Buffer;
}

/** What follows a page's rows: where the next page starts, the open total, the seq. */
export interface QueuePageEnd {
  next: QueueCursor | null;
  total: number;
  seq: number;
}

/**
 * One page of the open reports as slim rows, newest first, after `after` (keyset: created_at never changes, so
 * paging never skips or repeats a report), with the open total and the event seq it is consistent with, read in one
 * snapshot. A report opened or closed between pages reaches the client as an event after the first page's seq.
 * The rows stay JSON text: the route sends them as they are (50 consoles loading 5,000-row pages would otherwise
 * each hold the page three times over, as text, as objects and serialised again). `write` gets that text in pieces,
 * in order, as they are read: on PostgreSQL a piece per 400 rows, on SQLite the whole array (the database's blob).
 * A page that fails may have written some pieces first.
 */
export function writeQueuePageJson(db: Kysely<DB>, after: QueueCursor | null, limit: number, write: (piece: string | Buffer) => void): Promise<QueuePageEnd> {
  const pool = pgPoolOf(db);
  if (pool) return postgresPage(db, pool, after, limit, write);
  return inSnapshot(db, async (trx) => {
    const seq = await latestSeq(trx);
    const { rowsJson, ...end } = await sqlitePage(trx, after, limit);
    write(rowsJson);
    return { ...end, seq };
  });
}

/** writeQueuePageJson with the page's rows gathered into one JSON text. */
export async function openQueuePageJson(db: Kysely<DB>, after: QueueCursor | null, limit: number): Promise<QueuePageJson> {
  const pieces: (string | Buffer)[] = [];
  const end = await writeQueuePageJson(db, after, limit, (piece) => pieces.push(piece));
  const rowsJson = pieces.length === 1 ? (pieces[0] as string | Buffer) : pieces.join('');
  return { rowsJson, ...end };
}

/** openQueuePageJson with the rows parsed and made objects, as the console does. */
export async function openQueuePage(db: Kysely<DB>, after: QueueCursor | null, limit: number): Promise<QueuePage> {
  const page = await openQueuePageJson(db, after, limit);
  const rows = decodeQueueRows(QUEUE_ROW_FIELDS, JSON.parse(page.rowsJson.toString()) as unknown[][]);
  return { rows, next: page.next, total: page.total, seq: page.seq };
}
