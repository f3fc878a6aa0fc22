import type { FastifyInstance } from 'fastify';
import type { HubDeps } from '../commands/context';
import type { Neighbourhood } from '../domain/neighbourhood-hotspots';
import { signalsBoard, weekWindows } from '../domain/signal-trends';
import { boardPointsBetween } from '../store/signals-board';
import { focusAreasEndingAfter } from '../store/tasking';
import { route } from './route';

/** The signals dashboard: reports and signals per neighbourhood and week, the rising ones, the focus areas that answer them. */
export function registerSignalsBoardRoutes(app: FastifyInstance, deps: HubDeps, neighbourhoods: readonly Neighbourhood[] | null): void {
  route(app, 'signals.dashboard', async ({ query }) => {
    if (!neighbourhoods) return { configured: false as const };
    const now = deps.clock();
    const windows = weekWindows(now, query.weeks);
    const from = windows[0]?.from ?? now.toISOString();
    const latestWeek = windows.at(-1)?.from ?? from;
    const [points, areas] = await Promise.all([boardPointsBetween(deps.store.db, from, now.toISOString()), focusAreasEndingAfter(deps.store.db, latestWeek)]);
    return signalsBoard(points, neighbourhoods, areas, now, query.weeks);
  });
}
