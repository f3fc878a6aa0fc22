import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { PositionFix, Unit, UnitKind, UnitStatus } from '../protocol/dispatch';
import { executeKeptBack } from './pg-pipeline';
import type { DB, UnitRow } from './schema';

export async function insertUnit(
  db: Kysely<DB>,
  unit: { callsign: string; kind: string; officerCount: number; lat?: number | null; lng?: number | null; at: string; status?: string },
): Promise<UnitRow> {
  const row: UnitRow = {
    id: randomUUID(),
    callsign: unit.callsign,
    kind: unit.kind,
    status: unit.status ?? 'uit_dienst',
    officer_count: unit.officerCount,
    lat: unit.lat ?? null,
    lng: unit.lng ?? null,
    position_at: unit.lat != null ? unit.at : null,
    updated_at: unit.at,
    status_since: unit.at,
    current_report_id: null,
    accuracy: null,
    heading: null,
    version: 0,
  };
  await db.insertInto('units').values(row).execute();
  return row;
}

export function rowToUnit(row: UnitRow): Unit {
  const position: PositionFix | null =
    row.lat != null && row.lng != null && row.position_at
      ? { lat: row.lat, lng: row.lng, accuracy: row.accuracy ?? 0, heading: row.heading, at: row.position_at }
      : null;
  return {
    id: row.id,
    callsign: row.callsign,
    kind: row.kind as UnitKind,
    officerCount: Math.min(2, Math.max(1, row.officer_count)),
    status: row.status as UnitStatus,
    statusSince: row.status_since ?? row.updated_at,
    currentReportId: row.current_report_id,
    position,
    version: Number(row.version),
  };
}

export async function listUnits(db: Kysely<DB>): Promise<Unit[]> {
  const rows = await db.selectFrom('units').selectAll().orderBy('callsign').execute();
  return rows.map(rowToUnit);
}

export async function getUnit(db: Kysely<DB>, id: string): Promise<Unit | undefined> {
  const row = await db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToUnit(row) : undefined;
}

export async function updateUnit(
  trx: Kysely<DB>,
  id: string,
  change: { status?: UnitStatus; currentReportId?: string | null; position?: PositionFix; at: string; version: number },
): Promise<void> {
  await trx
    .updateTable('units')
    .set({
      ...(change.status ? { status: change.status, status_since: change.at } : {}),
      ...(change.currentReportId !== undefined ? { current_report_id: change.currentReportId } : {}),
      ...(change.position
        ? {
            lat: change.position.lat,
            lng: change.position.lng,
            accuracy: change.position.accuracy,
            heading: change.position.heading,
            position_at: change.position.at,
          }
        : {}),
      updated_at: change.at,
      version: change.version,
    })
    .where('id', '=', id)
    .execute();
}

/**
 * The kept fixes of one broadcast interval (the position tracker thins them first): each unit's latest position and
 * its trail rows, in ONE transaction: one commit (one fsync on SQLite) a second instead of two per kept fix.
 */
export async function saveTrail(db: Kysely<DB>, fixes: readonly { unitId: string; fix: PositionFix }[]): Promise<void> {
  if (fixes.length === 0) return;
  const latest = new Map<string, PositionFix>();
  for (const { unitId, fix } of fixes) {
    const kept = latest.get(unitId);
    if (!kept || kept.at <= fix.at) latest.set(unitId, fix);
  }
  await db.transaction().execute(async (trx) => {
    // Kept back: on PostgreSQL the updates go with the trail INSERT below, one round trip (store/pg-pipeline.ts).
    for (const [unitId, fix] of latest) {
      await executeKeptBack(
        trx,
        trx.updateTable('units').set({ lat: fix.lat, lng: fix.lng, accuracy: fix.accuracy, heading: fix.heading, position_at: fix.at }).where('id', '=', unitId),
      );
    }
    await trx
      .insertInto('unit_positions')
      .values(fixes.map(({ unitId, fix }) => ({ unit_id: unitId, at: fix.at, lat: fix.lat, lng: fix.lng, accuracy: fix.accuracy, heading: fix.heading })))
      .onConflict((oc) => oc.columns(['unit_id', 'at']).doNothing())
      .execute();
  });
}
