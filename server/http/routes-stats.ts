import type { FastifyInstance } from 'fastify';
import type { HubDeps } from '../commands/context';
import { computeStats } from '../commands/stats';
import type { KpiTargets } from '../domain/kpi';
import { route } from './route';
import { statsCsv, statsFileName, statsXlsx } from './stats-export';

export interface StatsRouteSettings {
  targets: KpiTargets;
  /** The control room's time zone (the shift times'). */
  timeZone: string;
}

/** GET /api/stats: the shift lead's KPIs as JSON, CSV or XLSX (shift lead and admin; protocol/routes.ts). */
export function registerStatsRoutes(app: FastifyInstance, deps: HubDeps, settings: StatsRouteSettings): void {
  route(app, 'stats.get', async ({ query, reply }) => {
    const answer = await computeStats(
      deps.store.db,
      { from: query.from, to: query.to, by: query.by, trend: query.trend },
      { now: deps.clock(), timeZone: settings.timeZone, targets: settings.targets, neighbourhoods: deps.neighbourhoods ?? null, lang: query.lang },
    );
    if (query.format === 'json') return answer;
    const csv = query.format === 'csv';
    reply
      .header('Content-Type', csv ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('Content-Disposition', `attachment; filename="${statsFileName(answer, csv ? 'csv' : 'xlsx')}"`)
      .header('Cache-Control', 'no-store')
      .header('X-Content-Type-Options', 'nosniff');
    return csv ? statsCsv(answer, query.lang) : await statsXlsx(answer, query.lang);
  });
}
