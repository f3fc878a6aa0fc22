import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Alert } from '../protocol/dispatch';
import type { CheckIn } from '../protocol/safety';
import { rowToAlert } from './alerts';
import type { DB } from './schema';
import type { UnitCheckInTable } from './schema-safety';

/** Check-in requests to units (domain/safety-timers.ts) and the escalation level of their alerts. */

function rowToCheckIn(row: UnitCheckInTable): CheckIn & { statusSince: string; alertId: string | null } {
  return {
    id: row.id,
    unitId: row.unit_id,
    requestedAt: row.requested_at,
    answeredAt: row.answered_at,
    cancelledAt: row.cancelled_at,
    level: Number(row.level),
    statusSince: row.status_since,
    alertId: row.alert_id,
  };
}

export type StoredCheckIn = ReturnType<typeof rowToCheckIn>;

export function publicCheckIn(c: StoredCheckIn): CheckIn {
  return { id: c.id, unitId: c.unitId, requestedAt: c.requestedAt, answeredAt: c.answeredAt, cancelledAt: c.cancelledAt, level: c.level };
}

export async function openCheckInOfUnit(db: Kysely<DB>, unitId: string): Promise<StoredCheckIn | undefined> {
  const row = await db
    .selectFrom('unit_check_ins')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('answered_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  return row ? rowToCheckIn(row) : undefined;
}

export async function getCheckIn(db: Kysely<DB>, id: string): Promise<StoredCheckIn | undefined> {
  const row = await db.selectFrom('unit_check_ins').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToCheckIn(row) : undefined;
}

/** The unit's last answer in the status period that began at `statusSince`. */
export async function lastAnswerOf(db: Kysely<DB>, unitId: string, statusSince: string): Promise<string | null> {
  const row = await db
    .selectFrom('unit_check_ins')
    .select((eb) => eb.fn.max('answered_at').as('at'))
    .where('unit_id', '=', unitId)
    .where('status_since', '=', statusSince)
    .executeTakeFirst();
  return (row?.at as string | null | undefined) ?? null;
}

export async function insertCheckIn(trx: Kysely<DB>, c: { unitId: string; statusSince: string; at: string }): Promise<StoredCheckIn> {
  const row: UnitCheckInTable = {
    id: randomUUID(),
    unit_id: c.unitId,
    status_since: c.statusSince,
    requested_at: c.at,
    answered_at: null,
    cancelled_at: null,
    level: 0,
    alert_id: null,
  };
  await trx.insertInto('unit_check_ins').values(row).execute();
  return rowToCheckIn(row);
}

/** Ends an open request (answered or cancelled); false when it was not open any more. */
export async function closeCheckIn(trx: Kysely<DB>, id: string, how: 'answered' | 'cancelled', at: string): Promise<boolean> {
  const result = await trx
    .updateTable('unit_check_ins')
    .set(how === 'answered' ? { answered_at: at } : { cancelled_at: at })
    .where('id', '=', id)
    .where('answered_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function setCheckInLevel(trx: Kysely<DB>, id: string, level: number, alertId: string): Promise<void> {
  await trx.updateTable('unit_check_ins').set({ level, alert_id: alertId }).where('id', '=', id).execute();
}

export async function setAlertEscalation(trx: Kysely<DB>, alertId: string, escalation: string): Promise<Alert | undefined> {
  await trx.updateTable('alerts').set({ escalation }).where('id', '=', alertId).execute();
  const row = await trx.selectFrom('alerts').selectAll().where('id', '=', alertId).executeTakeFirst();
  return row ? rowToAlert(row) : undefined;
}

/** Closes an alert the hub itself resolved (the unit answered): acknowledged by no one. */
export async function closeAlertBySystem(trx: Kysely<DB>, alertId: string, at: string): Promise<Alert | undefined> {
  const result = await trx.updateTable('alerts').set({ acked_at: at, acked_by: null }).where('id', '=', alertId).where('acked_at', 'is', null).executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  const row = await trx.selectFrom('alerts').selectAll().where('id', '=', alertId).executeTakeFirst();
  return row ? rowToAlert(row) : undefined;
}

export async function openCheckIns(db: Kysely<DB>): Promise<CheckIn[]> {
  const rows = await db.selectFrom('unit_check_ins').selectAll().where('answered_at', 'is', null).where('cancelled_at', 'is', null).orderBy('requested_at').execute();
  return rows.map((r) => publicCheckIn(rowToCheckIn(r)));
}

/** Per unit and status period (`${unitId}|${statusSince}`): the last answer, for the sweeper's read-only pass. */
export async function lastAnswers(db: Kysely<DB>, unitIds: readonly string[]): Promise<Map<string, string>> {
  if (unitIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('unit_check_ins')
    .select(['unit_id', 'status_since', (eb) => eb.fn.max('answered_at').as('at')])
    .where('unit_id', 'in', unitIds)
    .where('answered_at', 'is not', null)
    .groupBy(['unit_id', 'status_since'])
    .execute();
  return new Map(rows.flatMap((r) => (r.at ? [[`${r.unit_id}|${r.status_since}`, r.at as string] as const] : [])));
}

/** The open requests by unit, with what the sweeper needs. */
export async function openCheckInsByUnit(db: Kysely<DB>): Promise<Map<string, StoredCheckIn>> {
  const rows = await db.selectFrom('unit_check_ins').selectAll().where('answered_at', 'is', null).where('cancelled_at', 'is', null).execute();
  return new Map(rows.map((r) => [r.unit_id, rowToCheckIn(r)]));
}

/** The categories of these reports (the reports units work on). */
export async function categoriesOf(db: Kysely<DB>, reportIds: readonly string[]): Promise<Map<string, string>> {
  if (reportIds.length === 0) return new Map();
  const rows = await db.selectFrom('reports').select(['id', 'category']).where('id', 'in', reportIds).execute();
  return new Map(rows.map((r) => [r.id, r.category]));
}
