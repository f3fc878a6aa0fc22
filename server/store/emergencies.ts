import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Alert, PositionFix, UnitStatus } from '../protocol/dispatch';
import type { Emergency, OpenEmergency } from '../protocol/emergency';
import { rowToAlert } from './alerts';
import type { DB } from './schema';

export async function alertById(db: Kysely<DB>, id: string): Promise<Alert | undefined> {
  const row = await db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToAlert(row) : undefined;
}

const EMERGENCY_COLUMNS = [
  'e.id',
  'e.unit_id',
  'e.source',
  'e.alert_id',
  'e.previous_status',
  'e.report_id',
  'e.lat',
  'e.lng',
  'e.started_at',
  'e.started_by',
  'e.start_note',
  'e.acked_at',
  'e.acked_by',
  'e.ended_at',
  'e.ended_by',
  'e.end_note',
  'e.return_status',
  'u.callsign',
  'a.address_label',
  'a.address_distance_m',
  'a.address_checked_at',
] as const;

function baseQuery(db: Kysely<DB>) {
  return db
    .selectFrom('emergencies as e')
    .innerJoin('units as u', 'u.id', 'e.unit_id')
    .leftJoin('alerts as a', 'a.id', 'e.alert_id')
    .select(EMERGENCY_COLUMNS);
}

type EmergencyRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

async function withAssists(db: Kysely<DB>, rows: EmergencyRow[]): Promise<Emergency[]> {
  if (rows.length === 0) return [];
  const assists = await db
    .selectFrom('emergency_assists as x')
    .innerJoin('units as u', 'u.id', 'x.unit_id')
    .select(['x.emergency_id', 'x.unit_id', 'x.distance_m', 'x.requested_at', 'u.callsign'])
    .where(
      'x.emergency_id',
      'in',
      rows.map((r) => r.id),
    )
    .orderBy('x.distance_m')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    unitId: r.unit_id,
    callsign: r.callsign,
    source: r.source === 'desk' ? 'desk' : 'field',
    alertId: r.alert_id,
    previousStatus: r.previous_status as UnitStatus,
    reportId: r.report_id,
    position: r.lat != null && r.lng != null ? { lat: r.lat, lng: r.lng } : null,
    ...(r.address_checked_at ? { address: r.address_label != null ? { label: r.address_label, distanceM: r.address_distance_m ?? 0 } : null } : {}),
    startedAt: r.started_at,
    startedBy: r.started_by,
    startNote: r.start_note,
    ackedAt: r.acked_at,
    ackedBy: r.acked_by,
    endedAt: r.ended_at,
    endedBy: r.ended_by,
    endNote: r.end_note,
    returnStatus: (r.return_status as UnitStatus | null) ?? null,
    assists: assists
      .filter((x) => x.emergency_id === r.id)
      .map((x) => ({ unitId: x.unit_id, callsign: x.callsign, distanceM: x.distance_m == null ? null : Math.round(x.distance_m), at: x.requested_at })),
  }));
}

export async function getEmergency(db: Kysely<DB>, id: string): Promise<Emergency | undefined> {
  const row = await baseQuery(db).where('e.id', '=', id).executeTakeFirst();
  return row ? (await withAssists(db, [row]))[0] : undefined;
}

/** The unit's open emergency (not ended), if any. */
export async function openEmergencyOfUnit(db: Kysely<DB>, unitId: string): Promise<Emergency | undefined> {
  const row = await baseQuery(db).where('e.unit_id', '=', unitId).where('e.ended_at', 'is', null).executeTakeFirst();
  return row ? (await withAssists(db, [row]))[0] : undefined;
}

export async function emergencyOfAlert(db: Kysely<DB>, alertId: string): Promise<Emergency | undefined> {
  const row = await baseQuery(db).where('e.alert_id', '=', alertId).executeTakeFirst();
  return row ? (await withAssists(db, [row]))[0] : undefined;
}

/** Open emergencies that asked this unit to assist. */
export async function openAssistsOfUnit(db: Kysely<DB>, unitId: string): Promise<Emergency[]> {
  const rows = await baseQuery(db)
    .innerJoin('emergency_assists as x', 'x.emergency_id', 'e.id')
    .where('x.unit_id', '=', unitId)
    .where('e.ended_at', 'is', null)
    .orderBy('e.started_at')
    .execute();
  return withAssists(db, rows);
}

