import { type Kysely, PostgresAdapter, sql } from 'kysely';
import { seesAlert } from '../domain/alert-kinds';
import { type ReplayState, emptyState, fixesToColumns, replayAlert, replayReport, replayReportTuple, replayUnit, snapshotFromWire, toReplayEvent } from '../domain/replay';
import type { Role } from '../protocol/auth';
import type { HubEvent } from '../protocol/events';
import { REPLAY_REPORT_FIELDS, type ReplayEvent, type ReplayReportTuple, type ReplaySnapshot, type ReplaySnapshotWire, type ReplayWindow } from '../protocol/replay';
import { inSnapshot } from './events';
import { QUEUE_ROW_SQL } from './report-queue';
import { rowToAlert } from './alerts';
import { rowToUnit } from './units';
import type { AlertRow, DB, UnitRow } from './schema';

/**
 * Shift replay's reads (domain/replay.ts): the state at an instant and the events and fixes of a window after it.
 *
 * The state at t without folding the whole log: every entity the log did not change after t is as its row is now;
 * one it did change is as the last event at or before t left it. So: the last seq at or before t (index events_at,
 * migration 0042), the reports and units the events after it touched, and for those their last snapshot at or before
 * it (reports by events_report, units by the partial expression index events_unit). Alerts from their table
 * (raised at or before t, not acknowledged by then), positions from the trail (each unit's last fix of the hour
 * before t, found per unit by the trail's primary key; else its row's position if that is older than t).
 */

const BATCH = 500;
// Literally as migration 0042 wrote them, so SQLite uses the partial expression index.
const UNIT_EVENT_TYPES = sql.raw("('unit.updated', 'assignment.updated')");
const SQLITE_UNIT_ID = (table: string) => sql.raw(`json_extract(${table}.payload, '$.unit.id')`);
const PG_UNIT_ID = (table: string) => sql.raw(`((${table}.payload::jsonb) -> 'unit' ->> 'id')`);
const POSITION_LOOKBACK_MS = 3_600_000;

const isPostgres = (db: Kysely<DB>) => db.getExecutor().adapter instanceof PostgresAdapter;

function payloadEvent(row: { seq: number | string; type: string; at: string; actor_id: string | null; payload: string }): HubEvent {
  return { ...(JSON.parse(row.payload) as object), seq: Number(row.seq), type: row.type, at: row.at, actorId: row.actor_id } as HubEvent;
}

/** The last seq at or before `t` (0 before the first event). */
async function seqAt(db: Kysely<DB>, t: string): Promise<number> {
  const row = await db.selectFrom('events').select('seq').where('at', '<=', t).orderBy('at', 'desc').orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return Number(row?.seq ?? 0);
}

/**
 * The open reports at t that the log did not touch after seq, as their rows are now: one JSON array of
 * ReplayReportTuple built by the database from the open queue's covering index (migration 0011), never 20,000 row
 * objects in JavaScript (a city's older open reports are most of a snapshot). A blob on SQLite, text on PostgreSQL
 * (see store/report-queue.ts). `status <> 'closed'` is written out so SQLite can use the partial index.
 */
async function untouchedReportsJson(db: Kysely<DB>, seq: number, t: string): Promise<string | Buffer> {
  const postgres = isPostgres(db);
  const fields = sql.join(REPLAY_REPORT_FIELDS.map((f) => (postgres ? QUEUE_ROW_SQL[f].postgres : QUEUE_ROW_SQL[f].sqlite)));
  const aggregate = postgres ? sql`coalesce(json_agg(json_build_array(${fields}))::text, '[]')` : sql`cast(coalesce(json_group_array(json_array(${fields})), '[]') as blob)`;
  const from = postgres ? sql`reports` : sql`reports indexed by reports_open_queue`;
  const result = await sql<{ rows: string | Buffer }>`select ${aggregate} as rows from ${from}
    where status <> 'closed' and created_at <= ${t}
      and id not in (select report_id from events where seq > ${seq} and report_id is not null)`.execute(db);
  return result.rows[0]?.rows ?? '[]';
}

/** The reports the log touched after seq, each as its last event at or before seq left it (none: not yet made). */
async function touchedReportsAt(db: Kysely<DB>, seq: number): Promise<ReplayReportTuple[]> {
  const out: ReplayReportTuple[] = [];
  const touched = await db.selectFrom('events').select('report_id').distinct().where('seq', '>', seq).where('report_id', 'is not', null).execute();
  const ids = touched.map((r) => r.report_id as string);
  for (let i = 0; i < ids.length; i += BATCH) {
    const chunk = ids.slice(i, i + BATCH);
    const rows = await db
      .selectFrom('events')
      .select(['seq', 'type', 'at', 'actor_id', 'payload'])
      .where('seq', 'in', (eb) =>
        eb.selectFrom('events').select((e) => e.fn.max('seq').as('seq')).where('report_id', 'in', chunk).where('seq', '<=', seq).groupBy('report_id'),
      )
      .execute();
    for (const row of rows) {
      const event = payloadEvent(row);
      if (!('report' in event) || event.report.status === 'closed') continue;
      out.push(replayReportTuple(replayReport(event.report)));
    }
  }
  return out;
}

