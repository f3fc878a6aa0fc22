import type { FastifyInstance } from 'fastify';
import type { HubDeps } from '../commands/context';
import { declarePriorityTraffic, liftPriorityTrafficCommand } from '../commands/priority-traffic';
import { runCommand } from '../commands/run-command';
import type { SafetyRules } from '../commands/safety';
import { positionMissing } from '../domain/safety-timers';
import type { PositionFix } from '../protocol/dispatch';
import { activePriorityTraffic } from '../store/priority-traffic';
import { openCheckIns } from '../store/safety-checks';
import { listUnits } from '../store/units';
import { route } from './route';

/** Spoedmeldingen (declare, lift, the active ones) and the hub's safety view (open check-ins, "geen positie"). */
export function registerSafetyRoutes(app: FastifyInstance, deps: HubDeps, rules: () => SafetyRules, live: () => ReadonlyMap<string, PositionFix>): void {
  const declare = declarePriorityTraffic(() => rules().shifts, live);

  route(app, 'priorityTraffic.list', async () => ({ traffic: await activePriorityTraffic(deps.store.db) }));

  route(app, 'priorityTraffic.declare', ({ body, user }) => runCommand(deps, declare, user, body));

  route(app, 'priorityTraffic.lift', ({ params, body, user }) => runCommand(deps, liftPriorityTrafficCommand, user, { ...body, id: params.id }));

  route(app, 'safety.status', async () => {
    const now = deps.clock();
    const positions = live();
    const units = await listUnits(deps.store.db);
    const missing = units.filter((u) => positionMissing({ ...u, position: positions.get(u.id) ?? u.position }, now, rules().safety)).map((u) => u.id);
    return { serverTime: now.toISOString(), checkIns: await openCheckIns(deps.store.db), positionMissing: missing };
  });
}
