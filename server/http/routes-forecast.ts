import type { FastifyInstance } from 'fastify';
import type { HubDeps } from '../commands/context';
import { forecastAt } from '../store/forecast';
import { route } from './route';

/** The hotspot forecast for the coming week (police coordinator, shift lead); `timeZone`: the shifts' time zone. */
export function registerForecastRoutes(app: FastifyInstance, deps: HubDeps, timeZone: string): void {
  route(app, 'forecast.get', async ({ query }) => forecastAt(deps.store.db, deps.clock(), timeZone, query.limit));
}
