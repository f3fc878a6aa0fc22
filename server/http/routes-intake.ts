import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { HubDeps } from '../commands/context';
import { apiError } from '../commands/errors';
import { findNearbyReports, linkReporter, mergeDuplicate } from '../commands/intake';
import { runCommand } from '../commands/run-command';
import { addressNewSignal } from '../commands/signal-address';
import { receiveSocialSignal } from '../commands/signals';
import { importSignals, previewSignalImport } from '../commands/survey-import';
import { commandText } from '../domain/command-texts';
import { type CellTally, type HotspotPoint, hotspotWindow, rankHotspots, tallyPoints } from '../domain/hotspots';
import { aggregateNeighbourhoodHotspots, type Neighbourhood } from '../domain/neighbourhood-hotspots';
import { reportPlacesBetween, tallyReportCells } from '../store/hotspots';
import { searchReports } from '../store/report-search';
import { signalPlacesBetween, signalsBetween } from '../store/signals';
import type { IntakeConfig } from './intake-config';
import { route } from './route';

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

  route(app, 'reports.search', async ({ query }) => ({ hits: await searchReports(store.db, query.q, query.limit) }));

  route(app, 'reports.nearby', ({ query }) => findNearbyReports(deps, query, duplicateSearch));

  route(app, 'reports.linkReporter', ({ params, body, user }) => runCommand(deps, linkReporter, user, { ...body, reportId: params.id }));

  route(app, 'reports.merge', ({ params, body, user }) => runCommand(deps, mergeDuplicate, user, { ...body, duplicateId: params.id }));

  // A dry run writes nothing: answered like the preview, without the write transaction (and its lock).
  route(
    app,
    'signals.import',
    ({ body, user }) => (body.dryRun ? previewSignalImport(deps, user, body) : runCommand(deps, importSignals, user, body)),
    { bodyLimit: IMPORT_BODY_LIMIT },
  );

  route(app, 'signals.preview', ({ body, user }) => previewSignalImport(deps, user, body), { bodyLimit: IMPORT_BODY_LIMIT });

  route(
    app,
    'signals.webhook',
    async ({ body, reply }) => {
      const answer = await runCommand(deps, receiveSocialSignal, 'system', body);
      addressNewSignal(deps, answer);
      if (!answer.created) reply.code(200);
      return answer;
    },
    {
      // Checked before the body is parsed: an unauthenticated caller costs no parsing and writes nothing.
      onRequest: async (request, reply) => {
        if (!config.webhookKey) {
          return reply.status(503).send(apiError('unavailable', commandText('command.webhook.not_configured')));
        }
        if (!webhookKeyMatches(request.headers[WEBHOOK_KEY_HEADER], config.webhookKey)) {
          return reply.status(401).send(apiError('unauthenticated', commandText('command.access.webhook_key')));
        }
      },
    },
  );

  route(app, 'signals.list', async ({ query }) => {
    const window = hotspotWindow(deps.clock(), query.days);
    return { signals: await signalsBetween(store.db, window.from, window.until), from: window.from, until: window.until };
  });

  route(app, 'hotspots.get', async ({ query: { days, resolution, limit, by } }) => {
    if (by === 'neighbourhood' && !neighbourhoods) return { configured: false as const };
    const now = deps.clock();
    const window = hotspotWindow(now, days);
    const signals = (await signalPlacesBetween(store.db, window.previousFrom, window.until)).map((s) => ({ ...s, kind: 'signal' as const }));
    if (by === 'neighbourhood' && neighbourhoods) {
      const reports = await reportPlacesBetween(store.db, window.previousFrom, window.until);
      const points: HotspotPoint[] = [...reports.map((r) => ({ ...r, kind: 'report' as const })), ...signals];
      const aggregate = aggregateNeighbourhoodHotspots(points, neighbourhoods, { now, days, limit });
      return { configured: true as const, by: 'neighbourhood' as const, ...aggregate, days };
    }
    // Reports counted per stored H3 cell in the store; the few signals per place here.
    const tallies = new Map<string, CellTally>();
    await tallyReportCells(store.db, tallies, window, resolution);
    tallyPoints(tallies, signals, window, resolution);
    return { ...rankHotspots(tallies, window, limit), resolution, days, neighbourhoods: neighbourhoods !== null };
  });
}
