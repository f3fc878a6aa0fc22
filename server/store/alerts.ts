import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { ALERT_KINDS, seesAlert } from '../domain/alert-kinds';
import type { Role } from '../protocol/auth';
import type { DomainText } from '../protocol/common';
import type { Alert } from '../protocol/dispatch';
import type { AlertRow, DB } from './schema';

export function rowToAlert(row: AlertRow): Alert {
  return {
    id: row.id,
    kind: row.kind as Alert['kind'],
    reportId: row.report_id,
    unitId: row.unit_id,
    message: row.message,
    ...(row.text ? { text: JSON.parse(row.text) as DomainText } : {}),
    createdAt: row.created_at,
    ackedAt: row.acked_at,
    ackedBy: row.acked_by,
    position: row.lat != null && row.lng != null ? { lat: row.lat, lng: row.lng } : null,
    ...(row.address_checked_at
      ? { address: row.address_label != null ? { label: row.address_label, distanceM: row.address_distance_m ?? 0 } : null }
      : {}),
    ...(row.escalation ? { escalation: row.escalation as NonNullable<Alert['escalation']> } : {}),
  };
}

export async function insertAlert(
  trx: Kysely<DB>,
  a: { kind: Alert['kind']; reportId?: string | null; unitId?: string | null; text: DomainText; position?: { lat: number; lng: number } | null; at: string },
): Promise<Alert> {
  const row: AlertRow = {
    id: randomUUID(),
    kind: a.kind,
    report_id: a.reportId ?? null,
    unit_id: a.unitId ?? null,
    message: a.text.message,
    text: JSON.stringify(a.text),
    lat: a.position?.lat ?? null,
    lng: a.position?.lng ?? null,
    created_at: a.at,
    acked_at: null,
    acked_by: null,
    address_label: null,
    address_distance_m: null,
    address_checked_at: null,
    escalation: null,
  };
  await trx.insertInto('alerts').values(row).execute();
  return rowToAlert(row);
}

/** Acknowledges once: the first dispatcher wins, later acks see undefined. */
export async function ackAlert(trx: Kysely<DB>, id: string, by: string, at: string): Promise<Alert | undefined> {
  const result = await trx
    .updateTable('alerts')
    .set({ acked_at: at, acked_by: by })
    .where('id', '=', id)
    .where('acked_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  const row = await trx.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToAlert(row) : undefined;
}

/** The open alerts; with a role, only the kinds whose audience it is in (domain/alert-kinds.ts). */
export async function openAlerts(db: Kysely<DB>, role?: Role): Promise<Alert[]> {
  let query = db.selectFrom('alerts').selectAll().where('acked_at', 'is', null);
  if (role) {
    const kinds = (Object.keys(ALERT_KINDS) as Alert['kind'][]).filter((kind) => seesAlert(kind, role));
    if (kinds.length === 0) return [];
    query = query.where('kind', 'in', kinds);
  }
  const rows = await query.orderBy('created_at').execute();
  return rows.map(rowToAlert);
}

export async function getAlert(db: Kysely<DB>, id: string): Promise<Alert | undefined> {
  const row = await db.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToAlert(row) : undefined;
}

/** The open alerts about a report, of the given kinds. */
export async function openAlertsOfReport(db: Kysely<DB>, reportId: string, kinds: readonly Alert['kind'][]): Promise<Alert[]> {
  if (kinds.length === 0) return [];
  const rows = await db
    .selectFrom('alerts')
    .selectAll()
    .where('report_id', '=', reportId)
    .where('kind', 'in', [...kinds])
    .where('acked_at', 'is', null)
    .orderBy('created_at')
    .execute();
  return rows.map(rowToAlert);
}

/** An alert whose condition came true ends by itself: closed at `at` by no one (`ackedBy` null). Undefined if it was closed already. */
export async function expireAlert(trx: Kysely<DB>, id: string, at: string): Promise<Alert | undefined> {
  const result = await trx
    .updateTable('alerts')
    .set({ acked_at: at, acked_by: null })
    .where('id', '=', id)
    .where('acked_at', 'is', null)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  return getAlert(trx, id);
}

/** The callsign of the unit a (field) user works in, if any. */
export async function callsignOfUser(db: Kysely<DB>, userId: string): Promise<string | null> {
  const row = await db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .select('units.callsign')
    .where('users.id', '=', userId)
    .executeTakeFirst();
  return row?.callsign ?? null;
}

/** Records the nearest address of an alert's position (null: none found, or the source failed); the alert after. */
export async function setAlertAddress(
  trx: Kysely<DB>,
  id: string,
  address: { label: string; distanceM: number } | null,
  at: string,
): Promise<Alert | undefined> {
  await trx
    .updateTable('alerts')
    .set({ address_label: address?.label ?? null, address_distance_m: address ? Math.round(address.distanceM) : null, address_checked_at: at })
    .where('id', '=', id)
    .execute();
  const row = await trx.selectFrom('alerts').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToAlert(row) : undefined;
}
