import { newRequestId, runWithRequestId } from '../request-context';
import type { Namespace, Server, Socket } from 'socket.io';
import type { HubDeps } from '../commands/context';
import { acceptOffer, declineOffer } from '../commands/dispatch';
import { runCommand } from '../commands/run-command';
import { answerCheckIn } from '../commands/safety';
import { takeFromWorklist, worklistFor } from '../commands/context-worklist';
import { raiseEmergency } from '../commands/emergency';
import { setOwnUnitStatus, submitFinding } from '../commands/unit-status';
import { apiErrorOf, CommandError } from '../commands/errors';
import { commandText } from '../domain/command-texts';
import { isAllowed } from '../domain/permissions';
import { localDateString } from '../domain/sla';
import type { User } from '../protocol/auth';
import type { Ack } from '../protocol/common';
import { type FieldReport, PositionFix, type Unit } from '../protocol/dispatch';
import type { HubEvent } from '../protocol/events';
import type { Report } from '../protocol/report';
import { FIELD_NAMESPACE, type FieldClientToServer, type FieldEvent, type FieldServerToClient, type FieldState } from '../protocol/socket';
import { activeAssignmentsOfUnit, assignmentsOfReport } from '../store/assignments';
import { getReport } from '../store/reports';
import { taskingForDate } from '../store/tasking';
import { getUnit } from '../store/units';
import { sessionForToken } from '../store/sessions';
import { emergencyStateOf, publishEmergencyToField } from './emergency-field';
import type { PositionTracker } from './positions';
import { publishSafetyToField, safetyStateOf } from './safety-field';
import { sessionRoom } from './session-rooms';
import { userForCommand } from './session-sockets';

/** The signed-in field user, their unit, and the session the socket is bound to (hub/session-rooms.ts). */
type FieldSocketData = { user: User; unitId: string; sessionId: string; expiresAt: string };
type FieldNamespace = Namespace<FieldClientToServer, FieldServerToClient, Record<string, never>, FieldSocketData>;
type FieldSocket = Socket<FieldClientToServer, FieldServerToClient, Record<string, never>, FieldSocketData>;

const unitRoom = (unitId: string) => `unit:${unitId}`;

/** What a field unit may see of a report: no reporter, no notes, no history. */
export function toFieldReport(r: Report): FieldReport {
  return { id: r.id, number: r.number, category: r.category, lat: r.lat, lng: r.lng, address: r.address, description: r.description, priority: r.priority, status: r.status };
}

export async function fieldState(deps: HubDeps, unitId: string, livePosition?: Unit['position']): Promise<FieldState> {
  const unit = await getUnit(deps.store.db, unitId);
  if (!unit) throw new CommandError('not_found', commandText('command.unit.not_found'));
  const assignments = [];
  for (const assignment of await activeAssignmentsOfUnit(deps.store.db, unitId)) {
    const report = await getReport(deps.store.db, assignment.reportId);
    if (report) assignments.push({ assignment, report: toFieldReport(report) });
  }
  return {
    unit: livePosition ? { ...unit, position: livePosition } : unit,
    assignments,
    tasking: await taskingForDate(deps.store.db, localDateString(deps.clock()), unitId),
    serverTime: deps.clock().toISOString(),
    ...(await safetyStateOf(deps, unitId, livePosition)),
    ...(await emergencyStateOf(deps, unitId)),
  };
}

/** Routes a committed hub event to the field units it concerns, shaped for the field. */
export function publishToField(io: Server, deps: HubDeps, event: HubEvent): void {
  const field = io.of(FIELD_NAMESPACE) as unknown as FieldNamespace;
  const send = (unitId: string, e: FieldEvent) => field.to(unitRoom(unitId)).emit('field:event', e);
  publishSafetyToField(deps, event, send, (e) => field.emit('field:event', e));
  publishEmergencyToField(deps, event, send);
  if (event.type === 'assignment.updated') send(event.assignment.unitId, { type: 'assignment', assignment: event.assignment, report: toFieldReport(event.report) });
  // Worklists hold low-priority reports nobody has: any offer or take of one may change every unit's list.
  if (event.type === 'assignment.updated' && event.report.priority === 'low') field.emit('field:event', { type: 'worklist' });
  else if (event.type === 'unit.updated') send(event.unit.id, { type: 'unit', unit: event.unit });
  else if (event.type === 'tasking.updated') field.emit('field:event', { type: 'tasking' });
  else if (event.type === 'report.transitioned') {
    // The units working on the report see its new status (e.g. in_progress, awaiting_review).
    const report = toFieldReport(event.report);
    assignmentsOfReport(deps.store.db, event.report.id)
      .then((assignments) => {
        for (const assignment of assignments.filter((a) => a.state === 'accepted')) send(assignment.unitId, { type: 'assignment', assignment, report });
      })
      .catch((err) => deps.log.warn({ err }, 'field report update not sent'));
  }
}

