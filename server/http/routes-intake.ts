import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { HubDeps } from '../commands/context';
import { findNearbyReports, linkReporter, mergeDuplicate } from '../commands/intake';
import { runCommand } from '../commands/run-command';
import { importSignals, previewSignalImport, receiveSocialSignal } from '../commands/signals';
import { parseOrThrow } from '../commands/validate';
import { aggregateHotspots, type HotspotPoint, hotspotWindow } from '../domain/hotspots';
import { aggregateNeighbourhoodHotspots, type Neighbourhood } from '../domain/neighbourhood-hotspots';
import type { ApiError } from '../protocol/common';
import {
  HotspotsQuery,
  type HotspotsResponse,
  type NearbyResponse,
  type NeighbourhoodHotspotsResponse,
  SignalsQuery,
  type SignalsResponse,
} from '../protocol/intake';
import { reportPlacesBetween } from '../store/reports';
import { signalPlacesBetween, signalsBetween } from '../store/signals';
import { requireUser } from './access';
import type { IntakeConfig } from './intake-config';

export const WEBHOOK_KEY_HEADER = 'x-meldkamer-webhook-key';
const IMPORT_BODY_LIMIT = 12 * 1024 * 1024;

/** Constant-time comparison of the presented key with the configured one (hashes: equal length). */
export function webhookKeyMatches(presented: unknown, expected: string): boolean {
  if (typeof presented !== 'string' || presented === '') return false;
  const a = createHash('sha256').update(presented).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Phone/counter intake (nearby duplicates, linking a caller, merging duplicates), signals
 * (CSV import, social-media webhook, map layer) and hotspots (per H3 cell, or per neighbourhood when
 * `neighbourhoods` are configured: see neighbourhoods-config.ts).
 */
export function registerIntakeRoutes(
  app: FastifyInstance,
  deps: HubDeps,
  config: IntakeConfig,
  neighbourhoods: readonly Neighbourhood[] | null,
): void {
  const { store } = deps;
  const duplicateSearch = { radiusMeters: config.duplicateRadiusMeters, periodDays: config.duplicatePeriodDays };

  app.get('/api/reports/nearby', { config: { access: 'report.list' } }, async (request): Promise<NearbyResponse> =>
    findNearbyReports(deps, request.query, duplicateSearch),
  );

  app.post<{ Params: { id: string } }>('/api/reports/:id/reporters', { config: { access: 'report.create' } }, async (request, reply) => {
    const report = await runCommand(deps, linkReporter, requireUser(request), { ...(request.body as object), reportId: request.params.id });
    return reply.status(201).send(report);
  });

  app.post<{ Params: { id: string } }>('/api/reports/:id/duplicate-of', { config: { access: 'report.merge' } }, async (request) =>
    runCommand(deps, mergeDuplicate, requireUser(request), { ...(request.body as object), duplicateId: request.params.id }),
  );

  app.post('/api/signals/import', { config: { access: 'signals.import' }, bodyLimit: IMPORT_BODY_LIMIT }, async (request) =>
    runCommand(deps, importSignals, requireUser(request), request.body),
  );

  app.post('/api/signals/preview', { config: { access: 'signals.import' }, bodyLimit: IMPORT_BODY_LIMIT }, async (request) =>
    previewSignalImport(deps, requireUser(request), request.body),
  );

  app.post(
    '/api/signals/webhook',
    {
      // Authenticates itself with a shared key instead of a session.
      config: { access: 'public' },
      // Checked before the body is parsed: an unauthenticated caller costs no parsing and writes nothing.
      onRequest: async (request, reply) => {
        if (!config.webhookKey) {
          const body: ApiError = { code: 'unavailable', message: 'Webhook niet geconfigureerd (MELDKAMER_WEBHOOK_KEY ontbreekt)' };
          return reply.status(503).send(body);
        }
        if (!webhookKeyMatches(request.headers[WEBHOOK_KEY_HEADER], config.webhookKey)) {
          const body: ApiError = { code: 'unauthenticated', message: 'Ontbrekende of ongeldige webhooksleutel' };
          return reply.status(401).send(body);
        }
      },
    },
    async (request, reply) => {
      const { signal, created } = await runCommand(deps, receiveSocialSignal, 'system', request.body);
      return reply.status(created ? 201 : 200).send({ signal, created });
    },
  );

  app.get('/api/signals', { config: { access: 'report.list' } }, async (request): Promise<SignalsResponse> => {
    const { days } = parseOrThrow(SignalsQuery, request.query);
    const window = hotspotWindow(deps.clock(), days);
    return { signals: await signalsBetween(store.db, window.from, window.until), from: window.from, until: window.until };
  });

  app.get('/api/hotspots', { config: { access: 'report.list' } }, async (request): Promise<HotspotsResponse | NeighbourhoodHotspotsResponse> => {
    const { days, resolution, limit, by } = parseOrThrow(HotspotsQuery, request.query);
    if (by === 'neighbourhood' && !neighbourhoods) return { configured: false };
    const now = deps.clock();
    const window = hotspotWindow(now, days);
    const [reports, signals] = await Promise.all([
      reportPlacesBetween(store.db, window.previousFrom, window.until),
      signalPlacesBetween(store.db, window.previousFrom, window.until),
    ]);
    const points: HotspotPoint[] = [...reports.map((r) => ({ ...r, kind: 'report' as const })), ...signals.map((s) => ({ ...s, kind: 'signal' as const }))];
    if (by === 'neighbourhood' && neighbourhoods) {
      const aggregate = aggregateNeighbourhoodHotspots(points, neighbourhoods, { now, days, limit });
      return { configured: true, by: 'neighbourhood', ...aggregate, days };
    }
    const aggregate = aggregateHotspots(points, { now, days, resolution, limit });
    return { ...aggregate, resolution, days, neighbourhoods: neighbourhoods !== null };
  });
}