/** Every open emergency, oldest first, each with the unit's last `trailLength` stored fixes (oldest first). */
export async function openEmergencies(db: Kysely<DB>, trailLength = 10): Promise<OpenEmergency[]> {
  const open = await withAssists(db, await baseQuery(db).where('e.ended_at', 'is', null).orderBy('e.started_at').execute());
  const result: OpenEmergency[] = [];
  for (const e of open) {
    const fixes = await db
      .selectFrom('unit_positions')
      .select(['at', 'lat', 'lng', 'accuracy', 'heading'])
      .where('unit_id', '=', e.unitId)
      .orderBy('at', 'desc')
      .limit(trailLength)
      .execute();
    const trail: PositionFix[] = fixes.reverse().map((f) => ({ lat: f.lat, lng: f.lng, accuracy: f.accuracy ?? 0, heading: f.heading ?? null, at: f.at }));
    result.push({ ...e, trail });
  }
  return result;
}

export async function insertEmergency(
  trx: Kysely<DB>,
  e: {
    unitId: string;
    source: 'field' | 'desk';
    alertId: string | null;
    previousStatus: UnitStatus;
    reportId: string | null;
    position: { lat: number; lng: number } | null;
    at: string;
    by: string | null;
    note: string | null;
    acked: boolean;
  },
): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('emergencies')
    .values({
      id,
      unit_id: e.unitId,
      source: e.source,
      alert_id: e.alertId,
      previous_status: e.previousStatus,
      report_id: e.reportId,
      lat: e.position?.lat ?? null,
      lng: e.position?.lng ?? null,
      started_at: e.at,
      started_by: e.by,
      start_note: e.note,
      acked_at: e.acked ? e.at : null,
      acked_by: e.acked ? e.by : null,
      ended_at: null,
      ended_by: null,
      end_note: null,
      return_status: null,
    })
    .execute();
  return id;
}

/** A new press after the emergency was seen: its new alert, and unseen again. */
export async function realarmEmergency(trx: Kysely<DB>, id: string, alertId: string): Promise<void> {
  await trx.updateTable('emergencies').set({ alert_id: alertId, acked_at: null, acked_by: null }).where('id', '=', id).where('ended_at', 'is', null).execute();
}

/** Acknowledges once: false when it was acknowledged (or ended) already. */
export async function ackEmergency(trx: Kysely<DB>, id: string, by: string, at: string): Promise<boolean> {
  const result = await trx
    .updateTable('emergencies')
    .set({ acked_at: at, acked_by: by })
    .where('id', '=', id)
    .where('acked_at', 'is', null)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends once: false when it had ended already. An end also counts as seen. */
export async function endEmergency(trx: Kysely<DB>, id: string, e: { by: string; at: string; note: string; returnStatus: UnitStatus }): Promise<boolean> {
  const row = await trx.selectFrom('emergencies').select(['acked_at']).where('id', '=', id).executeTakeFirst();
  const result = await trx
    .updateTable('emergencies')
    .set({
      ended_at: e.at,
      ended_by: e.by,
      end_note: e.note,
      return_status: e.returnStatus,
      ...(row?.acked_at ? {} : { acked_at: e.at, acked_by: e.by }),
    })
    .where('id', '=', id)
    .where('ended_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Records the units asked to assist; a unit asked before keeps its first request. Returns the ones new. */
export async function insertAssists(
  trx: Kysely<DB>,
  emergencyId: string,
  units: readonly { unitId: string; distanceM: number | null }[],
  by: string,
  at: string,
): Promise<string[]> {
  const asked = new Set(
    (await trx.selectFrom('emergency_assists').select('unit_id').where('emergency_id', '=', emergencyId).execute()).map((r) => r.unit_id),
  );
  const fresh = units.filter((u) => !asked.has(u.unitId));
  if (fresh.length === 0) return [];
  await trx
    .insertInto('emergency_assists')
    .values(fresh.map((u) => ({ emergency_id: emergencyId, unit_id: u.unitId, distance_m: u.distanceM, requested_at: at, requested_by: by })))
    .execute();
  return fresh.map((u) => u.unitId);
}