async function unitsAt(db: Kysely<DB>, state: ReplayState, seq: number): Promise<void> {
  const postgres = isPostgres(db);
  const unitId = postgres ? PG_UNIT_ID : SQLITE_UNIT_ID;
  const rows = (await db.selectFrom('units').selectAll().execute()) as UnitRow[];
  for (const row of rows) {
    const unit = rowToUnit(row);
    state.units.set(unit.id, replayUnit(unit));
  }
  // The units the log touched after seq (read by seq: SQLite would otherwise walk the whole unit index for the
  // DISTINCT), each with its last unit event at or before seq found by the partial expression index events_unit:
  // one statement, not one round trip per unit.
  const after = postgres ? sql.raw('events t') : sql.raw('events as t not indexed');
  const found = await sql<{ seq: number; type: string; at: string; actor_id: string | null; payload: string }>`select e.seq, e.type, e.at, e.actor_id, e.payload
     from events e where e.seq in (
       select (select x.seq from events x where x.type in ${UNIT_EVENT_TYPES} and ${unitId('x')} = touched.unit_id and x.seq <= ${seq}
               order by x.seq desc limit 1)
       from (select distinct ${unitId('t')} as unit_id from ${after} where t.seq > ${seq} and t.type in ${UNIT_EVENT_TYPES}) touched)`.execute(db);
  for (const row of found.rows) {
    const event = payloadEvent(row);
    if ('unit' in event) state.units.set(event.unit.id, replayUnit(event.unit));
  }
}

async function alertsAt(db: Kysely<DB>, state: ReplayState, t: string, role: Role): Promise<void> {
  const rows = (await db
    .selectFrom('alerts')
    .selectAll()
    .where('created_at', '<=', t)
    .where((eb) => eb.or([eb('acked_at', 'is', null), eb('acked_at', '>', t)]))
    .execute()) as AlertRow[];
  for (const row of rows) {
    if (!seesAlert(row.kind as Parameters<typeof seesAlert>[0], role)) continue;
    state.alerts.set(row.id, replayAlert(rowToAlert(row)));
  }
}

async function positionsAt(db: Kysely<DB>, state: ReplayState, t: string): Promise<void> {
  const since = new Date(Date.parse(t) - POSITION_LOOKBACK_MS).toISOString();
  // Per unit its last fix by the trail's primary key (unit_id, at): 500 index seeks, not every fix of the hour.
  // CROSS JOIN keeps SQLite's order (units outside); a plain JOIN let it scan the whole trail.
  const last = await sql<ReplayFixRow>`select p.unit_id, p.at, p.lat, p.lng
       from (select u.id as uid, (select max(q.at) from unit_positions q where q.unit_id = u.id and q.at > ${since} and q.at <= ${t}) as mat
               from units u) m
       cross join unit_positions p where p.unit_id = m.uid and p.at = m.mat`.execute(db);
  for (const r of last.rows) state.positions.set(r.unit_id, { unitId: r.unit_id, at: r.at, lat: r.lat, lng: r.lng });
  const rows = await db.selectFrom('units').select(['id', 'lat', 'lng', 'position_at']).where('position_at', '<=', t).execute();
  for (const r of rows) {
    if (state.positions.has(r.id) || r.lat === null || r.lng === null || r.position_at === null) continue;
    state.positions.set(r.id, { unitId: r.id, at: r.position_at, lat: r.lat, lng: r.lng });
  }
}

interface ReplayFixRow {
  unit_id: string;
  at: string;
  lat: number;
  lng: number;
}

/**
 * The control room at instant `t` as `role` may see it (domain/replay.ts), read on one snapshot of the database, as
 * the hub sends it: the reports as tuples, the untouched ones still the JSON text the database wrote (`reportsJson`,
 * an array of ReplayReportTuple), the others in `snapshot.reports`.
 */
export interface ReplaySnapshotParts {
  snapshot: ReplaySnapshotWire;
  reportsJson: string | Buffer;
}

export function replaySnapshotParts(db: Kysely<DB>, t: string, role: Role): Promise<ReplaySnapshotParts> {
  return inSnapshot(db, async (trx) => {
    const seq = await seqAt(trx, t);
    const state = emptyState(t, seq);
    const reportsJson = await untouchedReportsJson(trx, seq, t);
    const reports = await touchedReportsAt(trx, seq);
    await unitsAt(trx, state, seq);
    await alertsAt(trx, state, t, role);
    await positionsAt(trx, state, t);
    const snapshot: ReplaySnapshotWire = {
      at: state.at,
      seq: state.seq,
      reports,
      units: [...state.units.values()].sort((a, b) => a.callsign.localeCompare(b.callsign)),
      alerts: [...state.alerts.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt)),
      positions: [...state.positions.values()],
    };
    return { snapshot, reportsJson };
  });
}

/** The control room at instant `t` as `role` may see it, as objects (replaySnapshotParts decoded). */
export async function replaySnapshotAt(db: Kysely<DB>, t: string, role: Role): Promise<ReplaySnapshot> {
  const { snapshot, reportsJson } = await replaySnapshotParts(db, t, role);
  const untouched = JSON.parse(reportsJson.toString()) as ReplayReportTuple[];
  return snapshotFromWire({ ...snapshot, reports: [...untouched, ...snapshot.reports] });
}

/** The events (as `role` sees them) and position fixes of the window (from, until], in time order. */
export async function replayWindow(db: Kysely<DB>, from: string, until: string, role: Role): Promise<ReplayWindow> {
  return inSnapshot(db, async (trx) => {
    const rows = await trx
      .selectFrom('events')
      .select(['seq', 'type', 'at', 'actor_id', 'payload'])
      .where('at', '>', from)
      .where('at', '<=', until)
      .orderBy('seq')
      .execute();
    const events: ReplayEvent[] = [];
    for (const row of rows) {
      const event = toReplayEvent(payloadEvent(row), role);
      if (event) events.push(event);
    }
    const fixRows = await trx
      .selectFrom('unit_positions')
      .select(['unit_id as unitId', 'at', 'lat', 'lng'])
      .where('at', '>', from)
      .where('at', '<=', until)
      .orderBy('at')
      .execute();
    return { from, until, events, fixes: fixesToColumns(fixRows, from) };
  });
}
