import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { commandText } from '../domain/command-texts';
import { OFFER_AUTHORITY } from '../domain/lifecycle';
import { isAllowed } from '../domain/permissions';
import { boxOfPolygons, contextText, onWorklist, WORKLIST_LIMIT, WORKLIST_STATUSES, walkingOrder } from '../domain/report-context';
import { localDateString } from '../domain/sla';
import { canHandle } from '../domain/unit-skills';
import type { User } from '../protocol/auth';
import type { Assignment, FieldReport, Unit } from '../protocol/dispatch';
import { type Worklist, WorklistTake } from '../protocol/report-context';
import { assignmentIdsOfReport, insertAssignment } from '../store/assignments';
import { worklistCandidates } from '../store/report-context';
import type { DB } from '../store/schema';
import { taskedAreasByUnit } from '../store/tasking';
import type { HubDeps } from './context';
import { ownUnitId } from './dispatch';
import { CommandError } from './errors';
import { applyTransition } from './lifecycle';
import { userCommand } from './run-command';
import { assignmentEvent, changeUnit, requireReport, requireUnit } from './unit-events';

/**
 * A field unit's worklist (looplijst, issue 13 point 11): the hub decides what is on it (domain/report-context.ts
 * onWorklist) and in which order (nearest neighbour from the unit's position); the unit takes reports one by one.
 * Taking is the offer-and-accept flow in one step, for the unit itself: the unit goes aangeboden → onderweg,
 * an accepted assignment is written and the report moves to dispatched, as when a unit accepts an offer.
 * A report with an open offer or a unit is on nobody's list, and cannot be taken.
 */

type Candidate = Awaited<ReturnType<typeof worklistCandidates>>[number];

async function listedReports(db: Kysely<DB>, now: Date, unit: Unit): Promise<Candidate[]> {
  const areas = (await taskedAreasByUnit(db, localDateString(now))).get(unit.id) ?? [];
  const box = boxOfPolygons(areas);
  if (!box) return [];
  const candidates = await worklistCandidates(db, box, WORKLIST_STATUSES, 500);
  return candidates.filter((r) => onWorklist(r, areas, (category) => canHandle(unit.kind, category)));
}

const toFieldReport = (r: Candidate): FieldReport => ({
  id: r.id,
  number: r.number,
  category: r.category,
  lat: r.lat,
  lng: r.lng,
  address: r.address,
  description: r.description,
  priority: r.priority as FieldReport['priority'],
  status: r.status,
});

export async function worklistFor(deps: HubDeps, user: User, livePosition: Unit['position'] | undefined): Promise<Worklist> {
  if (!isAllowed('field.worklist', user.role)) throw new CommandError('forbidden', commandText('command.access.role_not_allowed'));
  const unit = await requireUnit(deps.store.db, ownUnitId(user));
  const position = livePosition ?? unit.position;
  const ordered = walkingOrder(position ? { lat: position.lat, lng: position.lng } : null, await listedReports(deps.store.db, deps.clock(), unit)).slice(0, WORKLIST_LIMIT);
  return {
    items: ordered.map(({ item, legMeters }) => ({ report: toFieldReport(item), legMeters })),
    from: position ? 'position' : 'none',
    generatedAt: deps.clock().toISOString(),
  };
}

export const takeFromWorklist = userCommand({
  name: 'worklist.take',
  access: 'field.worklist',
  input: WorklistTake,
  commandId: (cmd) => cmd.commandId,
  log: { message: 'report taken from worklist', fields: (a: Assignment) => ({ reportId: a.reportId, unitId: a.unitId }) },
  async apply(tx, cmd, user): Promise<Assignment> {
    const unitId = ownUnitId(user);
    const unit = await requireUnit(tx.trx, unitId);
    const report = await requireReport(tx.trx, cmd.reportId);
    // Under the write lock: a desk offer or another unit's take that came first wins.
    if ((await assignmentIdsOfReport(tx.trx, report.id, ['offered', 'accepted'])).length > 0) {
      throw new CommandError('conflict', contextText('context.worklist.taken', { number: report.number }));
    }
    if (!(await listedReports(tx.trx, tx.now, unit)).some((r) => r.id === report.id)) {
      throw new CommandError('conflict', contextText('context.worklist.not_listed', { number: report.number }));
    }
    if (unit.status !== 'beschikbaar') throw new CommandError('conflict', contextText('context.worklist.unit_busy'));
    const assignment: Assignment = {
      id: randomUUID(),
      reportId: report.id,
      unitId,
      state: 'accepted',
      offeredAt: tx.at,
      expiresAt: tx.at,
      respondedAt: tx.at,
      offeredBy: user.id,
    };
    await insertAssignment(tx.trx, assignment);
    await changeUnit(tx, unitId, { status: 'aangeboden', currentReportId: report.id }, 'system', user.id);
    await changeUnit(tx, unitId, { status: 'onderweg' }, 'system', user.id);
    await applyTransition(tx, { kind: OFFER_AUTHORITY, id: user.id }, report.id, { to: 'dispatched' });
    await assignmentEvent(tx, assignment, user.id);
    return assignment;
  },
});