function ackError(err: unknown, deps: HubDeps): Ack<never> {
  if (!(err instanceof CommandError)) deps.log.error({ err }, 'field command failed');
  return { ok: false, error: apiErrorOf(err) };
}

export function createFieldNamespace(io: Server, deps: HubDeps, positions: PositionTracker): void {
  const field = io.of(FIELD_NAMESPACE) as unknown as FieldNamespace;
  field.use(async (socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
    const session = typeof token === 'string' ? await sessionForToken(deps.store.db, token, deps.clock()).catch(() => undefined) : undefined;
    const user = session?.user;
    if (!session || !user) return next(new Error('unauthenticated'));
    if (!isAllowed('field.connect', user.role) || !user.unitId) return next(new Error('forbidden'));
    socket.data.user = user;
    socket.data.unitId = user.unitId;
    socket.data.sessionId = session.id;
    socket.data.expiresAt = session.expiresAt;
    next();
  });

  field.on('connection', (socket: FieldSocket) => {
    const { user, unitId } = socket.data;
    socket.join(unitRoom(unitId));
    socket.join(sessionRoom(socket.data.sessionId));
    const emergency = raiseEmergency(() => positions.latest.get(unitId));
    const handle = <T>(run: (payload: unknown) => Promise<T>) => async (payload: unknown, ack?: unknown) => {
      if (typeof ack !== 'function') return;
      if (!(await userForCommand(deps, socket, ack as (result: Ack<never>) => void))) return;
      // Each command under a request id of its own (server/request-context.ts).
      const requestId = newRequestId();
      await runWithRequestId(requestId, async () => {
        try {
          ack({ ok: true, data: await run(payload), requestId });
        } catch (err) {
          ack({ ...ackError(err, deps), requestId });
        }
      });
    };
    socket.on('field:state', handle(() => fieldState(deps, unitId, positions.latest.get(unitId) ?? null)));
    socket.on('offer:accept', handle((p) => runCommand(deps, acceptOffer, user, p)));
    socket.on('offer:decline', handle((p) => runCommand(deps, declineOffer, user, p)));
    socket.on('unit:status', handle((p) => runCommand(deps, setOwnUnitStatus, user, p)));
    socket.on('finding:submit', handle((p) => runCommand(deps, submitFinding, user, p)));
    socket.on('check_in:answer', handle((p) => runCommand(deps, answerCheckIn, user, p)));
    socket.on(
      'worklist:get',
      handle((p) => {
        // The device may send its own fix: the order is then from where the officer stands now.
        const fix = PositionFix.safeParse((p as { position?: unknown } | null)?.position);
        return worklistFor(deps, user, fix.success ? fix.data : positions.latest.get(unitId));
      }),
    );
    socket.on('worklist:take', handle((p) => runCommand(deps, takeFromWorklist, user, p)));
    socket.on(
      'emergency',
      handle((p) => {
        const fix = PositionFix.safeParse((p as { position?: unknown } | null)?.position);
        if (fix.success) positions.accept(unitId, fix.data);
        return runCommand(deps, emergency, user, p);
      }),
    );
    socket.on('position', (payload: unknown) => {
      // No lookup per fix: the session's end disconnects the socket; its expiry is checked here.
      if (deps.clock().toISOString() >= socket.data.expiresAt) return void socket.disconnect();
      const fix = PositionFix.safeParse(payload);
      if (fix.success) positions.accept(unitId, fix.data);
    });
  });
}
