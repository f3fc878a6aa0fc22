import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB, UnitRow } from './schema';

export async function insertUnit(
  db: Kysely<DB>,
  unit: { callsign: string; kind: string; officerCount: number; lat?: number | null; lng?: number | null; at: string },
): Promise<UnitRow> {
  const row: UnitRow = {
    id: randomUUID(),
    callsign: unit.callsign,
    kind: unit.kind,
    status: 'uit_dienst',
    officer_count: unit.officerCount,
    lat: unit.lat ?? null,
    lng: unit.lng ?? null,
    position_at: unit.lat != null ? unit.at : null,
    updated_at: unit.at,
  };
  await db.insertInto('units').values(row).execute();
  return row;
}

export async function listUnits(db: Kysely<DB>): Promise<UnitRow[]> {
  return db.selectFrom('units').selectAll().orderBy('callsign').execute();
}
