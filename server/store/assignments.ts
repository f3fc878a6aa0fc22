import type { Kysely } from 'kysely';
import type { Assignment, AssignmentState } from '../protocol/dispatch';
import type { AssignmentRow, DB } from './schema';

export function rowToAssignment(row: AssignmentRow): Assignment {
  return {
    id: row.id,
    reportId: row.report_id,
    unitId: row.unit_id,
    state: row.state as AssignmentState,
    offeredAt: row.offered_at,
    expiresAt: row.expires_at,
    respondedAt: row.responded_at,
    offeredBy: row.offered_by,
  };
}

export async function getAssignment(db: Kysely<DB>, id: string): Promise<Assignment | undefined> {
  const row = await db.selectFrom('assignments').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? rowToAssignment(row) : undefined;
}

export async function insertAssignment(trx: Kysely<DB>, a: Assignment): Promise<void> {
  await trx
    .insertInto('assignments')
    .values({
      id: a.id,
      report_id: a.reportId,
      unit_id: a.unitId,
      state: a.state,
      offered_at: a.offeredAt,
      expires_at: a.expiresAt,
      responded_at: a.respondedAt,
      offered_by: a.offeredBy,
    })
    .execute();
}

/**
 * Moves an assignment out of `from` only if it is still there: with several hub nodes exactly one
 * of them wins (an answer racing the timeout, two sweepers), the others see false.
 */
export async function moveAssignment(trx: Kysely<DB>, id: string, from: AssignmentState, to: AssignmentState, at: string): Promise<boolean> {
  const result = await trx
    .updateTable('assignments')
    .set({ state: to, responded_at: at })
    .where('id', '=', id)
    .where('state', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function activeAssignmentsOfUnit(db: Kysely<DB>, unitId: string): Promise<Assignment[]> {
  const rows = await db
    .selectFrom('assignments')
    .selectAll()
    .where('unit_id', '=', unitId)
    .where('state', 'in', ['offered', 'accepted'])
    .orderBy('offered_at')
    .execute();
  return rows.map(rowToAssignment);
}

export async function assignmentsOfReport(db: Kysely<DB>, reportId: string): Promise<Assignment[]> {
  const rows = await db.selectFrom('assignments').selectAll().where('report_id', '=', reportId).orderBy('offered_at').execute();
  return rows.map(rowToAssignment);
}

/** Offered and accepted assignments: the dispatch board. */
export async function openAssignments(db: Kysely<DB>): Promise<Assignment[]> {
  const rows = await db.selectFrom('assignments').selectAll().where('state', 'in', ['offered', 'accepted']).execute();
  return rows.map(rowToAssignment);
}

/** Is (or was) this report assigned to this unit: may it report findings and photos for it? */
export async function isAssignedToUnit(db: Kysely<DB>, unitId: string, reportId: string): Promise<boolean> {
  const row = await db
    .selectFrom('assignments')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('report_id', '=', reportId)
    .where('state', 'in', ['accepted', 'completed'])
    .executeTakeFirst();
  return row !== undefined;
}

/** The report's assignments in these states, oldest first. */
export async function assignmentIdsOfReport(db: Kysely<DB>, reportId: string, states: readonly AssignmentState[]): Promise<string[]> {
  const rows = await db
    .selectFrom('assignments')
    .select('id')
    .where('report_id', '=', reportId)
    .where('state', 'in', [...states])
    .orderBy('offered_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** The unit's accepted assignment for the report, if any. */
export async function acceptedAssignmentOf(db: Kysely<DB>, unitId: string, reportId: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('assignments')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('report_id', '=', reportId)
    .where('state', '=', 'accepted')
    .executeTakeFirst();
  return row?.id;
}

export async function expiredOffers(db: Kysely<DB>, now: string, limit = 100): Promise<Assignment[]> {
  const rows = await db
    .selectFrom('assignments')
    .selectAll()
    .where('state', '=', 'offered')
    .where('expires_at', '<=', now)
    .limit(limit)
    .execute();
  return rows.map(rowToAssignment);
}

export async function acceptedLoadByUnit(db: Kysely<DB>): Promise<Map<string, number>> {
  const rows = await db
    .selectFrom('assignments')
    .select((eb) => ['unit_id', eb.fn.countAll().as('n')])
    .where('state', '=', 'accepted')
    .groupBy('unit_id')
    .execute();
  return new Map(rows.map((r) => [r.unit_id, Number(r.n)]));
}
