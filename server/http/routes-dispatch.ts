import type { FastifyInstance } from 'fastify';
import type { HubDeps } from '../commands/context';
import { offerUnits, recommendForReport } from '../commands/dispatch';
import { runCommand } from '../commands/run-command';
import { createFocusArea, createTasking } from '../commands/tasking';
import { localDateString } from '../domain/sla';
import type { PositionFix } from '../protocol/dispatch';
import { openAlerts } from '../store/alerts';
import { openAssignments } from '../store/assignments';
import { openEmergencies } from '../store/emergencies';
import { activeFocusAreas, taskingForDate } from '../store/tasking';
import { listUnits } from '../store/units';
import { route } from './route';

/** The units board, alerts, recommendations and offers, and the day's tasking (photos: routes-photos.ts). */
export function registerDispatchRoutes(app: FastifyInstance, deps: HubDeps, livePositions: () => Map<string, PositionFix>): void {
  const { store } = deps;

  route(app, 'units.list', async () => {
    const live = livePositions();
    const units = (await listUnits(store.db)).map((u) => ({ ...u, position: live.get(u.id) ?? u.position }));
    return { units, assignments: await openAssignments(store.db) };
  });

  // Only the kinds whose audience the role is in (domain/alert-kinds.ts), as on the socket.
  route(app, 'alerts.list', async ({ user }) => ({ alerts: await openAlerts(store.db, user.role) }));

  route(app, 'emergencies.list', async () => ({ emergencies: await openEmergencies(store.db) }));

  route(app, 'reports.recommendations', async ({ params }) => ({ recommendations: await recommendForReport(deps, params.id, livePositions()) }));

  route(app, 'offers.create', async ({ body, user }) => ({ assignments: await runCommand(deps, offerUnits, user, body) }));

  route(app, 'tasking.get', async ({ query }) => {
    const date = query.date ?? localDateString(deps.clock());
    return { date, tasking: await taskingForDate(store.db, date), areas: await activeFocusAreas(store.db, deps.clock().toISOString()) };
  });

  route(app, 'focusAreas.create', ({ body, user }) => runCommand(deps, createFocusArea, user, body));

  route(app, 'tasking.create', ({ body, user }) => runCommand(deps, createTasking, user, body));
}
